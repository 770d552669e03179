import Hummingbird
import Logging

/// The request context of the service: who the request authenticated as, and how.
public struct ServerContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The authenticated user, nil before the authentication middleware or for anonymous routes.
    public var actor: Actor?
    /// The session when the request came with the session cookie (then state changes need the CSRF token).
    public var sessionID: String?
    /// The session's CSRF token (pages put it in every form's `csrf` field).
    public var csrf: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    /// Protocols are up to 16 MiB (SPEC 2); the handlers check the exact limit.
    public var maxUploadSize: Int { (16 << 20) + 1 }

    /// The acting user or 401.
    func requireActor() throws -> Actor {
        guard let actor else { throw ServiceError.unauthenticated }
        return actor
    }
}
