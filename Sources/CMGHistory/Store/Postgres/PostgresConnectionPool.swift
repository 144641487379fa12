import Foundation

/// Idle connections to one tenant's schema, each opened by ``PostgresDatabase`` (migrated or
/// checked, `search_path` set), lent to one caller at a time.
///
/// A ``HistoryStore`` is shared between threads (an import's writer thread, a report, the
/// server to come), and a ``PGConnection`` belongs to one thread at a time: a caller borrows a
/// connection for one operation and gives it back. A connection that broke, or was left inside
/// a transaction by a failure, is closed instead of being lent again.
final class PostgresConnectionPool: @unchecked Sendable {
    // @unchecked: `idle` is only touched under `lock`, and a lent connection is owned by its
    // borrower alone until it comes back.
    private let lock = NSLock()
    private var idle: [PGConnection] = []
    private let open: @Sendable () throws -> PGConnection

    /// How many idle connections are kept; more are closed when they come back.
    static let idleLimit = 4

    /// A pool that opens connections with `open`, starting with `first` (opened by the caller,
    /// which thereby learns at once whether the server answers and the schema is usable).
    init(first: PGConnection, open: @escaping @Sendable () throws -> PGConnection) {
        idle = [first]
        self.open = open
    }

    /// Runs `body` with a connection no one else uses meanwhile.
    func withConnection<T>(_ body: (PGConnection) throws -> T) throws -> T {
        let connection = try borrow()
        defer { giveBack(connection) }
        return try body(connection)
    }

    /// An idle connection, or a new one.
    func borrow() throws -> PGConnection {
        lock.lock()
        let connection = idle.popLast()
        lock.unlock()
        return try connection ?? open()
    }

    /// Takes back `connection` when it can serve again.
    func giveBack(_ connection: PGConnection) {
        guard connection.isReusable else { return }
        lock.lock()
        defer { lock.unlock() }
        if idle.count < Self.idleLimit { idle.append(connection) }
    }
}
