import Foundation
import GRDB

extension SQLiteSnapshot: TableReads {
    func rowCount(_ table: HistoryTable) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT count(*) FROM \(table.name)") ?? 0
    }

    func rows(_ table: HistoryTable, after key: [StoreValue]?, limit: Int) throws -> [[StoreValue]] {
        let keyList = table.key.joined(separator: ", ")
        var sql = "SELECT \(table.columns.joined(separator: ", ")) FROM \(table.name)"
        var arguments = StatementArguments()
        if let key {
            // A row value comparison: the next rows in key order, through the primary key's index.
            sql += " WHERE (\(keyList)) > (\(Array(repeating: "?", count: key.count).joined(separator: ", ")))"
            arguments = StatementArguments(key.map(\.databaseValue))
        }
        sql += " ORDER BY \(keyList) LIMIT \(max(1, limit))"
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            try (0..<row.count).map { try StoreValue(row[$0] as DatabaseValue, table: table) }
        }
    }

    func lastKey(_ table: HistoryTable) throws -> [StoreValue]? {
        let descending = table.key.map { "\($0) DESC" }.joined(separator: ", ")
        guard let row = try Row.fetchOne(db, sql: "SELECT \(table.key.joined(separator: ", ")) FROM \(table.name) ORDER BY \(descending) LIMIT 1")
        else { return nil }
        return try (0..<row.count).map { try StoreValue(row[$0] as DatabaseValue, table: table) }
    }

    func dataInstants() throws -> (first: UnixSeconds, last: UnixSeconds)? {
        let row = try Row.fetchOne(db, sql: """
            SELECT min(first), max(last) FROM (
                SELECT min(at) AS first, max(at) AS last FROM online_clients_sample
                UNION ALL SELECT min(at), max(at) FROM status_snapshot
                UNION ALL SELECT min(hour_start), max(hour_start) + 3599 FROM rollup_hour)
            """)
        guard let first: Int64 = try row?.value(0), let last: Int64 = try row?.value(1) else { return nil }
        return (first, last)
    }
}

extension StoreValue {
    /// A value read from SQLite; a REAL has no place in a history (every column is an integer,
    /// text or blob), so it is damage.
    init(_ value: DatabaseValue, table: HistoryTable) throws {
        switch value.storage {
        case .null: self = .null
        case .int64(let number): self = .integer(number)
        case .string(let text): self = .text(text)
        case .blob(let data): self = .blob([UInt8](data))
        case .double:
            throw UnexpectedStoredValue(reason: "a real number in \(table.name), whose columns hold integers, text and blobs")
        }
    }

    var databaseValue: DatabaseValue {
        switch self {
        case .null: .null
        case .integer(let number): number.databaseValue
        case .text(let text): text.databaseValue
        case .blob(let bytes): Data(bytes).databaseValue
        }
    }
}

/// A stored value no history column can hold: only damage (or another program) puts it there.
struct UnexpectedStoredValue: Error {
    let reason: String
}
