/// `db copy` into PostgreSQL: rows of another store, ids and all, one page per transaction.
extension PostgresStore {
    /// Inserts rows another store holds, in one transaction; a row whose key (or any unique key)
    /// is stored already is left as it is, so an interrupted copy resumes. Returns how many were new.
    ///
    /// The page travels by binary COPY into a session-local staging table shaped like the target,
    /// then one `INSERT … SELECT … ON CONFLICT DO NOTHING`: the months of a partitioned table are
    /// created first, `log_entry.message_search` gets the writer's tokens
    /// (``PostgresSearchVector/binary(of:)``), and each identity sequence is moved past the
    /// copied ids, so a collector importing afterwards does not meet a copied id.
    func insertCopied(_ rows: [[StoreValue]], into table: HistoryTable) throws -> Int {
        try refuseReadOnly()
        guard !rows.isEmpty else { return 0 }
        return try pool.withConnection { connection in
            let kinds = try PostgresSnapshot(connection: connection).columnTypes(table)
            if PostgresPartitions.monthlyTables.contains(table.name) {
                guard let at = table.columns.firstIndex(of: "at") else {
                    throw PostgresError(.statement, message: "\(table.name) is partitioned by at but has no at column")
                }
                let instants = try rows.map { row -> UnixSeconds in
                    guard at < row.count, case .integer(let instant) = row[at] else {
                        throw PostgresError(.statement, message: "\(table.name): a copied row without an integer at")
                    }
                    return instant
                }
                try PostgresPartitions.ensureMonths(connection, table: table.name, instants: instants)
            }
            return try connection.transaction {
                let inserted = try Self.stageAndInsert(rows, into: table, kinds: kinds, on: connection)
                try Self.advanceIdentity(of: table.name, on: connection)
                return inserted
            }
        }
    }

    /// Moves every identity sequence past its table's ids (again, for a copy interrupted between
    /// a page and its sequence) and refreshes the planner's statistics of the copied tables.
    func finishCopy() throws {
        try refuseReadOnly()
        try pool.withConnection { connection in
            try connection.transaction {
                for table in HistoryTable.all { try Self.advanceIdentity(of: table.name, on: connection) }
            }
            // Outside a transaction: ANALYZE of a partitioned table samples its partitions too.
            for table in HistoryTable.all { try connection.execute("ANALYZE \"\(table.name)\"") }
        }
    }

    // MARK: - Staging

    /// COPYs `rows` into the staging table of `table` and inserts what is new; returns how many were.
    private static func stageAndInsert(_ rows: [[StoreValue]], into table: HistoryTable, kinds: [String: PostgresSnapshot.ColumnKind],
                                       on connection: PGConnection) throws -> Int {
        let staging = "cmg_copy_\(table.name)"
        try connection.execute("""
            CREATE TEMPORARY TABLE IF NOT EXISTS \(staging) (LIKE "\(table.name)") ON COMMIT DELETE ROWS;
            TRUNCATE \(staging)
            """)
        let columns = table.columns.map { "\"\($0)\"" }
        // log_entry's search vector is not a column of the history: each backend derives it.
        let message = table.name == "log_entry" ? table.columns.firstIndex(of: "message") : nil
        let staged = columns + (message == nil ? [] : ["message_search"])
        try connection.copyIn("COPY \(staging) (\(staged.joined(separator: ", "))) FROM STDIN (FORMAT binary)") { copy in
            for row in rows {
                guard row.count == table.columns.count else {
                    throw PostgresError(.statement, message: "\(table.name): a copied row of \(row.count) values for \(table.columns.count) columns")
                }
                copy.startRow(fields: Int16(clamping: staged.count))
                for (column, value) in zip(table.columns, row) {
                    try encode(value, kind: kinds[column] ?? .text, table: table.name, column: column, into: copy)
                }
                if let message {
                    guard case .text(let text) = row[message] else {
                        throw PostgresError(.statement, message: "log_entry: a copied message that is not text")
                    }
                    copy.bytes(PostgresSearchVector.binary(of: text))
                }
                try copy.flushIfFull()
            }
        }
        let list = staged.joined(separator: ", ")
        let result = try connection.query("INSERT INTO \"\(table.name)\" (\(list)) SELECT \(list) FROM \(staging) ON CONFLICT DO NOTHING")
        return Int(clamping: result.affectedRows)
    }

    /// Writes one value in the binary form of its column's type (json's is its text).
    private static func encode(_ value: StoreValue, kind: PostgresSnapshot.ColumnKind, table: String, column: String,
                               into copy: PGCopyIn) throws {
        switch (value, kind) {
        case (.null, _): copy.null()
        case (.integer(let number), .integer): copy.int64(number)
        case (.text(let text), .text), (.text(let text), .json): copy.text(text)
        case (.blob(let bytes), .bytes): copy.bytes(bytes)
        default:
            throw PostgresError(.statement, message: "\(table).\(column): a copied value of another type than the column's")
        }
    }

    /// Sets `table`'s identity sequence (if it has one) to its largest id, never backwards.
    private static func advanceIdentity(of table: String, on connection: PGConnection) throws {
        let identity = try connection.query("""
            SELECT column_name::text FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = $1 AND is_identity = 'YES'
            """, [.text(table)])
        for row in 0..<identity.rowCount {
            let column = try identity.string(row: row, column: 0)
            let sequence = try connection.query("SELECT pg_get_serial_sequence($1, $2)", [.text("\"\(table)\""), .text(column)])
            guard let name = try sequence.optionalString(row: 0, column: 0) else { continue }
            // The sequence's name comes quoted from the catalog.
            try connection.query("""
                SELECT setval($1::regclass, m) FROM (SELECT max("\(column)") AS m FROM "\(table)") AS ids
                WHERE m IS NOT NULL AND m > (SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM \(name))
                """, [.text(name)])
        }
    }
}
