/// ``LogSearchReads`` on PostgreSQL: `logs list` and `logs search` over one connection.
///
/// The words go through the GIN-indexed `log_entry.message_search` as a `tsquery` of the same
/// tokens FTS5 finds (``PostgresSearchVector/query(_:)``: each word a phrase, every word
/// required), so the entries found are SQLite's. The other conditions are plain comparisons
/// written as SQLite's are, with two differences of the server kept in check: names and
/// components compare through `lower()` on both sides (SQLite's `COLLATE NOCASE` folds ASCII
/// letters only; `lower()` folds others too, as the server's locale says), and entries without
/// a time sort first (`NULLS FIRST`, SQLite's order for NULL; PostgreSQL's default puts them last).
///
/// Reads run in whatever transaction the caller has open (a snapshot's, later); alone, each
/// search is one statement, consistent by itself.
struct PostgresLogSearch: LogSearchReads {
    /// The connection, its `search_path` set to the tenant's schema.
    let connection: PGConnection

    /// One statement: the filter's conditions, the words as one `tsquery` over the GIN index.
    func logEntries(matching filter: LogEntryFilter) throws -> [ListedLogEntry] {
        var filtered = PostgresLogConditions(filter, severity: "e.severity", gateways: ["g.name", "f.service"])
        if filtered.matchesNothing { return [] }
        let time = PostgresLogConditions.entryTime
        let limit = filtered.bind(.int64(Int64(max(0, filter.limit))))
        let result = try connection.query("""
            SELECT \(PostgresLogEntryColumns.list("e")), f.path, f.instance, coalesce(g.name, f.service)
            FROM log_entry e
            JOIN log_file f ON f.id = e.log_file_id
            LEFT JOIN gateway g ON g.id = f.gateway_id
            \(filtered.whereClause)
            ORDER BY \(time) NULLS FIRST, e.log_file_id, e."offset"
            LIMIT \(limit)
            """, filtered.parameters, binaryResults: true)
        let first = PostgresLogEntryColumns.count
        var entries: [ListedLogEntry] = []
        entries.reserveCapacity(result.rowCount)
        for row in 0..<result.rowCount {
            entries.append(ListedLogEntry(
                entry: try PostgresLogEntryColumns.entry(result, row: row),
                gateway: try result.optionalString(row: row, column: first + 2),
                instance: try result.optionalString(row: row, column: first + 1),
                sourcePath: try result.string(row: row, column: first)))
        }
        return entries
    }
}
