import GRDB

extension SQLiteSnapshot {
    /// One statement over `log_entry_by_time`, joined to the entries' files, gateways and events.
    func notableLogEntries(fromMilliseconds from: Int64, toMilliseconds to: Int64) throws -> [NotableLogEntry] {
        // One row per entry and event (the LEFT JOIN), folded into one value per entry: rows of
        // an entry are adjacent, since the entry's id follows from its file and offset.
        let rows = try Row.fetchAll(db, sql: """
            SELECT e.id, e.log_file_id, e.line, e.utc_ms, e.local_ms, e.severity, e.message,
                   f.path, f.log, f.service, g.name AS file_gateway,
                   v.rule, v.kind, v.severity AS event_severity, v.gateway AS event_gateway, v.fields
            FROM log_entry e
            JOIN log_file f ON f.id = e.log_file_id
            LEFT JOIN gateway g ON g.id = f.gateway_id
            LEFT JOIN log_event v ON v.entry_id = e.id
            WHERE coalesce(e.utc_ms, e.local_ms) >= ? AND coalesce(e.utc_ms, e.local_ms) < ?
              AND (e.severity >= 2 OR v.id IS NOT NULL)
            ORDER BY coalesce(e.utc_ms, e.local_ms), e.log_file_id, e.offset, v.rule
            """, arguments: [from, to])
        var entries: [NotableLogEntry] = []
        for row in rows {
            let id: Int64 = try row.value("id")
            if entries.last?.id != id {
                try entries.append(NotableLogEntry(
                    id: id, fileID: row.value("log_file_id"), line: row.value("line"), utcMilliseconds: row.value("utc_ms"),
                    localMilliseconds: row.value("local_ms"), severity: row.value("severity"), message: row.value("message"),
                    path: row.value("path"), log: row.value("log"), service: row.value("service"),
                    fileGateway: row.value("file_gateway"), events: []))
            }
            if let rule: String = try row.value("rule") {
                try entries[entries.count - 1].events.append(NotableLogEntry.Event(
                    rule: rule, kind: row.value("kind"), severity: row.value("event_severity"), gateway: row.value("event_gateway"),
                    fields: row.value("fields")))
            }
        }
        return entries
    }

    /// The entries by id, with their files, 500 ids per statement.
    func citedLogEntries(_ ids: [Int64]) throws -> [Int64: CitedLogEntry] {
        var entries: [Int64: CitedLogEntry] = [:]
        // Chunks keep each statement's id list well under SQLite's limits.
        for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
            let list = chunk.map(String.init).joined(separator: ",")
            for row in try Row.fetchAll(db, sql: """
                SELECT e.id, e.offset, e.length, e.line, e.format, e.local_time, e.bias_minutes, e.component, e.message,
                       f.path, f.head_length, f.head_hash
                FROM log_entry e JOIN log_file f ON f.id = e.log_file_id WHERE e.id IN (\(list))
                """) {
                let id: Int64 = try row.value("id")
                entries[id] = try CitedLogEntry(
                    offset: row.value("offset"), length: row.value("length"), line: row.value("line"), format: row.value("format"),
                    localTime: row.value("local_time"), biasMinutes: row.value("bias_minutes"), component: row.value("component"),
                    message: row.value("message"), path: row.value("path"), headLength: row.value("head_length"),
                    headHash: row.value("head_hash"))
            }
        }
        return entries
    }
}
