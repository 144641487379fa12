import Foundation
import Testing
@testable import CMGHistory

/// A SQLite history's rows written into a fresh PostgreSQL schema as they are, table by table,
/// ids included: a PostgreSQL history to read back while the record kinds and the copy that
/// would write it are not all on PostgreSQL yet.
///
/// Raw tables get their months first (``PostgresPartitions``); a log entry's search vector is the
/// server's `to_tsvector('simple', …)`, which no read that compares backends through a mirror uses.
enum PostgresMirror {
    /// Every row of `source` (``HistoryTable/all``) inserted through `connection`, which is on a
    /// migrated schema; returns how many rows went in.
    @discardableResult
    static func copy(_ source: HistoryStore, into connection: PGConnection) throws -> Int {
        var copied = 0
        for table in HistoryTable.all {
            let rows = try source.snapshot { try $0.rows(table, after: nil, limit: Int.max) }
            guard !rows.isEmpty else { continue }
            if let at = table.columns.firstIndex(of: "at"), try isPartitioned(table.name, connection) {
                let instants = rows.compactMap { row -> Int64? in if case .integer(let value) = row[at] { value } else { nil } }
                try PostgresPartitions.ensureMonths(connection, table: table.name, instants: instants)
            }
            let search = table.name == "log_entry"
            let columns = table.columns.map { "\"\($0)\"" } + (search ? ["message_search"] : [])
            let messageIndex = table.columns.firstIndex(of: "message").map { $0 + 1 }
            // Within the server's 65,535 parameters per statement.
            let perStatement = max(1, 60_000 / table.columns.count)
            var start = 0
            while start < rows.count {
                let chunk = rows[start..<min(start + perStatement, rows.count)]
                var parameters: [PGParameter] = []
                var tuples: [String] = []
                for row in chunk {
                    let first = parameters.count
                    parameters += row.map(parameter)
                    var placeholders = (1...row.count).map { "$\(first + $0)" }
                    if search, let messageIndex { placeholders.append("to_tsvector('simple', $\(first + messageIndex))") }
                    tuples.append("(" + placeholders.joined(separator: ", ") + ")")
                }
                let result = try connection.query("""
                    INSERT INTO \(table.name) (\(columns.joined(separator: ", "))) VALUES \(tuples.joined(separator: ", "))
                    ON CONFLICT DO NOTHING
                    """, parameters)
                copied += Int(result.affectedRows)
                start += perStatement
            }
        }
        return copied
    }

    /// Whether `table` is range-partitioned in the connection's schema.
    static func isPartitioned(_ table: String, _ connection: PGConnection) throws -> Bool {
        try connection.query("""
            SELECT count(*) FROM pg_partitioned_table p JOIN pg_class c ON c.oid = p.partrelid
            WHERE c.relname = $1 AND c.relnamespace = current_schema()::regnamespace
            """, [.text(table)], binaryResults: true).int64(row: 0, column: 0) > 0
    }

    /// A copied value as a statement parameter: text is sent untyped, so the server reads it as
    /// the column's type (JSON included).
    static func parameter(_ value: StoreValue) -> PGParameter {
        switch value {
        case .null: .null
        case .integer(let number): .int64(number)
        case .text(let text): .text(text)
        case .blob(let bytes): .bytes(bytes)
        }
    }
}
