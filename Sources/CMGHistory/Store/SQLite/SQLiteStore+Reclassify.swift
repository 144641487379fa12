import GRDB

extension SQLiteStore {
    /// Entries per transaction when reclassifying.
    static let reclassifyBatchSize = 5_000

    /// Runs `rules` over every stored entry and brings the events in line: events a rule now
    /// makes are added or updated, events no rule makes any more are removed. Running it twice
    /// changes nothing the second time.
    func reclassifyLogs(rules: LogRuleSet) throws -> ReclassifySummary {
        var summary = ReclassifySummary()
        var after: Int64 = 0
        while true {
            let (last, batch) = try writeTransaction { db -> (Int64?, ReclassifySummary) in
                var batch = ReclassifySummary()
                let rows = try Row.fetchAll(db, sql: """
                    SELECT e.*, f.log AS log_name, coalesce(g.name, f.service) AS gateway_name
                    FROM log_entry e JOIN log_file f ON f.id = e.log_file_id LEFT JOIN gateway g ON g.id = f.gateway_id
                    WHERE e.id > ? ORDER BY e.id LIMIT ?
                    """, arguments: [after, Self.reclassifyBatchSize])
                guard let lastRow = rows.last else { return (nil, batch) }
                let lastID: Int64 = try lastRow.value("id"), firstID: Int64 = try rows[0].value("id")
                var existing: [Int64: [String: Row]] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT * FROM log_event WHERE entry_id BETWEEN ? AND ?", arguments: [firstID, lastID]) {
                    let entryID: Int64 = try row.value("entry_id"), rule: String = try row.value("rule")
                    existing[entryID, default: [:]][rule] = row
                }
                for row in rows {
                    let id: Int64 = try row.value("id")
                    let entry = try LogEntry(row: row)
                    let fileGateway: String? = try row.value("gateway_name")
                    var stale = existing[id] ?? [:]
                    for event in rules.events(for: entry, log: try row.value("log_name")) {
                        let gateway = event.gateway ?? fileGateway
                        if let old = stale.removeValue(forKey: event.rule) {
                            if try old.value("kind") as String == event.kind, try old.value("severity") as Int64 == event.severity.rawValue,
                               try old.value("gateway") as String? == gateway, try old.value("fields") as String? == event.fieldsJSON {
                                batch.unchanged += 1
                            } else {
                                try db.execute(sql: "UPDATE log_event SET kind = ?, severity = ?, gateway = ?, fields = ? WHERE id = ?",
                                               arguments: [event.kind, event.severity.rawValue, gateway, event.fieldsJSON, old.value("id") as Int64])
                                batch.updated += 1
                            }
                        } else {
                            try db.execute(sql: "INSERT INTO log_event(entry_id, rule, kind, severity, gateway, fields) VALUES (?, ?, ?, ?, ?, ?)",
                                           arguments: [id, event.rule, event.kind, event.severity.rawValue, gateway, event.fieldsJSON])
                            batch.added += 1
                        }
                    }
                    for old in stale.values {
                        try db.execute(sql: "DELETE FROM log_event WHERE id = ?", arguments: [old.value("id") as Int64])
                        batch.removed += 1
                    }
                    batch.entries += 1
                }
                return (lastID, batch)
            }
            summary.add(batch)
            guard let last else { break }
            after = last
        }
        return summary
    }
}
