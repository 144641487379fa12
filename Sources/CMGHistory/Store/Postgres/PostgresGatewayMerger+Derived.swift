import Foundation

/// What a merge recomputes for the target gateway (traffic totals, rollups, state spans) and how
/// it hands over the source's names: SQLite's ``GatewayMerger``, with the record writer's
/// recomputation (PostgresRecordWriter+Derived.swift) doing the rollups and spans.
extension PostgresGatewayMerger {
    // MARK: - Derived rows

    /// The per-instant traffic totals of `into` at every instant `from` had traffic, summed
    /// again over the endpoints `into` now has. A total past 64 bits fails the `bigint` column:
    /// the merge is then refused whole rather than stored wrapped, as on SQLite.
    func recomputeTrafficTotals(from: Int64, into: Int64) throws {
        try connection.query("""
            INSERT INTO gateway_traffic_sample (gateway_id, at, endpoint_samples, request_count, request_bytes, response_bytes,
                elapsed_weighted, elapsed_requests)
            SELECT $2, t.at, count(*), sum(t.request_count), sum(t.request_bytes), sum(t.response_bytes),
                   sum(CASE WHEN t.avg_elapsed_ms IS NULL THEN 0 ELSE t.avg_elapsed_ms * t.request_count END),
                   sum(CASE WHEN t.avg_elapsed_ms IS NULL THEN 0 ELSE t.request_count END)
            FROM endpoint_traffic t
            WHERE t.gateway_id = $2 AND t.at IN (SELECT at FROM gateway_traffic_sample WHERE gateway_id = $1)
            GROUP BY t.at
            ON CONFLICT (at, gateway_id) DO UPDATE SET
                endpoint_samples = excluded.endpoint_samples, request_count = excluded.request_count,
                request_bytes = excluded.request_bytes, response_bytes = excluded.response_bytes,
                elapsed_weighted = excluded.elapsed_weighted, elapsed_requests = excluded.elapsed_requests
            """, [.int64(from), .int64(into)])
        try connection.query("DELETE FROM gateway_traffic_sample WHERE gateway_id = $1", [.int64(from)])
    }

    /// Recomputes `into`'s rollup hours where `from` had rollups, from the raw rows that are now
    /// `into`'s (an hour before the retention horizon has no raw rows, and takes both value
    /// lists), their days, and `into`'s state spans from all its snapshots (moved snapshots may
    /// join or split spans anywhere).
    func recomputeDerived(_ hours: [(metric: Int64, hour: Int64)], from: Int64, into: Int64) throws {
        var writer = try PostgresBatchWriter([], connection: connection)
        var pruned: [PostgresBatchWriter.RollupValues] = []
        var prunedDays = Set<DailyRollups.Key>()
        for (metricID, hour) in hours {
            guard let metric = RollupMetric(rawValue: metricID) else { continue }
            if hour < rawKeptFrom {
                var values: [Int64] = []
                for gateway in [from, into] {
                    let list = try connection.query("""
                        SELECT value_list FROM rollup_hour WHERE gateway_id = $1 AND metric_id = $2 AND hour_start = $3
                        """, [.int64(gateway), .int64(metricID), .int64(hour)], binaryResults: true)
                    if list.rowCount > 0 { ValueList.decode(try list.bytes(row: 0, column: 0), into: &values) }
                }
                pruned.append(.init(gatewayID: into, metricID: metricID, start: hour, values: values))
                prunedDays.insert(DailyRollups.Key(gatewayID: into, metricID: metricID, dayStart: DailyRollups.dayStart(hour)))
            } else {
                writer.touchedHours[RollupMaintainer.HourKey(gatewayID: into, hourStart: hour), default: []].insert(Self.group(of: metric))
            }
        }
        try connection.query("DELETE FROM rollup_hour WHERE gateway_id = $1", [.int64(from)])
        try connection.query("DELETE FROM rollup_day WHERE gateway_id = $1", [.int64(from)])
        try writer.store(pruned, tier: .hour)
        try writer.recomputeRollups()
        try writer.store(try writer.dayValues(prunedDays), tier: .day)

        try connection.query("DELETE FROM state_span WHERE gateway_id IN ($1, $2)", [.int64(from), .int64(into)])
        let range = try connection.query("SELECT min(at), max(at) FROM status_snapshot WHERE gateway_id = $1", [.int64(into)],
                                         binaryResults: true)
        if let first = try range.optionalInt64(row: 0, column: 0), let last = try range.optionalInt64(row: 0, column: 1) {
            try writer.rebuildSpans(gateway: into, lo: first, hi: last)
        }
    }

    /// The raw rows a rollup metric is computed from, as the record writer groups them.
    static func group(of metric: RollupMetric) -> RollupMaintainer.MetricGroups {
        switch metric {
        case .onlineClients: .onlineClients
        case .egressBytes: .egress
        case .storageUsedBytes: .storage
        case .requests, .requestBytes, .responseBytes, .averageElapsedMilliseconds: .traffic
        }
    }

    // MARK: - Names

    /// Gives `into` the aliases, AzureServiceID and name of `from`, and deletes `from`.
    func takeNames(from: Int64, fromName: String, into: Int64, aliasSource: String) throws {
        try connection.query("UPDATE gateway_alias SET gateway_id = $1 WHERE gateway_id = $2", [.int64(into), .int64(from)])
        try connection.query("UPDATE gateway_merge_conflict SET into_gateway_id = $1 WHERE into_gateway_id = $2", [.int64(into), .int64(from)])
        let service = try connection.query("SELECT azure_service_id FROM gateway WHERE id = $1", [.int64(from)], binaryResults: true)
        let serviceID = service.rowCount == 0 ? nil : try service.optionalString(row: 0, column: 0)
        try connection.query("UPDATE gateway SET azure_service_id = NULL WHERE id = $1", [.int64(from)])
        try ensureNothingLeft(of: from)
        try connection.query("DELETE FROM gateway WHERE id = $1", [.int64(from)])
        if let serviceID {
            let claimed = try connection.query("UPDATE gateway SET azure_service_id = $1 WHERE id = $2 AND azure_service_id IS NULL",
                                               [.text(serviceID), .int64(into)]).affectedRows
            if claimed == 0 { try PostgresGatewayNames.addAlias(serviceID, to: into, source: aliasSource, connection) }
        }
        try PostgresGatewayNames.addAlias(fromName, to: into, source: aliasSource, connection)
    }

    /// Refuses to delete a gateway some row still refers to, naming the table (the foreign key
    /// would refuse too, in words an admin cannot act on).
    private func ensureNothingLeft(of gateway: Int64) throws {
        for table in try tablesWithGatewayID() {
            let left = try connection.query("SELECT EXISTS (SELECT 1 FROM \(table) WHERE gateway_id = $1)", [.int64(gateway)],
                                            binaryResults: true)
            if try left.bool(row: 0, column: 0) {
                throw GatewayError.cannotMove(table: table, reason: "rows of the gateway are still there")
            }
        }
    }
}
