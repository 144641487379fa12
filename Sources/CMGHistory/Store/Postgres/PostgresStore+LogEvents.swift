extension PostgresStore {
    /// The events rules made that match `filter`, with their entries, in time order (entries
    /// without a time first, as SQLite orders NULL), then file, offset and rule.
    func logEvents(_ filter: LogEventFilter) throws -> [LoggedEvent] {
        var filtered = PostgresLogConditions(filter.entries, severity: "v.severity", gateways: ["v.gateway", "g.name", "f.service"])
        if filtered.matchesNothing { return [] }
        if !filter.kinds.isEmpty {
            let kinds = filter.kinds.map { "lower(\(filtered.bind(.text($0))))" }
            filtered.conditions.append("lower(v.kind) IN (\(kinds.joined(separator: ", ")))")
        }
        let limit = filtered.bind(.int64(Int64(max(0, filter.entries.limit))))
        return try pool.withConnection { connection in
            let result = try connection.query("""
                SELECT v.rule, v.kind, v.severity, v.gateway, v.fields::text, f.path, coalesce(g.name, f.service),
                       \(PostgresLogEntryColumns.list("e"))
                FROM log_event v JOIN log_entry e ON e.id = v.entry_id
                JOIN log_file f ON f.id = e.log_file_id
                LEFT JOIN gateway g ON g.id = f.gateway_id
                \(filtered.whereClause)
                ORDER BY \(PostgresLogConditions.entryTime) NULLS FIRST, e.log_file_id, e."offset", v.rule COLLATE "C"
                LIMIT \(limit)
                """, filtered.parameters, binaryResults: true)
            return try (0..<result.rowCount).map { row in
                LoggedEvent(rule: try result.string(row: row, column: 0), kind: try result.string(row: row, column: 1),
                            severity: LogSeverity(rawValue: try result.int64(row: row, column: 2)) ?? .info,
                            gateway: try result.optionalString(row: row, column: 3), fields: try result.optionalString(row: row, column: 4),
                            entry: try PostgresLogEntryColumns.entry(result, row: row, from: 7),
                            sourcePath: try result.string(row: row, column: 5), fileGateway: try result.optionalString(row: row, column: 6))
            }
        }
    }

    /// The events rules made, with their entries, in time order.
    func logEvents(limit: Int = 1000) throws -> [LoggedEvent] {
        var filter = LogEventFilter()
        filter.entries.limit = limit
        return try logEvents(filter)
    }

    /// Stored entries matching `filter`, in time order, then file and offset (``PostgresLogSearch``).
    func logEntries(_ filter: LogEntryFilter) throws -> [ListedLogEntry] {
        try snapshot { try $0.logEntries(matching: filter) }
    }
}
