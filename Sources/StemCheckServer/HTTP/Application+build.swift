import Hummingbird
import Logging

/// Builds the HTTP application: middleware (errors, security headers, authentication), the
/// pages and the API's routes (`API.routes`; `{name}` path parameters become Hummingbird's `:name`).
public func buildRouter(service: ReviewService, secureCookies: Bool = false) throws -> Router<ServerContext> {
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
    // The board's pages (server-rendered HTML).
    try Pages(service: service, secureCookies: secureCookies).register(on: router)
    // The letters' stylesheet (same origin, so the letters' policy allows it).
    router.get("/static/letter.css") { _, _ -> Response in
        Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: letterStylesheet)))
    }
    return router
}

/// A plain, printable style for determination letters.
let letterStylesheet = """
    body { font: 11pt/1.45 Georgia, "Times New Roman", serif; color: #111; background: #fff; margin: 0; }
    main { max-width: 44rem; margin: 2rem auto; padding: 0 1.5rem; }
    h1 { font-size: 1.5rem; margin: 0 0 1rem; }
    h2 { font-size: 1.1rem; margin: 1.6rem 0 .4rem; border-bottom: 1px solid #999; }
    h3 { font-size: 1rem; margin: 1.2rem 0 .3rem; }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
    dt { font-weight: bold; }
    dd { margin: 0; }
    code { font: .85em/1.3 ui-monospace, "DejaVu Sans Mono", monospace; word-break: break-all; }
    .signature { border: 1px solid #555; padding: .6rem .8rem; }
    @media print { main { margin: 0; max-width: none; } a { color: inherit; } }
    """


/// The application on `host:port`.
public func buildApplication(service: ReviewService, host: String, port: Int, secureCookies: Bool = false,
                             logger: Logger = Logger(label: "stemcheck-server")) throws -> some ApplicationProtocol {
    Application(router: try buildRouter(service: service, secureCookies: secureCookies),
                configuration: .init(address: .hostname(host, port: port), serverName: "stemcheck-server"),
                logger: logger)
}
