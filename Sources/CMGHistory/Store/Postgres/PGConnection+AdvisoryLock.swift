/// Advisory locks: PostgreSQL's named locks, which guard our own critical sections (migrating a
/// schema, creating a month's partitions) across connections and hosts.
///
/// Locks are named by text; the server hashes the name (`hashtextextended`, 64 bits) so that
/// every binary, whatever its Swift hashing seed, takes the same lock for the same name.
extension PGConnection {
    /// Runs `body` holding the session-level advisory lock `name`, waiting for it as long as
    /// another session holds it; the lock is released when `body` returns or throws.
    public func withAdvisoryLock<T>(_ name: String, _ body: () throws -> T) throws -> T {
        try query("SELECT pg_advisory_lock(hashtextextended($1, 0))", [.text(name)])
        defer { _ = try? query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [.text(name)]) }
        return try body()
    }

    /// Takes the advisory lock `name` until the current transaction ends (waiting for it).
    public func lockForTransaction(_ name: String) throws(PostgresError) {
        try query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [.text(name)])
    }

    /// Takes the session-level advisory lock `name` if it is free; false when another session holds it.
    public func tryAdvisoryLock(_ name: String) throws(PostgresError) -> Bool {
        try query("SELECT pg_try_advisory_lock(hashtextextended($1, 0))", [.text(name)]).bool(row: 0, column: 0)
    }

    /// Releases a session-level advisory lock taken with ``tryAdvisoryLock(_:)``.
    public func advisoryUnlock(_ name: String) throws(PostgresError) {
        try query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [.text(name)])
    }
}
