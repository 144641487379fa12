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

    /// Inserts `rows` of file `fileID` in order; returns how many were new.
    func insert(_ rows: LogRows, fileID: Int64) throws -> Int {
        try rows.text.withUnsafeBytes { text in
            defer {
                many.clearBindings()
                one.clearBindings()
            }
            // An empty buffer may have no address; SQLite would take a nil pointer for NULL.
            let base = text.baseAddress ?? UnsafeRawPointer(Self.emptyText.utf8Start)
            var inserted = 0
            var start = 0
            while rows.count - start >= Self.rowsPerStatement {
                for k in 0..<Self.rowsPerStatement {
                    bind(rows.rows[start + k], fileID: fileID, text: base, to: many, row: Int32(k))
                }
                inserted += try many.execute()
                start += Self.rowsPerStatement
            }
            for row in rows.rows[start...] {
                bind(row, fileID: fileID, text: base, to: one, row: 0)
                inserted += try one.execute()
            }
            return inserted
        }
    }

    private static let emptyText: StaticString = ""

    private func bind(_ r: LogRows.Row, fileID: Int64, text: UnsafeRawPointer, to statement: BulkStatement, row: Int32) {
        func bind(_ index: Int32, _ span: LogRows.Span) {
            statement.bind(base + index, staticText: text + span.start, count: span.count)
        }
        let base = row * Self.columnCount
        statement.bind(base + 1, fileID)
        statement.bind(base + 2, r.offset)
        statement.bind(base + 3, r.length)
        statement.bind(base + 4, r.line)
        let format = r.format.staticName
        statement.bind(base + 5, staticText: format.utf8Start, count: format.utf8CodeUnitCount)
        statement.bind(base + 6, r.time?.utcMilliseconds)
        statement.bind(base + 7, r.time?.localMilliseconds)
        if let localTime = r.localTime { bind(8, localTime) } else { statement.bind(base + 8, nil as Int64?) }
        statement.bind(base + 9, r.time?.biasMinutes)
        statement.bind(base + 10, r.time?.zoneKnown == true ? 1 : 0)
        statement.bind(base + 11, r.severity.rawValue)
        bind(12, r.component)
        statement.bind(base + 13, r.thread)
        bind(14, r.sourceFile)
        bind(15, r.message)
    }
}

extension LogEntryFormat {
    /// The raw value, in memory that lives as long as the program.
    var staticName: StaticString {
        switch self {
        case .cmtrace: "cmtrace"
        case .server: "server"
        case .plain: "plain"
        }
    }
}
