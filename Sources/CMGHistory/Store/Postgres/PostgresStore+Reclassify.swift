extension PostgresStore {
    /// Runs `rules` over every stored entry and brings the events in line, as SQLite's
    /// `reclassifyLogs(rules:)` does: events a rule now makes are added or updated, events no
    /// rule makes any more are removed; running it twice changes nothing the second time.
    ///
    /// Entries go by id in batches of ``SQLiteStore/reclassifyBatchSize``, each batch in a
    /// transaction of its own. An entry a collector stores meanwhile got its events from the
    /// rules in force when it was stored.
    func reclassifyLogs(rules: LogRuleSet) throws -> ReclassifySummary {
        try refuseReadOnly()
        var summary = ReclassifySummary()
        var after: Int64 = 0
        while true {
            let (last, batch) = try pool.withConnection { connection in
                try connection.transaction(.readCommitted) { try Self.reclassify(after: after, rules: rules, on: connection) }
            }
            summary.add(batch)
            guard let last else { break }
            after = last
        }
        return summary
    }

    /// A stored event, as compared with what the rules make now.
    private struct StoredEvent {
        var id: Int64
        var kind: String
        var severity: Int64
        var gateway: String?
        var fields: String?
    }

    /// Reclassifies the entries after id `after`, one batch; the batch's last id, nil when none was left.
    private static func reclassify(after: Int64, rules: LogRuleSet, on connection: PGConnection) throws -> (Int64?, ReclassifySummary) {
        var batch = ReclassifySummary()
        let entries = try connection.query("""
            SELECT e.id, f.log, coalesce(g.name, f.service), \(PostgresLogEntryColumns.list("e"))
            FROM log_entry e JOIN log_file f ON f.id = e.log_file_id LEFT JOIN gateway g ON g.id = f.gateway_id
            WHERE e.id > $1 ORDER BY e.id LIMIT $2
            """, [.int64(after), .int64(Int64(SQLiteStore.reclassifyBatchSize))], binaryResults: true)
        guard entries.rowCount > 0 else { return (nil, batch) }
        let firstID = try entries.int64(row: 0, column: 0), lastID = try entries.int64(row: entries.rowCount - 1, column: 0)
        let stored = try connection.query("""
            SELECT id, entry_id, rule, kind, severity, gateway, fields::text FROM log_event WHERE entry_id BETWEEN $1 AND $2
            """, [.int64(firstID), .int64(lastID)], binaryResults: true)
        var existing: [Int64: [String: StoredEvent]] = [:]
        for row in 0..<stored.rowCount {
            existing[try stored.int64(row: row, column: 1), default: [:]][try stored.string(row: row, column: 2)] = StoredEvent(
                id: try stored.int64(row: row, column: 0), kind: try stored.string(row: row, column: 3),
                severity: try stored.int64(row: row, column: 4), gateway: try stored.optionalString(row: row, column: 5),
                fields: try stored.optionalString(row: row, column: 6))
        }
        for row in 0..<entries.rowCount {
            let id = try entries.int64(row: row, column: 0)
            let entry = try PostgresLogEntryColumns.entry(entries, row: row, from: 3)
            let fileGateway = try entries.optionalString(row: row, column: 2)
            var stale = existing[id] ?? [:]
            for event in rules.events(for: entry, log: try entries.string(row: row, column: 1)) {
                let gateway = event.gateway ?? fileGateway
                let values: [PGParameter] = [.text(event.kind), .int64(event.severity.rawValue), gateway.map { .text($0) } ?? .null,
                                             event.fieldsJSON.map { .text($0) } ?? .null]
                if let old = stale.removeValue(forKey: event.rule) {
                    if old.kind == event.kind, old.severity == event.severity.rawValue, old.gateway == gateway, old.fields == event.fieldsJSON {
                        batch.unchanged += 1
                    } else {
                        try connection.query("UPDATE log_event SET kind = $1, severity = $2, gateway = $3, fields = $4::json WHERE id = $5",
                                             values + [.int64(old.id)])
                        batch.updated += 1
                    }
                } else {
                    try connection.query("""
                        INSERT INTO log_event (entry_id, rule, kind, severity, gateway, fields) VALUES ($1, $2, $3, $4, $5, $6::json)
                        """, [.int64(id), .text(event.rule)] + values)
                    batch.added += 1
                }
            }
            for old in stale.values {
                try connection.query("DELETE FROM log_event WHERE id = $1", [.int64(old.id)])
                batch.removed += 1
            }
            batch.entries += 1
        }
        return (lastID, batch)
    }
}
