import GRDB

/// ``StoreSnapshot`` over one SQLite read transaction.
///
/// Hot reads (rollup rows, raw samples) step statements through the C API (``BulkStatement``):
/// a three-year trend walks a quarter of a million rollup rows.
struct SQLiteSnapshot: StoreSnapshot {
    let db: Database
}
