import GRDB

/// One raw table's rows of a batch, inserted set-based: binary COPY into a staging table, one
/// `INSERT … SELECT … ORDER BY line ON CONFLICT DO NOTHING RETURNING` of the keys, then, for the
/// lines not inserted, one join to the stored rows under their keys.
///
/// The table's key columns are integers (series id, instant, VM instance); its value columns
/// integers or text. ``compare`` names the stored values a line not inserted is compared with,
/// as SQL over the stored row `t`, in the order of the record's ``ComparedValue``s.
struct PostgresStagedInsert {
    /// A value column: its name and how it travels.
    struct Column {
        var name: String
        var type: ColumnType
    }

    /// How a value column travels through the staging table.
    enum ColumnType {
        case bigint, text
        /// Staged as text, stored as `json` (which keeps the text exactly as imported).
        case json

        var stagingType: String { self == .bigint ? "bigint" : "text" }
    }

    /// One staged value.
    enum Value {
        case integer(Int64?)
        case text(String?)
    }

    /// A compared stored value: the SQL reading it from `t`, and whether it is text.
    struct Compared {
        var sql: String
        var isText: Bool
    }

    /// A row's key: up to three integers (unused ones 0).
    struct Key: Hashable {
        var a: Int64
        var b: Int64
        var c: Int64 = 0
    }

    let table: String
    let keyColumns: [String]
    let valueColumns: [Column]
    let compare: [Compared]

    var stagingTable: String { "cmg_stage_\(table)" }

    /// Stores the rows not stored yet and returns, per row, nil when it was inserted or the
    /// stored values under its key (in ``compare`` order) when it was not; nil values too when
    /// the stored row has gone (a duplicate, as on SQLite).
    ///
    /// `order` ranks the rows (the batch position): where rows share a key, the first is stored.
    func insert(_ connection: PGConnection, count: Int, order: (Int) -> Int64, key: (Int) -> Key,
                values: (Int) -> [Value]) throws -> Insertion {
        guard count > 0 else { return Insertion(outcomes: []) }
        if let storedUpTo = try appendFloor(connection, count: count, key: key) {
            try copy(connection, into: table, columns: keyColumns + valueColumns.map(\.name), withOrder: false,
                     count: count, order: order, key: key, values: values)
            return Insertion(outcomes: Array(repeating: .inserted, count: count), appendedAfter: storedUpTo)
        }
        return Insertion(outcomes: try merge(connection, count: count, order: order, key: key, values: values))
    }

    /// What ``insert(_:count:order:key:values:)`` did.
    struct Insertion {
        /// Per row, in the order given.
        var outcomes: [StoredOrInserted]
        /// Set when the rows took the append path: every row was new, and every row stored
        /// before them in their series lies at or before this instant (`Int64.min` when none
        /// was). A period of a series starting after it holds the batch's rows and nothing
        /// else, so its rollup can be computed from them without reading the table back.
        var appendedAfter: Int64? = nil
    }

    /// The staged path: COPY into the staging table, insert what is new, and read the stored
    /// values of the rest.
    private func merge(_ connection: PGConnection, count: Int, order: (Int) -> Int64, key: (Int) -> Key,
                       values: (Int) -> [Value]) throws -> [StoredOrInserted] {
        try stage(connection, count: count, order: order, key: key, values: values)
        let keys = keyColumns.joined(separator: ", ")
        let selected = keyColumns + valueColumns.map { $0.type == .json ? "\($0.name)::json" : $0.name }
        let inserted = try connection.query("""
            INSERT INTO \(table) (\(keys), \(valueColumns.map(\.name).joined(separator: ", ")))
            SELECT \(selected.joined(separator: ", ")) FROM \(stagingTable) ORDER BY line
            ON CONFLICT DO NOTHING RETURNING \(keys)
            """, binaryResults: true)
        var outcome = Array(repeating: StoredOrInserted.inserted, count: count)
        guard inserted.rowCount < count else { return outcome }
        // Some rows were not new: the first row of each returned key is the one stored.
        var returned = Set<Key>()
        for row in 0..<inserted.rowCount { returned.insert(try readKey(inserted, row: row, from: 0)) }
        var notInserted: [Int64] = []
        for index in 0..<count {
            let k = key(index)
            if returned.remove(k) == nil {
                outcome[index] = .stored(nil)
                notInserted.append(Int64(index))
            }
        }
        // Statistics for the planner: without them a staging table looks small, and the join to a
        // large raw table could be planned as a scan of all of it.
        try connection.execute("ANALYZE \(stagingTable)")
        let join = keyColumns.map { "t.\($0) = s.\($0)" }.joined(separator: " AND ")
        let stored = try connection.query("""
            SELECT s.row_index, \(compare.map(\.sql).joined(separator: ", "))
            FROM \(stagingTable) s JOIN \(table) t ON \(join)
            WHERE s.row_index = ANY($1::bigint[])
            """, [.text("{" + notInserted.map(String.init).joined(separator: ",") + "}")], binaryResults: true)
        for row in 0..<stored.rowCount {
            let index = try stored.int64(row: row, column: 0)
            guard index >= 0, index < Int64(count) else {
                throw PostgresError(.decoding, message: "\(table): staged row \(index) is not one of the batch's \(count)")
            }
            var kept: [DatabaseValue] = []
            for (offset, column) in compare.enumerated() {
                if column.isText {
                    kept.append(try stored.optionalString(row: row, column: offset + 1).databaseValue)
                } else {
                    kept.append(try stored.optionalInt64(row: row, column: offset + 1).databaseValue)
                }
            }
            outcome[Int(index)] = .stored(kept)
        }
        return outcome
    }

    /// What storing one row found.
    enum StoredOrInserted {
        case inserted
        /// Not inserted: the stored row's compared values, nil when none is stored any more.
        case stored([DatabaseValue]?)
    }

    /// Empties the staging table (creating it on first use in the session) and copies the rows in.
    private func stage(_ connection: PGConnection, count: Int, order: (Int) -> Int64, key: (Int) -> Key,
                       values: (Int) -> [Value]) throws {
        let columns = ["row_index bigint", "line bigint"] + keyColumns.map { "\($0) bigint" }
            + valueColumns.map { "\($0.name) \($0.type.stagingType)" }
        try connection.execute("""
            CREATE TEMPORARY TABLE IF NOT EXISTS \(stagingTable) (\(columns.joined(separator: ", "))) ON COMMIT DELETE ROWS;
            TRUNCATE \(stagingTable)
            """)
        try copy(connection, into: stagingTable, columns: ["row_index", "line"] + keyColumns + valueColumns.map(\.name), withOrder: true,
                 count: count, order: order, key: key, values: values)
    }

    /// When every row is new without asking (no two share a key, and each series' rows all come
    /// after the last stored row of the batch's series: an export appended to history, the usual
    /// batch), the instant of that last stored row (`Int64.min` when none is); nil otherwise.
    /// The caller holds the series' gateway locks, so no other writer adds rows meanwhile.
    private func appendFloor(_ connection: PGConnection, count: Int, key: (Int) -> Key) throws -> Int64? {
        var keys = Set<Key>(minimumCapacity: count)
        var series = Set<Int64>()
        var earliest = Int64.max
        for index in 0..<count {
            let k = key(index)
            guard keys.insert(k).inserted else { return nil }
            series.insert(k.a)
            earliest = min(earliest, k.b)
        }
        let latest = try connection.query(
            "SELECT max(at) FROM \(table) WHERE \(keyColumns[0]) = ANY($1::bigint[])",
            [.text("{" + series.sorted().map(String.init).joined(separator: ",") + "}")], binaryResults: true)
        guard let stored = try latest.optionalInt64(row: 0, column: 0) else { return Int64.min }
        return earliest > stored ? stored : nil
    }

    /// Copies the rows into `target`: with their batch position and order first when `withOrder`
    /// (the staging table), else the table's own columns alone.
    private func copy(_ connection: PGConnection, into target: String, columns: [String], withOrder: Bool, count: Int,
                      order: (Int) -> Int64, key: (Int) -> Key, values: (Int) -> [Value]) throws {
        let fields = Int16(columns.count)
        let copied = try connection.copyIn("COPY \(target) (\(columns.joined(separator: ", "))) FROM STDIN (FORMAT binary)") { copy in
            for index in 0..<count {
                copy.startRow(fields: fields)
                if withOrder {
                    copy.int64(Int64(index))
                    copy.int64(order(index))
                }
                let k = key(index)
                copy.int64(k.a)
                copy.int64(k.b)
                if keyColumns.count > 2 { copy.int64(k.c) }
                for value in values(index) {
                    switch value {
                    case .integer(let number): copy.int64(number)
                    // json's binary form is its text.
                    case .text(let text): if let text { copy.text(text) } else { copy.null() }
                    }
                }
                try copy.flushIfFull()
            }
        }
        guard copied == Int64(count) else { throw PostgresError(.copy, message: "\(target): \(copied) of \(count) rows copied") }
    }

    private func readKey(_ result: PGResult, row: Int, from column: Int) throws -> Key {
        Key(a: try result.int64(row: row, column: column), b: try result.int64(row: row, column: column + 1),
            c: keyColumns.count > 2 ? try result.int64(row: row, column: column + 2) : 0)
    }
}
