import Foundation
import Hummingbird
import StemCheckReview

/// The JSON REST API under `/api/v1`, described by `docs/openapi.yaml`. `routes` is the one list
/// the router is built from and the OpenAPI test compares with the document.
public struct API: Sendable {
    public typealias Handler = @Sendable (inout Request, ServerContext) async throws -> Response

    /// One route: method, path in OpenAPI form (`/api/v1/submissions/{id}`), handler.
    public struct Route: Sendable {
        public var method: HTTPRequest.Method
        public var path: String
        public var authenticated: Bool
        var handler: Handler
    }

    let service: ReviewService
    let secureCookies: Bool

    public init(service: ReviewService, secureCookies: Bool = false) {
        self.service = service
        self.secureCookies = secureCookies
    }

    // Request bodies.
    struct LoginBody: Decodable { var login: String; var password: String }
    struct TokenBody: Decodable { var name: String }
    struct RevisionBody: Decodable { var revision: Int64? }
    struct ReturnBody: Decodable { var stipulations: [ReviewService.StipulationInput]; var revision: Int64? }
    struct AddressBody: Decodable { var response: String }
    struct AcceptBody: Decodable { var path: ReviewPath; var revision: Int64? }
    struct AssignBody: Decodable { var reviewer: String; var kind: String? }
    struct CommentBody: Decodable { var text: String; var rule: String?; var version: Int? }
    struct AttestBody: Decodable {
        var rule: String; var kind: AttestationKind; var outcome: AttestationOutcome; var statement: String; var password: String?
    }
    struct DetermineBody: Decodable {
        var kind: DeterminationKind; var basis: String?; var conditions: [String]?; var password: String?; var revision: Int64?
    }

    /// Every route of the API.
    public var routes: [Route] {
        let s = service
        let secure = secureCookies
        @Sendable func id(_ c: ServerContext, _ name: String = "id") throws -> Int64 {
            guard let text = c.parameters.get(name), let value = Int64(text) else {
                throw ServiceError.badRequest("'\(c.parameters.get(name) ?? "")' is not a number", hint: "ids are whole numbers")
            }
            return value
        }
        @Sendable func seq(_ c: ServerContext) throws -> Int { Int(try id(c, "seq")) }
        @Sendable func ok(_ status: HTTPResponse.Status = .noContent) -> Response { Response(status: status) }
        @Sendable func query(_ r: Request, _ name: String) -> String? { r.uri.queryParameters.get(name) }
        @Sendable func intQuery(_ r: Request, _ name: String) throws -> Int? {
            guard let text = query(r, name) else { return nil }
            guard let value = Int(text) else { throw ServiceError.badRequest("query '\(name)=\(text)' is not a number") }
            return value
        }
        @Sendable func body(_ r: inout Request) async throws -> [UInt8] {
            let buffer = try await r.collectBody(upTo: (16 << 20) + 1)
            return Array(buffer: buffer)
        }
        @Sendable func bytes(_ b: [UInt8], _ type: String, filename: String? = nil) -> Response {
            var headers: HTTPFields = [.contentType: type]
            if let filename {
                headers[.contentDisposition] = "attachment; filename=\"\(filename.filter { $0 != "\"" && $0.isASCII })\""
            }
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: b)))
        }
        @Sendable func uploadName(_ r: Request) -> String { query(r, "filename") ?? "protocol.yaml" }

        return [
            Route(method: .get, path: "/api/v1/health", authenticated: false) { _, _ in
                JSONBody.response(["status": "ok"])
            },
            Route(method: .post, path: "/api/v1/session", authenticated: false) { r, c in
                let b = try await JSONBody.decode(LoginBody.self, from: &r, context: c)
                let session = try await s.login(b.login, password: b.password)
                struct Signed: Encodable { var csrfToken: String; var name: String; var roles: [String] }
                var response = JSONBody.response(Signed(csrfToken: session.csrf, name: session.actor.name,
                                                        roles: session.actor.roles.map(\.rawValue)), status: .created)
                response.headers[.setCookie] = "\(Authentication.cookie)=\(session.id); Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
                return response
            },
            Route(method: .delete, path: "/api/v1/session", authenticated: true) { _, c in
                if let id = c.sessionID { try await s.logout(id) }
                var response = ok()
                response.headers[.setCookie] = "\(Authentication.cookie)=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
                return response
            },
            Route(method: .get, path: "/api/v1/me", authenticated: true) { _, c in
                let a = try c.requireActor()
                struct Me: Encodable { var id: Int64; var name: String; var roles: [String] }
                return JSONBody.response(Me(id: a.id ?? 0, name: a.name, roles: a.roles.map(\.rawValue)))
            },
            Route(method: .post, path: "/api/v1/tokens", authenticated: true) { r, c in
                let b = try await JSONBody.decode(TokenBody.self, from: &r, context: c)
                let (record, secret) = try await s.createToken(for: nil, name: b.name, by: try c.requireActor())
                struct Created: Encodable { var id: Int64; var name: String; var token: String }
                return JSONBody.response(Created(id: record.id, name: record.name, token: secret), status: .created)
            },
            Route(method: .get, path: "/api/v1/users", authenticated: true) { _, c in
                guard try c.requireActor().has(.admin) else { throw ServiceError(403, "forbidden", "only an administrator lists accounts") }
                struct U: Encodable { var id: Int64; var login: String; var printedName: String; var roles: [String]; var active: Bool }
                return JSONBody.response(try await s.users().map { U(id: $0.id, login: $0.login, printedName: $0.printedName, roles: $0.roleList.map(\.rawValue), active: $0.active == 1) })
            },
            Route(method: .get, path: "/api/v1/submissions", authenticated: true) { r, c in
                let queue = try query(r, "queue").map { name in
                    guard let q = SubmissionState.Queue(rawValue: name) else {
                        throw ServiceError.badRequest("unknown queue '\(name)'", hint: "use " + SubmissionState.Queue.allCases.map(\.rawValue).joined(separator: ", "))
                    }
                    return q
                }
                return JSONBody.response(try await s.queue(try c.requireActor(), queue: queue))
            },
            Route(method: .post, path: "/api/v1/submissions", authenticated: true) { r, c in
                let actor = try c.requireActor()
                guard let title = query(r, "title") else {
                    throw ServiceError.badRequest("give the study's title as ?title=…", hint: "POST /api/v1/submissions?title=TITLE&filename=protocol.yaml with the protocol as the body")
                }
                let study = try intQuery(r, "study").map(Int64.init)
                let result = try await s.createSubmission(actor, title: title, filename: uploadName(r), bytes: try await body(&r), study: study)
                return JSONBody.response(result, status: .created)
            },
            Route(method: .get, path: "/api/v1/submissions/{id}", authenticated: true) { _, c in
                JSONBody.response(try await s.submission(try c.requireActor(), try id(c)))
            },
            Route(method: .post, path: "/api/v1/submissions/{id}/versions", authenticated: true) { r, c in
                let result = try await s.upload(try c.requireActor(), submission: try id(c), filename: uploadName(r), bytes: try await body(&r))
                return JSONBody.response(result, status: result.created ? .created : .ok)
            },
            Route(method: .get, path: "/api/v1/submissions/{id}/versions/{seq}/protocol", authenticated: true) { _, c in
                let (name, b) = try await s.protocolBytes(try c.requireActor(), try id(c), seq: try seq(c))
                return bytes(b, "text/plain; charset=utf-8", filename: name)
            },
            Route(method: .get, path: "/api/v1/submissions/{id}/versions/{seq}/report", authenticated: true) { r, c in
                let format = query(r, "format") ?? "json"
                guard format == "json" || format == "html" else { throw ServiceError.badRequest("format is json or html") }
                let b = try await s.report(try c.requireActor(), try id(c), seq: try seq(c), format: format)
                var response = bytes(b, format == "html" ? "text/html; charset=utf-8" : "application/json; charset=utf-8")
                if format == "html" { response.headers[.contentSecurityPolicy] = DocumentPolicy.header(for: b) }
                return response
            },
            Route(method: .get, path: "/api/v1/submissions/{id}/compare", authenticated: true) { r, c in
                JSONBody.response(try await s.compare(try c.requireActor(), try id(c), from: try intQuery(r, "from"), to: try intQuery(r, "to")))
            },
            Route(method: .get, path: "/api/v1/submissions/{id}/audit", authenticated: true) { _, c in
                JSONBody.response(try await s.history(try c.requireActor(), try id(c)))
            },
            Route(method: .post, path: "/api/v1/submissions/{id}/submit", authenticated: true) { r, c in
                let b = try await Self.optional(RevisionBody.self, &r, c)
                try await s.submit(try c.requireActor(), try id(c), revision: b?.revision)
                return JSONBody.response(try await s.submission(try c.requireActor(), try id(c)))
            },
            Route(method: .post, path: "/api/v1/submissions/{id}/return", authenticated: true) { r, c in
                let b = try await JSONBody.decode(ReturnBody.self, from: &r, context: c)
                let items = try await s.returnSubmission(try c.requireActor(), try id(c), stipulations: b.stipulations, revision: b.revision)
                return JSONBody.response(items, status: .created)
            },
            Route(method: .post, path: "/api/v1/submissions/{id}/stipulations/{sid}/address", authenticated: true) { r, c in
                let b = try await JSONBody.decode(AddressBody.self, from: &r, context: c)
                try await s.address(try c.requireActor(), try id(c), stipulation: try id(c, "sid"), response: b.response)
                return ok()
            },
            Route(method: .post, path: "/api/v1/submissions/{id}/stipulations/{sid}/resolve", authenticated: true) { _, c in
                try await s.resolve(try c.requireActor(), try id(c), stipulation: try id(c, "sid"))
                return ok()
            },
            Route(method: .post, path: "/api/v1/submissions/{id}/resubmit", authenticated: true) { r, c in
                let b = try await Self.optional(RevisionBody.self, &r, c)
                try await s.resubmit(try c.requireActor(), try id(c), revision: b?.revision)
                return JSONBody.response(try await s.submission(try c.requireActor(), try id(c)))
            },
            Route(method: .post, path: "/api/v1/submissions/{id}/accept", authenticated: true) { r, c in
                let b = try await JSONBody.decode(AcceptBody.self, from: &r, context: c)
                try await s.accept(try c.requireActor(), try id(c), path: b.path, revision: b.revision)
                return JSONBody.response(try await s.submission(try c.requireActor(), try id(c)))
            },
            Route(method: .post, path: "/api/v1/submissions/{id}/assignments", authenticated: true) { r, c in
                let b = try await JSONBody.decode(AssignBody.self, from: &r, context: c)
                return JSONBody.response(try await s.assign(try c.requireActor(), try id(c), reviewer: b.reviewer, kind: b.kind ?? "primary"), status: .created)
            },
            Route(method: .post, path: "/api/v1/submissions/{id}/comments", authenticated: true) { r, c in
                let b = try await JSONBody.decode(CommentBody.self, from: &r, context: c)
                return JSONBody.response(try await s.comment(try c.requireActor(), try id(c), rule: b.rule, text: b.text, versionSeq: b.version), status: .created)
            },
            Route(method: .post, path: "/api/v1/submissions/{id}/attestations", authenticated: true) { r, c in
                let b = try await JSONBody.decode(AttestBody.self, from: &r, context: c)
                return JSONBody.response(try await s.attest(try c.requireActor(), try id(c), rule: b.rule, kind: b.kind, outcome: b.outcome,
                                                            statement: b.statement, password: b.password), status: .created)
            },
            Route(method: .post, path: "/api/v1/submissions/{id}/determinations", authenticated: true) { r, c in
                let b = try await JSONBody.decode(DetermineBody.self, from: &r, context: c)
                return JSONBody.response(try await s.determine(try c.requireActor(), try id(c), kind: b.kind, basis: b.basis ?? "",
                                                               conditions: b.conditions ?? [], password: b.password, revision: b.revision), status: .created)
            },
            Route(method: .post, path: "/api/v1/submissions/{id}/conditions/{cid}/verify", authenticated: true) { _, c in
                JSONBody.response(try await s.verify(try c.requireActor(), try id(c), condition: try id(c, "cid")))
            },
            Route(method: .post, path: "/api/v1/submissions/{id}/respond", authenticated: true) { r, c in
                let b = try await Self.optional(RevisionBody.self, &r, c)
                try await s.respond(try c.requireActor(), try id(c), revision: b?.revision)
                return JSONBody.response(try await s.submission(try c.requireActor(), try id(c)))
            },
            Route(method: .post, path: "/api/v1/submissions/{id}/withdraw", authenticated: true) { r, c in
                let b = try await Self.optional(RevisionBody.self, &r, c)
                try await s.withdraw(try c.requireActor(), try id(c), revision: b?.revision)
                return JSONBody.response(try await s.submission(try c.requireActor(), try id(c)))
            },
            Route(method: .get, path: "/api/v1/submissions/{id}/letters/{lid}", authenticated: true) { r, c in
                let format = query(r, "format") ?? "html"
                guard format == "html" || format == "md" else { throw ServiceError.badRequest("format is html or md") }
                let b = try await s.letter(try c.requireActor(), try id(c), letter: try id(c, "lid"), format: format)
                var response = bytes(b, format == "md" ? "text/markdown; charset=utf-8" : "text/html; charset=utf-8")
                if format == "html" { response.headers[.contentSecurityPolicy] = DocumentPolicy.header(for: b) }
                return response
            },
            Route(method: .get, path: "/api/v1/audit/verify", authenticated: true) { _, c in
                let actor = try c.requireActor()
                guard actor.has(.auditor) || actor.has(.chair) || actor.has(.analyst) else {
                    throw ServiceError(403, "forbidden", "only auditors, analysts and the chair verify the audit trail")
                }
                let report = try await s.verifyAudit()
                struct V: Encodable { var ok: Bool; var events: Int; var records: Int; var problem: String?; var firstBadEvent: Int64? }
                return JSONBody.response(V(ok: report.problem == nil, events: report.events, records: report.records,
                                           problem: report.problem?.description, firstBadEvent: report.problem?.seq))
            },
        ]
    }

    /// "GET /api/v1/health"-style lines of every route, sorted (compared with docs/openapi.yaml).
    public var routeSignatures: [String] { routes.map { "\($0.method.rawValue) \($0.path)" }.sorted() }

    /// An optional JSON body (empty is allowed).
    static func optional<T: Decodable>(_ type: T.Type, _ r: inout Request, _ c: ServerContext) async throws -> T? {
        let buffer = try await r.collectBody(upTo: 1 << 20)
        guard buffer.readableBytes > 0 else { return nil }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(T.self, from: Data(buffer: buffer))
        } catch let error as DecodingError {
            throw ServiceError.badRequest("the JSON body is not what this request takes: \(JSONBody.describe(error))")
        }
    }
}
