/// A refusal the user can act on: the HTTP status, what is wrong and how to fix it. Never a
/// stack trace.
public struct ServiceError: Error, Sendable, Equatable, CustomStringConvertible {
    public var status: Int
    /// A stable machine-readable code (`forbidden`, `conflict`, `stipulations_open` …).
    public var code: String
    public var message: String
    public var hint: String?

    public init(_ status: Int, _ code: String, _ message: String, hint: String? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.hint = hint
    }

    public var description: String { message + (hint.map { "\n  hint: " + $0 } ?? "") }

    static func notFound(_ what: String) -> ServiceError {
        ServiceError(404, "not_found", "\(what) not found", hint: "check the id; you see only the submissions your role lets you see")
    }
    public static func badRequest(_ message: String, hint: String? = nil) -> ServiceError {
        ServiceError(400, "bad_request", message, hint: hint)
    }
    static func unprocessable(_ code: String, _ message: String, hint: String? = nil) -> ServiceError {
        ServiceError(422, code, message, hint: hint)
    }
    /// The database's disk is full: nothing of the request was stored (the transaction rolled back).
    static let storageFull = ServiceError(507, "storage_full", "the server's storage is full, so nothing of this request was stored",
                                          hint: "tell the board's administrator; everything stored before is intact")
    static let unauthenticated = ServiceError(401, "unauthenticated", "sign in first",
                                              hint: "send 'Authorization: Bearer TOKEN' or sign in with POST /api/v1/session")
}
