import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Security headers on every response (CSP without inline script, no sniffing, no referrer).
struct SecurityHeaders: RouterMiddleware {
    typealias Context = ServerContext
    let secureCookies: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        // A route may set a stricter policy (a stored report allows exactly its own style element).
        if response.headers[.contentSecurityPolicy] == nil {
            response.headers[.contentSecurityPolicy] = "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        if secureCookies { response.headers[HTTPField.Name("Strict-Transport-Security")!] = "max-age=31536000" }
        return response
    }
}

/// Every error as JSON `{"error": {"code", "message", "hint"}}` with its status; anything
/// unexpected is logged and answered with a plain 500 that carries no stack trace.
struct ErrorResponses: RouterMiddleware {
    typealias Context = ServerContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as ServiceError {
            return Self.response(error)
        } catch let error as StoreError {
            context.logger.error("store: \(error.description)")
            return Self.response(ServiceError(503, "unavailable", "the database is unavailable", hint: "retry in a moment; the board's administrator has the details in the server log"))
        } catch let error as HTTPError {
            let code = error.status == .contentTooLarge ? "too_large" : "http_\(error.status.code)"
            let message = error.status == .contentTooLarge ? "the upload is larger than 16 MiB" : (error.body ?? error.status.reasonPhrase)
            return Self.response(ServiceError(error.status.code, code, message))
        } catch is NIOTooManyBytesError {
            return Self.response(ServiceError(413, "too_large", "the request body is larger than allowed (16 MiB for a protocol, 1 MiB for JSON)",
                                              hint: "protocols are text of a few hundred kilobytes; check you sent the right file"))
        } catch is DecodingError {
            return Self.response(ServiceError.badRequest("the JSON body does not have the expected fields", hint: "see docs/openapi.yaml for the request's schema"))
        } catch {
            context.logger.error("unexpected error: \(String(reflecting: error))")
            return Self.response(ServiceError(500, "internal", "the server could not complete the request", hint: "the board's administrator has the details in the server log"))
        }
    }

    static func response(_ error: ServiceError) -> Response {
        struct Body: Encodable {
            struct Inner: Encodable { var code: String; var message: String; var hint: String? }
            var error: Inner
        }
        let body = Body(error: .init(code: error.code, message: error.message, hint: error.hint))
        return JSONBody.response(body, status: HTTPResponse.Status(code: error.status))
    }
}

/// Authentication: `Authorization: Bearer TOKEN` (portals, CI) or the session cookie (browsers).
/// A request with the cookie that changes state must carry the session's CSRF token in
/// `X-CSRF-Token` (or a form's `csrf` field, checked by the page handlers).
struct Authentication: RouterMiddleware {
    typealias Context = ServerContext
    let service: ReviewService
    static let cookie = "stemcheck_session"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let header = request.headers[.authorization] {
            guard header.lowercased().hasPrefix("bearer ") else {
                throw ServiceError(401, "bad_authorization", "the Authorization header is not 'Bearer TOKEN'")
            }
            context.actor = try await service.authenticate(token: String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces))
        } else if let id = request.cookies[Self.cookie]?.value, let session = try await service.session(id) {
            // The API checks the header here; the pages check their forms' `csrf` field (Pages.register).
            if request.method != .get && request.method != .head, request.uri.path.hasPrefix("/api/"),
               request.uri.path != "/api/v1/session" || request.method != .post {
                guard let token = request.headers[HTTPField.Name("X-CSRF-Token")!], token == session.csrf else {
                    throw ServiceError(403, "csrf", "the request has no valid CSRF token",
                                       hint: "send the csrf_token from sign-in as the X-CSRF-Token header")
                }
            }
            context.actor = session.actor
            context.sessionID = id
            context.csrf = session.csrf
        }
        return try await next(request, context)
    }
}

/// The policy for a stored HTML document (a report, a letter): nothing may load or run but the
/// document's own `<style>` elements, allowed by their SHA-256 (no inline script, no network).
enum DocumentPolicy {
    static func header(for html: [UInt8]) -> String {
        let text = String(decoding: html, as: UTF8.self)
        var hashes: [String] = []
        var rest = text[...]
        while let open = rest.range(of: "<style>"), let close = rest[open.upperBound...].range(of: "</style>") {
            let css = rest[open.upperBound..<close.lowerBound]
            hashes.append("'sha256-" + Data(SHA256.hash(data: Data(css.utf8))).base64EncodedString() + "'")
            rest = rest[close.upperBound...]
        }
        let styles = hashes.isEmpty ? "'self'" : "'self' " + hashes.joined(separator: " ")
        return "default-src 'none'; style-src \(styles); img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
    }
}

/// JSON bodies in and out, with snake-case keys.
enum JSONBody {
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        return encoder
    }

    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        let data = (try? encoder().encode(value)) ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func decode<T: Decodable>(_ type: T.Type, from request: inout Request, context: ServerContext) async throws -> T {
        let buffer = try await request.collectBody(upTo: 1 << 20)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        guard buffer.readableBytes > 0 else {
            throw ServiceError.badRequest("the request needs a JSON body", hint: "see docs/openapi.yaml for the request's schema")
        }
        do {
            return try decoder.decode(T.self, from: Data(buffer: buffer))
        } catch let error as DecodingError {
            throw ServiceError.badRequest("the JSON body is not what this request takes: \(Self.describe(error))",
                                          hint: "see docs/openapi.yaml for the request's schema")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, _): "missing field '\(key.stringValue.snakeCased)'"
        case .typeMismatch(_, let c), .valueNotFound(_, let c):
            "field '\(c.codingPath.map { $0.stringValue.snakeCased }.joined(separator: "."))' has the wrong type"
        case .dataCorrupted(let c):
            c.codingPath.isEmpty ? "not valid JSON" : "field '\(c.codingPath.map { $0.stringValue.snakeCased }.joined(separator: "."))' is invalid"
        @unknown default: "invalid"
        }
    }
}

extension String {
    var snakeCased: String {
        var out = ""
        for c in self {
            if c.isUppercase { out += "_" + c.lowercased() } else { out.append(c) }
        }
        return out
    }
}
