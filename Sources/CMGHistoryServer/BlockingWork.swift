#if canImport(Hummingbird)
import NIOPosix
import ServiceLifecycle

/// Threads for the store's synchronous work (an import, a report): never the event loops nor
/// Swift's cooperative pool, where one long import would stall every other request. A service of
/// the application, so it stops after the HTTP server has answered its last request.
public final class BlockingWork: Service, Sendable {
    private let pool: NIOThreadPool

    /// A pool of `threads` threads, started at once.
    public init(threads: Int) {
        pool = NIOThreadPool(numberOfThreads: max(1, threads))
        pool.start()
    }

    /// `body`'s value, computed on one of the pool's threads.
    func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await pool.runIfActive(body)
    }

    public func run() async throws {
        try? await gracefulShutdown()
        try await pool.shutdownGracefully()
    }
}
#endif
