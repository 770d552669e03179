import Foundation
import Hummingbird
import Mustache
import NIOCore
import StemCheckReview

/// The board's web pages: server-rendered HTML over the same service as the API, no script.
/// Every POST is a form that carries the session's CSRF token in its `csrf` field; `register`
/// checks it for every route before the handler runs (docs/server.md, "Pages").
public struct Pages: Sendable {
    /// What a page handler gets: the request, its context, the form (POST) and the signed-in user.
    struct PageRequest: Sendable {
        var request: Request
        var context: ServerContext
        var form: FormData
        var actor: Actor { context.actor! }

        /// A query parameter as a browser's GET form sends it (`+` is a space), trimmed; nil when blank.
        func query(_ name: String) -> String? {
            FormData.urlEncoded(request.uri.query ?? "")[name]
        }

        func id(_ name: String = "id") throws -> Int64 {
            guard let text = context.parameters.get(name), let value = Int64(text) else {
                throw ServiceError.notFound("page")
            }
            return value
        }
    }

    typealias Handler = @Sendable (PageRequest) async throws -> Response

    /// One page route. `signedIn` routes send an anonymous browser to the sign-in page.
    struct Route: Sendable {
        var method: HTTPRequest.Method
        var path: String
        var signedIn: Bool = true
        /// Whether a POST must carry the session's CSRF token (every form but sign-in's).
        var checksCSRF: Bool = true
        var handler: Handler
    }

    let service: ReviewService
    let library: MustacheLibrary
    let secureCookies: Bool

    public init(service: ReviewService, secureCookies: Bool = false) throws {
        self.service = service
        self.secureCookies = secureCookies
        library = try PageTemplates.library()
    }

    /// Adds every page route to `router`, each wrapped in the form reading, the CSRF check, the
    /// sign-in redirect and the error page.
    func register(on router: Router<ServerContext>) {
        for route in routes {
            router.on(RouterPath(route.path), method: route.method) { request, context -> Response in
                var request = request
                do {
                    var form = FormData()
                    if route.method == .post {
                        form = try await FormData.read(&request)
                        if route.checksCSRF, context.sessionID != nil {
                            guard let expected = context.csrf, let sent = form.fields["csrf"],
                                  Self.constantTimeEqual(Array(expected.utf8), Array(sent.utf8)) else {
                                throw ServiceError(403, "csrf", "the form did not carry a valid CSRF token",
                                                   hint: "reload the page and send the form again")
                            }
                        }
                    }
                    if route.signedIn, context.actor == nil {
                        if route.method == .get {
                            let next = request.uri.description
                            return Self.redirect("/sign-in?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/queue"))
                        }
                        throw ServiceError.unauthenticated
                    }
                    return try await route.handler(PageRequest(request: request, context: context, form: form))
                } catch let error as ServiceError {
                    return errorPage(error, context: context, back: request.method == .post ? request.headers[.referer] : nil)
                } catch is StoreError {
                    context.logger.error("store error on a page")
                    return errorPage(ServiceError(503, "unavailable", "the database is unavailable", hint: "retry in a moment"), context: context)
                } catch is NIOTooManyBytesError {
                    return errorPage(ServiceError(413, "too_large", "the upload is larger than 16 MiB", hint: "protocols are text of a few hundred kilobytes; check you chose the right file"), context: context)
                } catch let error as HTTPError where error.status == .contentTooLarge {
                    return errorPage(ServiceError(413, "too_large", "the upload is larger than 16 MiB", hint: "protocols are text of a few hundred kilobytes; check you chose the right file"), context: context)
                } catch {
                    context.logger.error("unexpected error on a page: \(String(reflecting: error))")
                    return errorPage(ServiceError(500, "internal", "the server could not complete the request",
                                                  hint: "the board's administrator has the details in the server log"), context: context)
                }
            }
        }
        router.get("/static/app.css") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                     body: ResponseBody(byteBuffer: ByteBuffer(string: pageStylesheet)))
        }
    }

    // MARK: rendering

    func chrome(_ context: ServerContext, notice: String? = nil) -> Chrome {
        Chrome(board: service.configuration.boardName,
               user: context.actor.map { actor in
                   Chrome.User(name: actor.name, roles: actor.roles.map(\.rawValue).joined(separator: ", "), csrf: context.csrf ?? "",
                               canSubmit: actor.has(.submitter), isAdmin: actor.has(.admin))
               },
               notice: notice)
    }

    func page(_ template: String, _ model: Any, status: HTTPResponse.Status = .ok) -> Response {
        let html = library.render(model, withTemplate: template) ?? "<!doctype html><title>error</title><p>The page could not be rendered.</p>"
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    func errorPage(_ error: ServiceError, context: ServerContext, back: String? = nil) -> Response {
        let heading: String
        switch error.status {
        case 400, 422: heading = "The request cannot be done as sent"
        case 401: heading = "Sign in first"
        case 403: heading = "Not allowed"
        case 404: heading = "Not found"
        case 409: heading = "Someone else changed this first"
        case 413: heading = "Too large"
        case 429: heading = "Too many attempts"
        case 503: heading = "The service is unavailable"
        default: heading = "Something went wrong"
        }
        var hint = error.hint
        if error.status == 409, error.code != "stale" { hint = (hint.map { $0 + " " } ?? "") + "Reload the submission to see its present state, then try again." }
        let local = back.flatMap { URL(string: $0)?.path }.flatMap { $0.hasPrefix("/") && !$0.hasPrefix("//") ? $0 : nil }
        return page("error", ErrorPage(chrome: chrome(context), heading: heading, message: error.message, hint: hint, back: local),
                    status: HTTPResponse.Status(code: error.status))
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var diff: UInt8 = 0
        for i in a.indices { diff |= a[i] ^ b[i] }
        return diff == 0
    }

    /// A local path to return to after sign-in (never another site).
    static func localPath(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.hasPrefix("/\\") else { return "/queue" }
        return next
    }

    /// What the page says after an action (`?done=KEY`; fixed sentences, never text from the URL).
    static let notices: [String: String] = [
        "uploaded": "The protocol was uploaded and checked.",
        "same": "These bytes are already a version of this submission; nothing new was stored.",
        "submit": "Submitted to the board.", "resubmit": "Resubmitted to the board.",
        "respond": "Your response was sent to the board.", "withdraw": "The submission was withdrawn.",
        "accept": "Accepted for review.", "return": "Returned to the submitter with stipulations.",
        "address": "Your response to the stipulation was recorded.", "resolve": "The stipulation is resolved.",
        "assign": "The reviewer was assigned.", "comment": "Your comment was added.",
        "attest": "Your attestation was signed.", "determine": "The determination was signed and its letter issued.",
        "verify": "The condition is verified as met.", "user": "The account was saved.",
    ]

    func notice(_ r: PageRequest) -> String? { r.query("done").flatMap { Self.notices[$0] } }
}
