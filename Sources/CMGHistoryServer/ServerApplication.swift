#if canImport(Hummingbird)
import CMGHistory
import Foundation
import Hummingbird

/// How `cmg-history serve` runs.
public struct ServerOptions: Sendable {
    public var host: String
    public var port: Int
    /// The largest upload taken, in bytes; larger ones get 413 and store nothing.
    public var maxUploadBytes: Int
    /// Where uploads wait while they arrive (not a RAM-backed /tmp for large ones).
    public var spoolDirectory: String
    /// Threads for imports, and for reads (reports, token checks): a long import never holds up a read.
    public var ingestThreads: Int
    public var readThreads: Int
    /// Dashboard pages without a token, for a reverse proxy that signs users in itself; the API
    /// and `/metrics` still need one.
    public var openDashboard: Bool

    public static let defaultMaxUploadBytes = 1 << 30

    public init(host: String = "127.0.0.1", port: Int = 8080, maxUploadBytes: Int = defaultMaxUploadBytes,
                spoolDirectory: String = NSTemporaryDirectory(), ingestThreads: Int = 2, readThreads: Int = 2,
                openDashboard: Bool = false) {
        (self.host, self.port, self.maxUploadBytes, self.spoolDirectory) = (host, port, maxUploadBytes, spoolDirectory)
        (self.ingestThreads, self.readThreads, self.openDashboard) = (ingestThreads, readThreads, openDashboard)
    }
}

/// The thread pools a server's handlers run store work on; services of its application.
public struct ServerWork: Sendable {
    public let ingest: BlockingWork
    public let read: BlockingWork

    public init(_ options: ServerOptions) {
        ingest = BlockingWork(threads: options.ingestThreads)
        read = BlockingWork(threads: options.readThreads)
    }
}

/// The routes of `cmg-history serve` over `store`: one controller per resource, each behind the
/// token scope it needs; every error is a JSON answer (``ErrorMappingMiddleware``).
public func buildRouter(store: HistoryStore, options: ServerOptions, work: ServerWork) -> Router<ServerContext> {
    let router = Router(context: ServerContext.self)
    // Before any route: a route keeps the middleware added before it.
    router.add(middleware: ErrorMappingMiddleware())
    router.get("healthz") { _, _ in "ok\n" }
    OpenAPIController().addRoutes(to: router)
    let tokens = TokenCheck(store: store, work: work.read)
    let api = router.group("api/v1")
    IngestController(store: store, work: work.ingest, spool: UploadSpool(directory: options.spoolDirectory), limit: options.maxUploadBytes)
        .addRoutes(to: api.group("ingest").add(middleware: BearerScopeMiddleware(tokens: tokens, required: .ingest)))
    GatewaysController(store: store, work: work.read)
        .addRoutes(to: api.group("gateways").add(middleware: BearerScopeMiddleware(tokens: tokens, required: .read)))
    MetricsController(store: store, work: work.read)
        .addRoutes(to: router.group("metrics").add(middleware: BearerScopeMiddleware(tokens: tokens, required: .read)))
    TimelineController(store: store, work: work.read)
        .addRoutes(to: api.group("timeline").add(middleware: BearerScopeMiddleware(tokens: tokens, required: .read)))
    ReportsController(store: store, work: work.read)
        .addRoutes(to: api.group("reports").add(middleware: BearerScopeMiddleware(tokens: tokens, required: .read)))
    let access = DashboardAccess(tokens: tokens, open: options.openDashboard)
    let pages = router.group().add(middleware: PageErrorMiddleware(signedIn: !options.openDashboard))
    LoginController(access: access).addRoutes(to: pages)
    DashboardController(store: store, work: work.read, signIn: !options.openDashboard)
        .addRoutes(to: pages.group().add(middleware: DashboardMiddleware(access: access)))
    return router
}

/// The application `serve` runs: the router, the work pools (stopped after the last answer), and
/// a line on standard output with the port once it listens.
public func buildApplication(store: HistoryStore, options: ServerOptions,
                             onListening: @escaping @Sendable (Int) -> Void = { _ in }) -> some ApplicationProtocol {
    let work = ServerWork(options)
    return Application(
        router: buildRouter(store: store, options: options, work: work),
        configuration: .init(address: .hostname(options.host, port: options.port), serverName: "cmg-history"),
        services: [work.ingest, work.read],
        onServerRunning: { channel in onListening(channel.localAddress?.port ?? 0) })
}
#endif
