import GRDB

/// Stored values read so that a value of the wrong type is an error, never a trap.
///
/// GRDB's `row[i]` and `row["name"]` call `fatalError` when the stored value cannot be the type
/// asked for: NULL where a non-optional is read, text or a blob where an integer belongs (also for
/// an optional read). STRICT tables forbid such values, but a damaged page or a crafted file can
/// hold them, and a damaged file is input too. `value` reads the same way and throws GRDB's
/// `RowDecodingError` instead; ``StoreError/init(sqliteError:path:)`` (and so every
/// ``HistoryStore`` read, write and the command line) turns it into
/// ``StoreError/damaged(path:reason:)``: exit 2, naming `db check`.
///
/// Every read of a stored value through GRDB's `Row` goes through `value`. The C-API paths
/// (`BulkRow`, `sqlite3_column_*`) convert any value and never trap; they are not routed here.
/// `value` costs what the subscript costs: the subscript forces the same `decode` to succeed.
extension Row {
    /// The value at `index` (0 is the leftmost column), or a thrown `RowDecodingError`.
    @inline(__always)
    func value<Value: DatabaseValueConvertible & StatementColumnConvertible>(_ index: Int) throws -> Value {
        try decode(Value.self, atIndex: index)
    }

    /// The value at `index` (0 is the leftmost column), or a thrown `RowDecodingError`.
    @inline(__always)
    func value<Value: DatabaseValueConvertible>(_ index: Int) throws -> Value {
        try decode(Value.self, atIndex: index)
    }

    /// The value of the column named `column` (nil for an optional when there is no such
    /// column), or a thrown `RowDecodingError`.
    @inline(__always)
    func value<Value: DatabaseValueConvertible & StatementColumnConvertible>(_ column: String) throws -> Value {
        try decode(Value.self, forColumn: column)
    }

    /// The value of the column named `column` (nil for an optional when there is no such
    /// column), or a thrown `RowDecodingError`.
    @inline(__always)
    func value<Value: DatabaseValueConvertible>(_ column: String) throws -> Value {
        try decode(Value.self, forColumn: column)
    }
}
