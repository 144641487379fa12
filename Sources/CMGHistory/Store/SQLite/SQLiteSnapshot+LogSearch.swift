import GRDB

extension SQLiteSnapshot {
    /// One statement: the filter's conditions (``HistoryStore/conditions(_:severity:gateways:)``),
    /// the words through the FTS5 index `log_entry_fts` (each word one quoted phrase).
    func logEntries(matching filter: LogEntryFilter) throws -> [ListedLogEntry] {
        let (conditions, filterArguments) = SQLiteStore.conditions(filter, severity: "e.severity", gateways: ["g.name", "f.service"])
        var arguments = filterArguments
        let sql = """
            SELECT e.*, f.path AS source_path, f.instance AS instance, coalesce(g.name, f.service) AS gateway_name
            FROM log_entry e
            JOIN log_file f ON f.id = e.log_file_id
            LEFT JOIN gateway g ON g.id = f.gateway_id
            \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
            ORDER BY \(SQLiteStore.entryTime), e.log_file_id, e.offset
            LIMIT ?
            """
        arguments += [max(0, filter.limit)]
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            try ListedLogEntry(entry: LogEntry(row: row), gateway: row.value("gateway_name"), instance: row.value("instance"),
                               sourcePath: row.value("source_path"))
        }
    }
}
