import GRDB

extension SQLiteStore {
    /// The events rules made that match `filter`, with their entries, in time order.
    func logEvents(_ filter: LogEventFilter) throws -> [LoggedEvent] {
        var (conditions, arguments) = Self.conditions(filter.entries, severity: "v.severity",
                                                      gateways: ["v.gateway", "g.name", "f.service"])
        if !filter.kinds.isEmpty {
            conditions.append("v.kind COLLATE NOCASE IN (\(filter.kinds.map { _ in "?" }.joined(separator: ", ")))")
            arguments += StatementArguments(filter.kinds)
        }
        let time = Self.entryTime
        arguments += [max(0, filter.entries.limit)]
        let sql = """
            SELECT v.rule, v.kind, v.severity AS event_severity, v.gateway AS event_gateway, v.fields, e.*,
                   f.path AS source_path, coalesce(g.name, f.service) AS gateway_name
            FROM log_event v JOIN log_entry e ON e.id = v.entry_id
            JOIN log_file f ON f.id = e.log_file_id
            LEFT JOIN gateway g ON g.id = f.gateway_id
            \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
            ORDER BY \(time), e.log_file_id, e.offset, v.rule
            LIMIT ?
            """
        return try read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                try LoggedEvent(rule: row.value("rule"), kind: row.value("kind"),
                                severity: LogSeverity(rawValue: row.value("event_severity")) ?? .info,
                                gateway: row.value("event_gateway"), fields: row.value("fields"), entry: LogEntry(row: row),
                                sourcePath: row.value("source_path"), fileGateway: row.value("gateway_name"))
            }
        }
    }
}
