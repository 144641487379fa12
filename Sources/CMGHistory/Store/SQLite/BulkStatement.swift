import GRDB
import GRDBSQLite

/// A cached prepared statement driven through the SQLite C API: bind, step, reset.
///
/// Bulk import binds millions of rows; going through `StatementArguments` boxes every value,
/// which costs more than the insert itself. Errors still surface as GRDB `DatabaseError`s.
struct BulkStatement {
    private let statement: Statement
    fileprivate let handle: OpaquePointer
    fileprivate let connection: OpaquePointer

    init(_ db: Database, sql: String) throws {
        statement = try db.cachedStatement(sql: sql)
        handle = statement.sqliteStatement
        guard let connection = db.sqliteConnection else {
            throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "database connection is closed")
        }
        self.connection = connection
    }

    func bind(_ index: Int32, _ value: Int64) {
        sqlite3_bind_int64(handle, index, value)
    }

    func bind(_ index: Int32, _ value: Int64?) {
        if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    func bind(_ index: Int32, _ value: String?) {
        guard let value else {
            sqlite3_bind_null(handle, index)
            return
        }
        var text = value
        text.withUTF8 { utf8 in
            _ = utf8.withMemoryRebound(to: CChar.self) { chars in
                sqlite3_bind_text(handle, index, chars.baseAddress, Int32(chars.count), SQLITE_TRANSIENT_DESTRUCTOR)
            }
        }
    }

    /// Binds text SQLite does not copy: `bytes` must stay valid and unchanged until the
    /// statement has run and ``clearBindings()`` (or another bind of `index`) let go of it.
    func bind(_ index: Int32, staticText bytes: UnsafeRawPointer, count: Int) {
        sqlite3_bind_text(handle, index, bytes.assumingMemoryBound(to: CChar.self), Int32(count), nil)  // nil: SQLITE_STATIC
    }

    /// Sets every parameter to NULL, so that none points at memory about to be freed.
    func clearBindings() {
        sqlite3_clear_bindings(handle)
    }

    /// Runs the statement to completion and returns the number of rows it changed.
    @discardableResult
    func execute() throws -> Int {
        let code = sqlite3_step(handle)
        defer { sqlite3_reset(handle) }
        guard code == SQLITE_DONE || code == SQLITE_ROW else {
            let message = String(cString: sqlite3_errmsg(connection))
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
        }
        return Int(sqlite3_changes(connection))
    }

    /// Steps once and returns the first two columns of the first row as integers, if any row.
    func fetchTwoInt64() throws -> (Int64, Int64)? {
        let code = sqlite3_step(handle)
        defer { sqlite3_reset(handle) }
        switch code {
        case SQLITE_ROW: return (sqlite3_column_int64(handle, 0), sqlite3_column_int64(handle, 1))
        case SQLITE_DONE: return nil
        default:
            let message = String(cString: sqlite3_errmsg(connection))
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
        }
    }

    /// Steps once and returns the first column of the first row as an integer, if any row.
    func fetchInt64() throws -> Int64? {
        let code = sqlite3_step(handle)
        defer { sqlite3_reset(handle) }
        switch code {
        case SQLITE_ROW: return sqlite3_column_type(handle, 0) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, 0)
        case SQLITE_DONE: return nil
        default:
            let message = String(cString: sqlite3_errmsg(connection))
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
        }
    }
}

extension BulkStatement {
    /// Steps through every row of the statement, handing each to `body`, then resets it.
    func forEachRow(_ body: (BulkRow) throws -> Void) throws {
        defer { sqlite3_reset(handle) }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                let message = String(cString: sqlite3_errmsg(connection))
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
            }
            try body(BulkRow(handle: handle))
        }
    }
}

/// The current row of a ``BulkStatement``, read column by column; valid only inside the
/// `forEachRow` call that gave it.
struct BulkRow {
    fileprivate let handle: OpaquePointer

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    func isInteger(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_INTEGER }

    /// The column's bytes, without a copy.
    func bytes(_ column: Int32) -> UnsafeRawBufferPointer {
        let start = sqlite3_column_blob(handle, column)
        return UnsafeRawBufferPointer(start: start, count: start == nil ? 0 : Int(sqlite3_column_bytes(handle, column)))
    }
}

/// SQLite's SQLITE_TRANSIENT: tells SQLite to copy the bound bytes before the call returns.
private let SQLITE_TRANSIENT_DESTRUCTOR = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
