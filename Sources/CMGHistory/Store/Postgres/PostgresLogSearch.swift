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
        var conditions: [String] = []
        var parameters: [PGParameter] = []
        /// The next parameter's placeholder, after binding `value` to it.
        func bind(_ value: PGParameter) -> String {
            parameters.append(value)
            return "$\(parameters.count)"
        }
        let time = "coalesce(e.utc_ms, e.local_ms)"
        if let from = filter.fromMilliseconds { conditions.append("\(time) >= \(bind(.int64(from)))") }
        if let to = filter.toMilliseconds { conditions.append("\(time) < \(bind(.int64(to)))") }
        if filter.minimumSeverity > .verbose {
            conditions.append("e.severity >= \(bind(.int64(filter.minimumSeverity.rawValue)))")
        }
        if let component = filter.component { conditions.append("lower(e.component) = lower(\(bind(.text(component))))") }
        if let gateway = filter.gateway {
            // A gateway also answers to its aliases (a short log-file name folded into it, a rename).
            let name = bind(.text(gateway))
            conditions.append("""
                (lower(g.name) = lower(\(name)) OR lower(f.service) = lower(\(name))
                 OR f.gateway_id IN (SELECT gateway_id FROM gateway_alias WHERE lower(alias) = lower(\(name))))
                """)
        }
        if let text = filter.text {
            switch PostgresSearchVector.query(text) {
            case .none: break
            case .nothing: return []
            case .matching(let query): conditions.append("e.message_search @@ \(bind(.text(query)))::tsquery")
            }
        }
        let limit = bind(.int64(Int64(max(0, filter.limit))))
        let result = try connection.query("""
            SELECT \(PostgresLogEntryColumns.list("e")), f.path, f.instance, coalesce(g.name, f.service)
            FROM log_entry e
            JOIN log_file f ON f.id = e.log_file_id
            LEFT JOIN gateway g ON g.id = f.gateway_id
            \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
            ORDER BY \(time) NULLS FIRST, e.log_file_id, e."offset"
            LIMIT \(limit)
            """, parameters, binaryResults: true)
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
