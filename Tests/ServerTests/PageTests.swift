import Foundation
import HTTPTypes
import StemCheckReview
import StemCheckServer
import Testing

/// The board's pages through the router: sign-in, the forms' CSRF field, escaping, object access,
/// multipart upload. (The whole flow in a real browser is Tests/Browser/pages_test.py.)
@Suite struct PageTests {
    static func form(_ fields: [(String, String)]) -> [UInt8] {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return Array(fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)" }.joined(separator: "&").utf8)
    }

    static let formType: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    /// Signs in through the page; returns the session cookie and the CSRF token of the next page.
    static func signIn(_ c: Client, _ login: String) async throws -> (cookie: String, csrf: String) {
        let reply = try await postSignIn(c, [("login", login), ("password", Cast.password), ("next", "/queue")])
        #expect(reply.status == 303)
        #expect(reply.headers[.location] == "/queue")
        let cookie = String(try #require(reply.headers[.setCookie]).split(separator: ";")[0])
        let queue = try await c.call(.get, "/queue", as: nil, headers: [.cookie: cookie])
        #expect(queue.status == 200)
        return (cookie, try token(in: queue.text))
    }

    /// The value of `name="csrf" value="…"` in a page.
    static func token(in html: String) throws -> String {
        let marker = "name=\"csrf\" value=\""
        let start = try #require(html.range(of: marker))
        return String(html[start.upperBound...].prefix { $0 != "\"" })
    }

    /// Gets the sign-in form (its cookie and token), then posts `fields` with them.
    static func postSignIn(_ c: Client, _ fields: [(String, String)]) async throws -> Reply {
        let page = try await c.call(.get, "/sign-in", as: nil)
        let cookie = String(try #require(page.headers[.setCookie]).split(separator: ";")[0])
        var headers = formType
        headers[.cookie] = cookie
        return try await c.call(.post, "/sign-in", as: nil, raw: form(fields + [("csrf", try token(in: page.text))]), headers: headers)
    }

    @Test func signInFormIsTiedToTheBrowser() async throws {
        guard let h = try await Harness.make(.sqlite) else { return }
        defer { Task { await h.close() } }
        try await h.run { c in
            // A form posted from elsewhere has no sign-in cookie: refused, no session.
            let forged = try await c.call(.post, "/sign-in", as: nil, raw: Self.form([("login", "sam"), ("password", Cast.password), ("csrf", "abc")]),
                                          headers: Self.formType)
            #expect(forged.status == 403)
            #expect(forged.headers[.setCookie]?.hasPrefix("stemcheck_session") != true)
            let good = try await Self.postSignIn(c, [("login", "sam"), ("password", Cast.password)])
            #expect(good.status == 303)
            #expect(good.headers[.setCookie]?.hasPrefix("stemcheck_session=") == true)
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func formsNeedTheirCSRFField(_ flavor: SQLFlavor) async throws {
        guard let h = try await Harness.make(flavor) else { return }
        defer { Task { await h.close() } }
        try await h.run { c in
            let id = try await c.create("sam")
            let (cookie, csrf) = try await Self.signIn(c, "sam")
            var headers = Self.formType
            headers[.cookie] = cookie
            let none = try await c.call(.post, "/submissions/\(id)/comments", as: nil, raw: Self.form([("text", "no token")]), headers: headers)
            #expect(none.status == 403)
            #expect(none.text.contains("CSRF"))
            let wrong = try await c.call(.post, "/submissions/\(id)/comments", as: nil,
                                         raw: Self.form([("csrf", String(repeating: "0", count: csrf.count)), ("text", "wrong token")]), headers: headers)
            #expect(wrong.status == 403)
            let right = try await c.call(.post, "/submissions/\(id)/comments", as: nil, raw: Self.form([("csrf", csrf), ("text", "with token")]), headers: headers)
            #expect(right.status == 303)
            let comments = try await c.submission(id)["comments"] as? [[String: Any]] ?? []
            #expect(comments.map { $0["text"] as? String } == ["with token"])
            // The API's header is not enough for a page's form, and a page's field is not enough for the API.
            var apiHeaders = headers
            apiHeaders[HTTPField.Name("X-CSRF-Token")!] = csrf
            #expect(try await c.call(.post, "/submissions/\(id)/comments", as: nil, raw: Self.form([("text", "header only")]), headers: apiHeaders).status == 403)
            #expect(try await c.call(.post, "/api/v1/submissions/\(id)/comments", as: nil, json: ["text": "x", "csrf": csrf], headers: [.cookie: cookie]).status == 403)
        }
    }

    @Test func anonymousVisitorsAreSentToSignIn() async throws {
        guard let h = try await Harness.make(.sqlite) else { return }
        defer { Task { await h.close() } }
        try await h.run { c in
            let queue = try await c.call(.get, "/queue?verdict=fail", as: nil)
            #expect(queue.status == 303)
            #expect(queue.headers[.location] == "/sign-in?next=%2Fqueue%3Fverdict%3Dfail")
            let post = try await c.call(.post, "/submissions/1/comments", as: nil, raw: Self.form([("text", "x")]), headers: Self.formType)
            #expect(post.status == 401)
            let wrong = try await Self.postSignIn(c, [("login", "sam"), ("password", "not it at all")])
            #expect(wrong.status == 401)
            #expect(wrong.text.contains("wrong login or password"))
            #expect(wrong.headers[.setCookie]?.hasPrefix("stemcheck_session") != true)
            // After sign-in the browser goes back where it was, never to another site.
            let away = try await Self.postSignIn(c, [("login", "sam"), ("password", Cast.password), ("next", "//evil.example/")])
            #expect(away.headers[.location] == "/queue")
        }
    }

    @Test func textIsEscapedEverywhere() async throws {
        guard let h = try await Harness.make(.sqlite) else { return }
        defer { Task { await h.close() } }
        try await h.run { c in
            let script = "<script>alert(1)</script>\"'&"
            let id = try await c.create("sam", title: script)
            _ = try await c.call(.post, "/api/v1/submissions/\(id)/comments", as: "sam", json: ["text": script])
            let (cookie, _) = try await Self.signIn(c, "sam")
            let page = try await c.call(.get, "/submissions/\(id)", as: nil, headers: [.cookie: cookie])
            #expect(page.status == 200)
            #expect(!page.text.contains("<script>"))
            #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;"))
            #expect(page.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true)
            let queue = try await c.call(.get, "/queue", as: nil, headers: [.cookie: cookie])
            #expect(!queue.text.contains("<script>"))
        }
    }

    @Test(arguments: TestDatabase.flavors)
    func otherSubmittersAndRolesAreRefused(_ flavor: SQLFlavor) async throws {
        guard let h = try await Harness.make(flavor) else { return }
        defer { Task { await h.close() } }
        try await h.run { c in
            let id = try await c.create("sam")
            let (sue, sueCSRF) = try await Self.signIn(c, "sue")
            for path in ["/submissions/\(id)", "/submissions/\(id)/compare", "/submissions/\(id)/audit", "/submissions/\(id)/determination"] {
                let reply = try await c.call(.get, path, as: nil, headers: [.cookie: sue])
                #expect(reply.status == 404, "\(path): \(reply.status)")
            }
            var headers = Self.formType
            headers[.cookie] = sue
            let post = try await c.call(.post, "/submissions/\(id)/actions/withdraw", as: nil, raw: Self.form([("csrf", sueCSRF)]), headers: headers)
            #expect(post.status == 404)
            #expect((try await c.submission(id))["state"] as? String == "draft")
            // Only an administrator manages accounts; the administrator sees no submission.
            #expect(try await c.call(.get, "/admin/users", as: nil, headers: [.cookie: sue]).status == 403)
            let (adm, _) = try await Self.signIn(c, "adm")
            #expect(try await c.call(.get, "/admin/users", as: nil, headers: [.cookie: adm]).status == 200)
            #expect(try await c.call(.get, "/submissions/\(id)", as: nil, headers: [.cookie: adm]).status == 404)
        }
    }

    @Test func multipartUploadCreatesACheckedSubmission() async throws {
        guard let h = try await Harness.make(.sqlite) else { return }
        defer { Task { await h.close() } }
        try await h.run { c in
            let (cookie, csrf) = try await Self.signIn(c, "sam")
            let boundary = "----stemcheck\(UInt32.random(in: 0...UInt32.max))"
            var body = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(csrf)\r\n".utf8)
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nCord blood; \"phase 2\"\r\n".utf8)
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"cp-ucb-phase2-us.yaml\"\r\nContent-Type: application/x-yaml\r\n\r\n".utf8)
            body += try fixture("cp-ucb-phase2-us.yaml") + Array("\r\n--\(boundary)--\r\n".utf8)
            let reply = try await c.call(.post, "/submissions", as: nil, raw: body,
                                         headers: [.cookie: cookie, .contentType: "multipart/form-data; boundary=\(boundary)"])
            #expect(reply.status == 303)
            let location = try #require(reply.headers[.location])
            #expect(location.hasSuffix("?done=uploaded"))
            let page = try await c.call(.get, location, as: nil, headers: [.cookie: cookie])
            #expect(page.text.contains("Cord blood; &quot;phase 2&quot;"))
            #expect(page.text.contains("Verdict: "))
            #expect(page.text.contains("cp-ucb-phase2-us.yaml"))
            #expect(page.text.contains("The protocol was uploaded and checked."))
        }
    }
}
