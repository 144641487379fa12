import GRDB

extension SQLiteStore {
    /// Inserts rows another store holds, ids and all, in one transaction; rows whose key is
    /// stored already are left as they are. Returns how many were new.
    func insertCopied(_ rows: [[StoreValue]], into table: HistoryTable) throws -> Int {
        guard !rows.isEmpty else { return 0 }
        let placeholders = Array(repeating: "?", count: table.columns.count).joined(separator: ", ")
        let sql = "INSERT INTO \(table.name)(\(table.columns.joined(separator: ", "))) VALUES (\(placeholders)) ON CONFLICT DO NOTHING"
        return try writeTransaction { db in
            let statement = try db.cachedStatement(sql: sql)
            var inserted = 0
            for row in rows {
                try statement.execute(arguments: StatementArguments(row.map(\.databaseValue)))
                inserted += db.changesCount
            }
            return inserted
        }
    }

    /// What a copied history needs once its rows are in: the full-text index of log messages,
    /// which is SQLite's own and not copied.
    func finishCopy() throws {
        try writeTransaction { db in try db.execute(sql: "INSERT INTO log_entry_fts(log_entry_fts) VALUES ('rebuild')") }
    }
}
