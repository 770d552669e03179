import Foundation
import HTTPTypes
import StemCheckReview
import StemCheckServer
import Testing

/// Sessions, CSRF, the sign-in limit, headers; another submitter's objects.
@Suite struct SecurityTests {
    @Test(arguments: TestDatabase.flavors)
    func sessionCookieAndCSRF(_ flavor: SQLFlavor) async throws {
        guard let h = try await Harness.make(flavor) else { return }
        defer { Task { await h.close() } }
        try await h.run { c in
            let login = try await c.call(.post, "/api/v1/session", as: nil, json: ["login": "sam", "password": Cast.password])
            #expect(login.status == 201)
            let cookie = try #require(login.headers[.setCookie])
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Strict"))
            let csrf = try #require(login.object["csrf_token"] as? String)
            let session = String(cookie.split(separator: ";")[0])
            var headers: HTTPFields = [.cookie: session]
            #expect(try await c.call(.get, "/api/v1/me", as: nil, headers: headers).status == 200)
            // A state change with the cookie but without the CSRF token is rejected.
            let body = Array("title: x\n".utf8)
            let noToken = try await c.call(.post, "/api/v1/submissions?title=T", as: nil, raw: body, headers: headers)
            #expect(noToken.status == 403)
            #expect(noToken.errorCode == "csrf")
            headers[HTTPField.Name("X-CSRF-Token")!] = "wrong"
            #expect(try await c.call(.post, "/api/v1/submissions?title=T", as: nil, raw: body, headers: headers).status == 403)
            headers[HTTPField.Name("X-CSRF-Token")!] = csrf
            #expect(try await c.call(.post, "/api/v1/submissions?title=T", as: nil, raw: body, headers: headers).status == 201)
            // Sign-out ends the session.
            #expect(try await c.call(.delete, "/api/v1/session", as: nil, headers: headers).status == 204)
            #expect(try await c.call(.get, "/api/v1/me", as: nil, headers: [.cookie: session]).status == 401)
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func signInLimit(_ flavor: SQLFlavor) async throws {
        guard let h = try await Harness.make(flavor) else { return }
        defer { Task { await h.close() } }
        try await h.run { c in
            for _ in 0..<5 {
                #expect(try await c.call(.post, "/api/v1/session", as: nil, json: ["login": "sam", "password": "guess"]).status == 401)
            }
            let limited = try await c.call(.post, "/api/v1/session", as: nil, json: ["login": "sam", "password": Cast.password])
            #expect(limited.status == 429)
            let history = try await h.store.read { tx in try await tx.first("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'session.login_failed'")?.decode(column: "n", as: Int.self) }
            #expect(history == 6)
        }
    }

    @Test func headersAndUnknownToken() async throws {
        guard let h = try await Harness.make(.sqlite) else { return }
        defer { Task { await h.close() } }
        try await h.run { c in
            let r = try await c.call(.get, "/api/v1/health", as: nil)
            #expect(r.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true)
            #expect(r.headers[.xContentTypeOptions] == "nosniff")
            #expect(r.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
            #expect(try await c.call(.get, "/api/v1/me", as: nil, headers: [.authorization: "Bearer sck_nope"]).status == 401)
            #expect(try await c.call(.get, "/api/v1/submissions", as: nil).status == 401)
        }
    }

    /// A stored HTML report is served under a policy that allows exactly its own style elements
    /// and no script; the letters' stylesheet is served.
    @Test func storedDocumentsPolicy() async throws {
        guard let h = try await Harness.make(.sqlite) else { return }
        defer { Task { await h.close() } }
        try await h.run { c in
            let id = try await c.create("sam")
            let report = try await c.call(.get, "/api/v1/submissions/\(id)/versions/1/report?format=html", as: "sam")
            let policy = try #require(report.headers[.contentSecurityPolicy])
            #expect(policy.hasPrefix("default-src 'none'; style-src 'self' 'sha256-"))
            #expect(!policy.contains("script-src"))
            #expect(!policy.contains("unsafe-inline"))
            let css = try await c.call(.get, "/static/letter.css", as: nil)
            #expect(css.status == 200)
            #expect(css.text.contains("@media print"))
        }
    }

    /// A deactivated account's token stops working; the account is kept, its login never reused.
    @Test(arguments: TestDatabase.flavors)
    func deactivation(_ flavor: SQLFlavor) async throws {
        guard let h = try await Harness.make(flavor) else { return }
        defer { Task { await h.close() } }
        _ = try await h.service.setRoles(login: "rob", roles: nil, active: false)
        try await h.run { c in
            let r = try await c.call(.get, "/api/v1/me", as: "rob")
            #expect(r.status == 401)
        }
        await #expect(throws: ServiceError.self) {
            _ = try await h.service.addUser(login: "rob", printedName: "Another Rob", email: "", roles: [.reviewer], password: Cast.password)
        }
    }
}
