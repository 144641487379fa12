extension PostgresSnapshot {
    /// One statement over the entries' times, joined to their files, gateways and events, as
    /// on SQLite (SQLiteSnapshot+TimelineLogs.swift).
    func notableLogEntries(fromMilliseconds from: Int64, toMilliseconds to: Int64) throws -> [NotableLogEntry] {
        // One row per entry and event (the LEFT JOIN), folded into one value per entry: rows of
        // an entry are adjacent, since the entry's id follows from its file and offset.
        let result = try connection.query("""
            SELECT e.id, e.log_file_id, e.line, e.utc_ms, e.local_ms, e.severity, e.message,
                   f.path, f.log, f.service, g.name,
                   v.rule, v.kind, v.severity, v.gateway, v.fields::text
            FROM log_entry e
            JOIN log_file f ON f.id = e.log_file_id
            LEFT JOIN gateway g ON g.id = f.gateway_id
            LEFT JOIN log_event v ON v.entry_id = e.id
            WHERE coalesce(e.utc_ms, e.local_ms) >= $1 AND coalesce(e.utc_ms, e.local_ms) < $2
              AND (e.severity >= 2 OR v.id IS NOT NULL)
            ORDER BY coalesce(e.utc_ms, e.local_ms), e.log_file_id, e."offset", v.rule COLLATE "C"
            """, [.int64(from), .int64(to)], binaryResults: true)
        var entries: [NotableLogEntry] = []
        for row in 0..<result.rowCount {
            func text(_ column: Int) throws -> String? { try result.optionalString(row: row, column: column) }
            func number(_ column: Int) throws -> Int64? { try result.optionalInt64(row: row, column: column) }
            let id = try result.int64(row: row, column: 0)
            if entries.last?.id != id {
                entries.append(NotableLogEntry(
                    id: id, fileID: try result.int64(row: row, column: 1), line: try result.int64(row: row, column: 2),
                    utcMilliseconds: try number(3), localMilliseconds: try number(4), severity: try number(5),
                    message: try result.string(row: row, column: 6), path: try result.string(row: row, column: 7),
                    log: try result.string(row: row, column: 8), service: try text(9), fileGateway: try text(10), events: []))
            }
            if let rule = try text(11) {
                entries[entries.count - 1].events.append(NotableLogEntry.Event(
                    rule: rule, kind: try text(12), severity: try number(13), gateway: try text(14), fields: try text(15)))
            }
        }
        return entries
    }

    /// The entries by id, with their files, in one statement over an id array.
    func citedLogEntries(_ ids: [Int64]) throws -> [Int64: CitedLogEntry] {
        guard !ids.isEmpty else { return [:] }
        let list = "{" + ids.map(String.init).joined(separator: ",") + "}"
        let result = try connection.query("""
            SELECT e.id, e."offset", e.length, e.line, e.format, e.local_time, e.bias_minutes, e.component, e.message,
                   f.path, f.head_length, f.head_hash
            FROM log_entry e JOIN log_file f ON f.id = e.log_file_id WHERE e.id = ANY($1::bigint[])
            """, [.text(list)], binaryResults: true)
        var entries: [Int64: CitedLogEntry] = [:]
        for row in 0..<result.rowCount {
            let headLength = try result.int64(row: row, column: 10)
            guard let length = Int(exactly: headLength) else {
                throw PostgresError(.decoding, message: "log_file.head_length \(headLength) does not fit this platform's integers")
            }
            entries[try result.int64(row: row, column: 0)] = CitedLogEntry(
                offset: try result.int64(row: row, column: 1), length: try result.int64(row: row, column: 2),
                line: try result.int64(row: row, column: 3), format: try result.string(row: row, column: 4),
                localTime: try result.optionalString(row: row, column: 5), biasMinutes: try result.optionalInt64(row: row, column: 6),
                component: try result.string(row: row, column: 7), message: try result.string(row: row, column: 8),
                path: try result.string(row: row, column: 9), headLength: length, headHash: try result.int64(row: row, column: 11))
        }
        return entries
    }
}
