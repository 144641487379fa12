/// One consistent read of a PostgreSQL history: a connection inside a REPEATABLE READ READ ONLY
/// transaction, so every statement sees the same committed state, as a SQLite read transaction does.
///
/// Answers every read of ``StoreSnapshot``: the report reads (`+Reports`, `+Samples`, `+Buckets`,
/// `+Gateways`), the timeline's (`+Timeline`, `+TimelineLogs`), log search and whole tables (here,
/// for `db copy` and for comparing backends), each with SQLite's answer for the same data.
///
/// ```swift
/// let count = try PostgresSnapshot.read(connection) { try $0.rowCount(table) }
/// ```
struct PostgresSnapshot {
    /// The connection, inside the snapshot's transaction.
    let connection: PGConnection
    /// Where connections for reading side by side come from (``sideBySide(_:_:)``); without
    /// one, the snapshot reads everything on its own connection.
    var pool: PostgresConnectionPool?
    /// What one snapshot asks for again and again and cannot change within it.
    let memo = PostgresSnapshotMemo()

    init(connection: PGConnection, pool: PostgresConnectionPool? = nil) {
        (self.connection, self.pool) = (connection, pool)
    }

    /// Runs `body` on a snapshot of `connection`'s schema, in a transaction opened and ended here.
    static func read<T>(_ connection: PGConnection, pool: PostgresConnectionPool? = nil,
                        _ body: (PostgresSnapshot) throws -> T) throws -> T {
        try connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        let value: T
        do {
            value = try body(PostgresSnapshot(connection: connection, pool: pool))
        } catch {
            _ = try? connection.execute("ROLLBACK")
            throw error
        }
        try connection.execute("COMMIT")
        return value
    }
}

extension PostgresSnapshot: TableReads {
    func rowCount(_ table: HistoryTable) throws -> Int64 {
        try connection.query("SELECT count(*) FROM \(table.name)", binaryResults: true).int64(row: 0, column: 0)
    }

    func rows(_ table: HistoryTable, after key: [StoreValue]?, limit: Int) throws -> [[StoreValue]] {
        let types = try columnTypes(table)
        let selected = try table.columns.map { column -> String in
            guard let type = types[column] else { throw PostgresError(.decoding, message: "\(table.name) has no column \(column)") }
            return type == .json ? "\(Self.quoted(column))::text" : Self.quoted(column)
        }
        let keys = table.key.map { types[$0] == .text ? "\(Self.quoted($0)) COLLATE \"C\"" : Self.quoted($0) }
        var sql = "SELECT \(selected.joined(separator: ", ")) FROM \(table.name)"
        var parameters: [PGParameter] = []
        if let key {
            guard key.count == table.key.count else {
                throw PostgresError(.statement, message: "\(table.name): a key of \(key.count) values for \(table.key.count) key columns")
            }
            // A row value comparison: the next rows in key order, through the primary key's index.
            sql += " WHERE (\(keys.joined(separator: ", "))) > (\((1...key.count).map { "$\($0)" }.joined(separator: ", ")))"
            parameters = key.map(Self.parameter)
        }
        sql += " ORDER BY \(keys.joined(separator: ", ")) LIMIT \(max(1, limit))"
        let result = try connection.query(sql, parameters, binaryResults: true)
        let kinds = table.columns.map { types[$0] ?? .text }
        return try (0..<result.rowCount).map { row in try Self.values(result, row: row, kinds) }
    }

    func lastKey(_ table: HistoryTable) throws -> [StoreValue]? {
        let types = try columnTypes(table)
        let descending = table.key.map { (types[$0] == .text ? "\(Self.quoted($0)) COLLATE \"C\"" : Self.quoted($0)) + " DESC" }
        let result = try connection.query("""
            SELECT \(table.key.map(Self.quoted).joined(separator: ", ")) FROM \(table.name)
            ORDER BY \(descending.joined(separator: ", ")) LIMIT 1
            """, binaryResults: true)
        guard result.rowCount > 0 else { return nil }
        return try Self.values(result, row: 0, table.key.map { types[$0] ?? .text })
    }

    func dataInstants() throws -> (first: UnixSeconds, last: UnixSeconds)? {
        let result = try connection.query("""
            SELECT min(first), max(last) FROM (
                SELECT min(at) AS first, max(at) AS last FROM online_clients_sample
                UNION ALL SELECT min(at), max(at) FROM status_snapshot
                UNION ALL SELECT min(hour_start), max(hour_start) + 3599 FROM rollup_hour) AS instants
            """, binaryResults: true)
        guard let first = try result.optionalInt64(row: 0, column: 0), let last = try result.optionalInt64(row: 0, column: 1) else { return nil }
        return (first, last)
    }

    // MARK: - Columns

    /// How a column's values are read: every history column is one of these.
    enum ColumnKind {
        case integer, text, json, bytes
    }

    /// The kinds of `table`'s columns in the current schema, from the catalog.
    func columnTypes(_ table: HistoryTable) throws -> [String: ColumnKind] {
        let result = try connection.query("""
            SELECT column_name::text, data_type::text FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = $1
            """, [.text(table.name)])
        var kinds: [String: ColumnKind] = [:]
        for row in 0..<result.rowCount {
            let name = try result.string(row: row, column: 0)
            switch try result.string(row: row, column: 1) {
            case "bigint", "integer", "smallint": kinds[name] = .integer
            case "json", "jsonb": kinds[name] = .json
            case "bytea": kinds[name] = .bytes
            default: kinds[name] = .text
            }
        }
        return kinds
    }

    /// The values of `row`, read as `kinds` say, NULL as ``StoreValue/null``.
    static func values(_ result: PGResult, row: Int, _ kinds: [ColumnKind]) throws -> [StoreValue] {
        try kinds.enumerated().map { column, kind in
            if try result.isNull(row: row, column: column) { return .null }
            switch kind {
            case .integer: return .integer(try result.int64(row: row, column: column))
            case .text, .json: return .text(try result.string(row: row, column: column))
            case .bytes: return .blob(try result.bytes(row: row, column: column))
            }
        }
    }

    /// A column name as an SQL identifier (`offset` and `row` are reserved words in PostgreSQL).
    static func quoted(_ column: String) -> String { "\"\(column)\"" }

    private static func parameter(_ value: StoreValue) -> PGParameter {
        switch value {
        case .null: .null
        case .integer(let number): .int64(number)
        case .text(let text): .text(text)
        case .blob(let bytes): .bytes(bytes)
        }
    }
}

/// Values a snapshot read once and keeps: its transaction is REPEATABLE READ, so a second read
/// would give the same answer one round trip later (a capacity report asks for the raw horizon
/// ten times).
final class PostgresSnapshotMemo {
    /// ``PostgresSnapshot/rawKeptFrom()``, once read.
    var rawKeptFrom: UnixSeconds?
    /// The snapshot's name for other connections to read it (`pg_export_snapshot()`), once exported.
    var exported: String?
}
