/// Retention on PostgreSQL: whole month partitions of the raw tables are detached and dropped,
/// never deleted row by row.
///
/// Home Assistant's purge on a large PostgreSQL runs a DELETE that never finishes and blocks
/// inserts; Zabbix users turn the housekeeper off for partitioned tables. Here a prune runs in
/// three steps, none of which holds a lock an import waits on for long:
/// 1. Missing rollup hours before the cut are computed from the raw rows, under the gateway
///    locks the writer takes (rollups stay exact against concurrent imports of those gateways).
/// 2. The horizon (`retention.raw_kept_from`) moves, under the retention lock exclusive: this
///    waits for batches in flight (each holds it shared from before it reads the horizon until it
///    commits) and holds new ones back for one statement. Afterwards every import refuses
///    samples before the horizon, as on SQLite, so no row can land in a month being dropped.
/// 3. Each month of the raw tables wholly before the horizon is `DETACH … CONCURRENTLY` (the
///    parent keeps taking inserts) and dropped.
///
/// The cut is therefore the first second of the UTC month that holds SQLite's cut.
extension PostgresStore {
    /// Names the advisory lock of the retention horizon, with the schema appended.
    static let retentionLockPrefix = "cmg-history retention "

    /// Drops raw samples older than `keepDays` days before `now`, cut down to the start of that
    /// UTC month (see the type's comment), where their hourly rollups exist: missing hours are
    /// computed first. Totals, peaks, counts and percentiles over pruned months are unchanged.
    /// A prune interrupted after moving the horizon (mid-detach included) is completed by the next one.
    func prune(keepDays: Int, now: UnixSeconds) throws -> PruneSummary {
        try refuseReadOnly()
        // Checked as on SQLite: `--keep-raw 999999999999999` keeps everything rather than trapping.
        let (kept, tooMany) = Int64(keepDays).multipliedReportingOverflow(by: 86_400)
        let (cut, beforeTime) = now.subtractingReportingOverflow(kept)
        let hour = RollupMaintainer.hourStart(tooMany || beforeTime ? ValueLimits.earliestInstant : cut)
        let horizon = try PostgresPartitions.month(of: hour).start
        return try pool.withConnection { connection in
            try Self.refuseUnlessOwner(connection)
            let built = try Self.buildMissingRollups(before: horizon, on: connection)
            try connection.transaction {
                try connection.query("SELECT pg_advisory_xact_lock(hashtextextended($1 || current_schema(), 0))", [.text(Self.retentionLockPrefix)])
                try connection.query("""
                    INSERT INTO retention (id, raw_kept_from, pruned_at) VALUES (1, $1, $2)
                    ON CONFLICT (id) DO UPDATE SET raw_kept_from = greatest(retention.raw_kept_from, excluded.raw_kept_from),
                        pruned_at = excluded.pruned_at
                    """, [.int64(horizon), .int64(now)])
            }
            var deleted: [String: Int] = [:]
            var freed: Int64 = 0
            for table in SQLiteStore.prunableTables {
                deleted[table] = 0
                for month in try Self.monthsBefore(horizon, of: table, on: connection) {
                    // Not in a transaction: DETACH CONCURRENTLY commits in two steps of its own.
                    switch month.state {
                    case .attached: try connection.execute("ALTER TABLE \(table) DETACH PARTITION \(month.name) CONCURRENTLY")
                    case .detaching: try connection.execute("ALTER TABLE \(table) DETACH PARTITION \(month.name) FINALIZE")
                    case .detached: break
                    }
                    let rows = try connection.query("SELECT count(*), pg_total_relation_size($1::regclass) FROM \(month.name)",
                                                    [.text(month.name)], binaryResults: true)
                    let (count, overflow) = (deleted[table] ?? 0).addingReportingOverflow(Int(clamping: try rows.int64(row: 0, column: 0)))
                    deleted[table] = overflow ? Int.max : count
                    let (bytes, tooMany) = freed.addingReportingOverflow(try rows.int64(row: 0, column: 1))
                    freed = tooMany ? Int64.max : bytes
                    try connection.execute("DROP TABLE \(month.name)")
                }
            }
            return PruneSummary(rawKeptFrom: Timestamp.format(horizon), deletedRows: deleted, rollupsBuilt: built,
                                freedBytes: freed, wholeMonths: true)
        }
    }

    /// Refuses, before anything moves, a role that could not drop the months: detaching a
    /// partition takes the parent's owner (a collector role owns nothing).
    private static func refuseUnlessOwner(_ connection: PGConnection) throws {
        let owner = try connection.query("""
            SELECT coalesce(bool_and(pg_has_role(relowner, 'USAGE')), false) FROM pg_class
            WHERE relnamespace = current_schema()::regnamespace AND relname = ANY($1::text[])
            """, [.text("{" + SQLiteStore.prunableTables.joined(separator: ",") + "}")])
        guard try owner.bool(row: 0, column: 0) else {
            throw PostgresError(.statement, sqlState: "42501",
                                message: "db prune drops month partitions, which only the raw tables' owner may do: run it as the schema's owner")
        }
    }

    /// Computes every (gateway, hour) before `horizon` that has raw rows but no rollup row, as
    /// SQLiteStore+Prune does; returns how many hours were built.
    private static func buildMissingRollups(before horizon: UnixSeconds, on connection: PGConnection) throws -> Int {
        // The hour of `at`, floored (PostgreSQL's % truncates towards zero).
        let hour = "s.at - ((s.at % 3600) + 3600) % 3600"
        let sources: [(RollupMaintainer.MetricGroups, RollupMetric, String)] = [
            (.onlineClients, .onlineClients, "online_clients_sample"), (.traffic, .requests, "gateway_traffic_sample"),
            (.egress, .egressBytes, "egress_sample"), (.storage, .storageUsedBytes, "storage_sample"),
        ]
        return try connection.transaction(.readCommitted) {
            var writer = try PostgresBatchWriter([], connection: connection)
            var built = 0
            for (group, metric, table) in sources {
                let missing = try connection.query("""
                    SELECT DISTINCT s.gateway_id, \(hour) FROM \(table) s WHERE s.at < $1 AND NOT EXISTS (
                        SELECT 1 FROM rollup_hour r WHERE r.gateway_id = s.gateway_id AND r.metric_id = $2 AND r.hour_start = \(hour))
                    """, [.int64(horizon), .int64(metric.rawValue)], binaryResults: true)
                for row in 0..<missing.rowCount {
                    let gateway = try missing.int64(row: row, column: 0)
                    built += 1
                    writer.gatewayIDs[String(gateway)] = gateway
                    writer.touchedHours[RollupMaintainer.HourKey(gatewayID: gateway, hourStart: try missing.int64(row: row, column: 1)),
                                        default: []].insert(group)
                }
            }
            guard !writer.touchedHours.isEmpty else { return 0 }
            // The writer's locks: an import of these gateways waits, or went first (and then the
            // hours it built are recomputed to the same rows).
            try writer.lockGateways()
            try writer.recomputeRollups()
            return built
        }
    }

    /// A month table of a raw table, as a prune finds it.
    private struct MonthTable {
        /// Where a detach of it stands.
        enum State { case attached, detaching, detached }
        let start: UnixSeconds
        let name: String
        let state: State
    }

    /// The month tables of `table` that end at or before `horizon`, oldest first: its partitions,
    /// and those an interrupted prune left detaching (pending) or detached but not dropped.
    private static func monthsBefore(_ horizon: UnixSeconds, of table: String, on connection: PGConnection) throws -> [MonthTable] {
        let result = try connection.query("""
            SELECT c.relname::text, i.inhdetachpending, p.relname::text FROM pg_class c
            LEFT JOIN pg_inherits i ON i.inhrelid = c.oid LEFT JOIN pg_class p ON p.oid = i.inhparent
            WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' AND starts_with(c.relname::text, $1)
            """, [.text(table + "_p")])
        var months: [MonthTable] = []
        for row in 0..<result.rowCount {
            let name = try result.string(row: row, column: 0)
            // Only the store's own month tables, named <table>_pYYYYMM: the name gives the bounds.
            guard let month = PostgresPartitions.month(named: name, of: table), month.end <= horizon else { continue }
            let state: MonthTable.State
            if let parent = try result.optionalString(row: row, column: 2) {
                guard parent == table else { continue }
                state = try result.bool(row: row, column: 1) ? .detaching : .attached
            } else {
                state = .detached
            }
            months.append(MonthTable(start: month.start, name: name, state: state))
        }
        return months.sorted { $0.start < $1.start }
    }
}
