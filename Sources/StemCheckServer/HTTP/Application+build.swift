import Hummingbird
import Logging

/// Builds the HTTP application: middleware (errors, security headers, authentication) and the
/// API's routes (`API.routes`; `{name}` path parameters become Hummingbird's `:name`).
public func buildRouter(service: ReviewService, secureCookies: Bool = false) -> Router<ServerContext> {
    let router = Router(context: ServerContext.self)
    router.add(middleware: SecurityHeaders(secureCookies: secureCookies))
    router.add(middleware: ErrorResponses())
    router.add(middleware: Authentication(service: service))
    for route in API(service: service, secureCookies: secureCookies).routes {
        let path = RouterPath(route.path.replacingOccurrences(of: "{", with: ":").replacingOccurrences(of: "}", with: ""))
        let handler = route.handler
        let needsActor = route.authenticated
        router.on(path, method: route.method) { request, context -> Response in
            if needsActor { _ = try context.requireActor() }
            var request = request
            return try await handler(&request, context)
        }
    }
    return router
}

/// The application on `host:port`.
public func buildApplication(service: ReviewService, host: String, port: Int, secureCookies: Bool = false,
                             logger: Logger = Logger(label: "stemcheck-server")) -> some ApplicationProtocol {
    Application(router: buildRouter(service: service, secureCookies: secureCookies),
                configuration: .init(address: .hostname(host, port: port), serverName: "stemcheck-server"),
                logger: logger)
}
