import GRDB

/// ``StoreSnapshot`` over one SQLite read transaction.
///
/// Hot reads (rollup rows, raw samples) step statements through the C API (``BulkStatement``):
/// a three-year trend walks a quarter of a million rollup rows.
struct SQLiteSnapshot: StoreSnapshot {
    let db: Database
}

extension SQLiteStore {
    /// Runs `body` on one read transaction of the pool, as a ``StoreSnapshot``.
    func snapshot<T>(_ body: (any StoreSnapshot) throws -> T) throws -> T {
        try read { db in try body(SQLiteSnapshot(db: db)) }
    }
}
