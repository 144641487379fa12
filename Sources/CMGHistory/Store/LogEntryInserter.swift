import GRDB

/// Inserts log entries many rows per statement, skipping the ones already stored.
///
/// One `INSERT … VALUES (…), (…), …` of ``rowsPerStatement`` entries costs about half of the
/// same rows inserted one statement each: every step of an insert opens and closes a cursor on
/// the table and each of its indexes, which for a narrow log row costs as much as the row
/// itself (the 100 MB benchmark log's rows replayed through SQLite from C: 6.2 s of CPU one row
/// per statement, 3.2–3.5 s with 16 to 500 rows per statement).
/// The price is that a statement reports only how many of its rows it stored, not which: the
/// caller tells the new rows by their ids (see ``HistoryStore/storeLogBatch(_:cache:)``).
struct LogEntryInserter {
    /// 64 rows × 15 columns = 960 parameters, under the 999 that SQLite builds before 3.32
    /// allow: the tool may meet an older system SQLite on a server.
    static let rowsPerStatement = 64
    static let columns = "log_file_id, offset, length, line, format, utc_ms, local_ms, local_time, bias_minutes, zone_known, severity, component, thread, source_file, message"
    static let columnCount: Int32 = 15

    private let many: BulkStatement
    private let one: BulkStatement

    init(_ db: Database) throws {
        many = try BulkStatement(db, sql: Self.sql(rows: Self.rowsPerStatement))
        one = try BulkStatement(db, sql: Self.sql(rows: 1))
    }

    static func sql(rows: Int) -> String {
        let row = "(" + Array(repeating: "?", count: Int(columnCount)).joined(separator: ", ") + ")"
        return "INSERT INTO log_entry(\(columns)) VALUES " + Array(repeating: row, count: rows).joined(separator: ", ")
            + " ON CONFLICT DO NOTHING"
    }

    /// Inserts `entries` of file `fileID` in order; returns how many were new.
    func insert(_ entries: [PendingLogEntry], fileID: Int64) throws -> Int {
        var inserted = 0
        var start = entries.startIndex
        while entries.endIndex - start >= Self.rowsPerStatement {
            for k in 0..<Self.rowsPerStatement {
                bind(entries[start + k].entry, fileID: fileID, to: many, row: Int32(k))
            }
            inserted += try many.execute()
            start += Self.rowsPerStatement
        }
        for pending in entries[start...] {
            bind(pending.entry, fileID: fileID, to: one, row: 0)
            inserted += try one.execute()
        }
        return inserted
    }

    private func bind(_ e: LogEntry, fileID: Int64, to statement: BulkStatement, row: Int32) {
        let base = row * Self.columnCount
        statement.bind(base + 1, fileID)
        statement.bind(base + 2, e.offset)
        statement.bind(base + 3, e.length)
        statement.bind(base + 4, e.line)
        statement.bind(base + 5, e.format.rawValue)
        statement.bind(base + 6, e.time?.utcMilliseconds)
        statement.bind(base + 7, e.time?.localMilliseconds)
        statement.bind(base + 8, e.localTimeText)
        statement.bind(base + 9, e.time?.biasMinutes)
        statement.bind(base + 10, e.time?.zoneKnown == true ? 1 : 0)
        statement.bind(base + 11, e.severity.rawValue)
        statement.bind(base + 12, e.component)
        statement.bind(base + 13, e.thread)
        statement.bind(base + 14, e.sourceFile)
        statement.bind(base + 15, e.message)
    }
}
