import Foundation

/// What a batch's new rows imply on PostgreSQL: state spans around new snapshots, and the hourly
/// and daily rollups of every touched hour, recomputed from the rows (as SQLite's
/// ``StateSpanMaintainer``, ``RollupMaintainer`` and ``DailyRollups`` do), so that late,
/// re-sent and concurrently imported data come out as if it had arrived in order.
extension PostgresBatchWriter {
    // MARK: - State spans

    /// Rebuilds each touched gateway's spans around its new snapshots (``StateSpanRun``).
    func rebuildSpans() throws {
        for (gateway, range) in touchedSpans.sorted(by: { $0.key < $1.key }) {
            try rebuildSpans(gateway: gateway, lo: range.lowerBound, hi: range.upperBound)
        }
    }

    func rebuildSpans(gateway: Int64, lo: Int64, hi: Int64) throws {
        let columns = "first_seen_at, last_seen_at, state_code, state, description, snapshot_count"
        func span(_ sql: String, _ bound: Int64) throws -> StateSpanRun.Span? {
            let result = try connection.query("SELECT \(columns) FROM state_span WHERE gateway_id = $1 AND \(sql)",
                                              [.int64(gateway), .int64(bound)], binaryResults: true)
            guard result.rowCount > 0 else { return nil }
            return StateSpanRun.Span(first: try result.int64(row: 0, column: 0), last: try result.int64(row: 0, column: 1),
                                     code: try result.optionalInt64(row: 0, column: 2), state: try result.string(row: 0, column: 3),
                                     description: try result.string(row: 0, column: 4), count: try result.int64(row: 0, column: 5))
        }
        let before = try span("first_seen_at <= $2 ORDER BY first_seen_at DESC LIMIT 1", lo)
        let after = try span("first_seen_at > $2 ORDER BY first_seen_at LIMIT 1", hi)
        let coveringHi = try span("first_seen_at <= $2 ORDER BY first_seen_at DESC LIMIT 1", hi)?.last
        let plan = StateSpanRun.plan(lo: lo, hi: hi, before: before, after: after, coveringHi: coveringHi)
        try connection.query("DELETE FROM state_span WHERE gateway_id = $1 AND first_seen_at BETWEEN $2 AND $3",
                             [.int64(gateway), .int64(plan.deleteFrom), .int64(plan.deleteTo)])
        let snapshots = try connection.query("""
            SELECT at, state_code, state, description FROM status_snapshot
            WHERE gateway_id = $1 AND at BETWEEN $2 AND $3 ORDER BY at
            """, [.int64(gateway), .int64(plan.readFrom), .int64(plan.readTo)], binaryResults: true)
        let staleAfter = StalenessPolicy.defaultLimitSeconds
        var run = StateSpanRun(staleAfter: staleAfter, continuing: plan.current)
        var spans: [StateSpanRun.Span] = []
        for row in 0..<snapshots.rowCount {
            if let closed = run.add(at: try snapshots.int64(row: row, column: 0), code: try snapshots.optionalInt64(row: row, column: 1),
                                    state: try snapshots.string(row: row, column: 2),
                                    description: try snapshots.string(row: row, column: 3)) {
                spans.append(closed)
            }
        }
        if let last = run.current { spans.append(last) }
        guard !spans.isEmpty else { return }
        try connection.copyIn("""
            COPY state_span (gateway_id, first_seen_at, last_seen_at, state_code, state, description, snapshot_count, stale_after_s)
            FROM STDIN (FORMAT binary)
            """) { copy in
            for span in spans {
                copy.startRow(fields: 8)
                copy.int64(gateway)
                copy.int64(span.first)
                copy.int64(span.last)
                copy.int64(span.code)
                copy.text(span.state)
                copy.text(span.description)
                copy.int64(span.count)
                copy.int64(staleAfter)
                try copy.flushIfFull()
            }
        }
    }

    // MARK: - Rollups

    /// A rollup row to write: its values (none: remove the row).
    struct RollupValues {
        var gatewayID: Int64
        var metricID: Int64
        var start: Int64
        var values: [Int64]
    }

    /// Recomputes every touched (gateway, metric, hour) from the raw rows into `rollup_hour`, then
    /// every touched day from its hours into `rollup_day`. An hour that held no row before the
    /// batch takes the batch's values as they are (the same rows a read would return).
    func recomputeRollups() throws {
        guard !touchedHours.isEmpty else { return }
        var hoursByGroup: [UInt8: [Int64: [Int64]]] = [:]
        for (key, groups) in touchedHours {
            for group in [RollupMaintainer.MetricGroups.onlineClients, .traffic, .egress, .storage] where groups.contains(group) {
                hoursByGroup[group.rawValue, default: [:]][key.gatewayID, default: []].append(key.hourStart)
            }
        }
        var hourRows: [RollupValues] = []
        var days = Set<DailyRollups.Key>()
        for (rawGroup, hours) in hoursByGroup.sorted(by: { $0.key < $1.key }) {
            let rows = try hourValues(group: RollupMaintainer.MetricGroups(rawValue: rawGroup), hours: hours)
            hourRows += rows
            for row in rows {
                days.insert(DailyRollups.Key(gatewayID: row.gatewayID, metricID: row.metricID, dayStart: DailyRollups.dayStart(row.start)))
            }
        }
        try store(hourRows, tier: .hour)
        try store(try dayValues(days), tier: .day)
    }

    /// The values of each hour of `hours` (per gateway) for the metrics of `group`: the batch's
    /// own values for the hours that were empty before it, the raw rows for the others, read for
    /// every gateway at once (one range scan of the time-first key per run of hours).
    private func hourValues(group: RollupMaintainer.MetricGroups, hours: [Int64: [Int64]]) throws -> [RollupValues] {
        let metrics = group.metrics
        let known = newHourValues[group.rawValue] ?? [:]
        var values: [RollupMaintainer.HourKey: [[Int64]]] = [:], read: [RollupMaintainer.HourKey: [[Int64]]] = [:]
        var unread = Set<Int64>(), gateways = Set<Int64>()
        for (gateway, starts) in hours {
            for hour in starts {
                let key = RollupMaintainer.HourKey(gatewayID: gateway, hourStart: hour)
                if metrics.count == 1, let list = known[key] {
                    values[key] = [list]
                } else {
                    read[key] = Array(repeating: [], count: metrics.count)
                    unread.insert(hour)
                    gateways.insert(gateway)
                }
            }
        }
        // Only the hours read go into `read`: a run can pass over a new hour of another gateway.
        try readHours(group: group, hours: unread.sorted(), gateways: gateways, into: &read)
        values.merge(read) { new, _ in new }
        return values.keys.sorted().flatMap { key in
            metrics.enumerated().map { offset, metric in
                RollupValues(gatewayID: key.gatewayID, metricID: metric.rawValue, start: key.hourStart, values: values[key]?[offset] ?? [])
            }
        }
    }

    /// Adds the raw rows of `group` in `hours` of `gateways` to the lists of the hours in `values`
    /// (a row of an hour not in `values`, read because it lies in a run, is skipped).
    private func readHours(group: RollupMaintainer.MetricGroups, hours: [Int64], gateways: Set<Int64>,
                           into values: inout [RollupMaintainer.HourKey: [[Int64]]]) throws {
        guard !hours.isEmpty else { return }
        let table: String, columns: String
        switch group {
        case .onlineClients: (table, columns) = ("online_clients_sample", "t.count")
        case .egress: (table, columns) = ("egress_sample", "t.bytes")
        case .storage: (table, columns) = ("storage_sample", "t.used_bytes")
        default:
            (table, columns) = ("gateway_traffic_sample", "t.request_count, t.request_bytes, t.response_bytes, t.elapsed_weighted, t.elapsed_requests")
        }
        let ids = Self.array(gateways.sorted())
        for run in Self.runs(hours, step: 3600) {
            let result = try connection.query("""
                SELECT t.gateway_id, t.at, \(columns) FROM \(table) t
                WHERE t.gateway_id = ANY($1::bigint[]) AND t.at >= $2 AND t.at < $3
                """, [.text(ids), .int64(run.lowerBound), .int64(run.upperBound)], binaryResults: true)
            for row in 0..<result.rowCount {
                let key = RollupMaintainer.HourKey(gatewayID: try result.int64(row: row, column: 0),
                                                   hourStart: RollupMaintainer.hourStart(try result.int64(row: row, column: 1)))
                guard values[key] != nil else { continue }
                if group == .traffic {
                    values[key]?[0].append(try result.int64(row: row, column: 2))
                    values[key]?[1].append(try result.int64(row: row, column: 3))
                    values[key]?[2].append(try result.int64(row: row, column: 4))
                    if let average = RollupMaintainer.averageElapsed(weighted: try result.int64(row: row, column: 5),
                                                                     requests: try result.int64(row: row, column: 6)) {
                        values[key]?[3].append(average)
                    }
                } else {
                    values[key]?[0].append(try result.int64(row: row, column: 2))
                }
            }
        }
    }

    /// The values of each day of `days`, merged from its stored hours: one read of `rollup_hour`
    /// per run of days for every touched series at once (a round trip per series costs more
    /// than the rows on a busy server).
    func dayValues(_ days: Set<DailyRollups.Key>) throws -> [RollupValues] {
        guard !days.isEmpty else { return [] }
        var values: [DailyRollups.Key: [Int64]] = [:]
        for day in days { values[day] = [] }
        let gateways = Self.array(Set(days.map(\.gatewayID)).sorted()), metrics = Self.array(Set(days.map(\.metricID)).sorted())
        for run in Self.runs(Set(days.map(\.dayStart)).sorted(), step: DailyRollups.secondsPerDay) {
            let result = try connection.query("""
                SELECT gateway_id, metric_id, hour_start, value_list FROM rollup_hour
                WHERE gateway_id = ANY($1::bigint[]) AND metric_id = ANY($2::bigint[]) AND hour_start >= $3 AND hour_start < $4
                """, [.text(gateways), .text(metrics), .int64(run.lowerBound), .int64(run.upperBound)], binaryResults: true)
            for row in 0..<result.rowCount {
                let key = DailyRollups.Key(gatewayID: try result.int64(row: row, column: 0), metricID: try result.int64(row: row, column: 1),
                                           dayStart: DailyRollups.dayStart(try result.int64(row: row, column: 2)))
                guard var list = values[key] else { continue }
                ValueList.decode(try result.bytes(row: row, column: 3), into: &list)
                values[key] = list
            }
        }
        return values.keys.sorted().map { key in
            RollupValues(gatewayID: key.gatewayID, metricID: key.metricID, start: key.dayStart, values: values[key] ?? [])
        }
    }

    /// Writes rollup rows of `tier` as ``RollupRow`` computes them (count, sum, extremes, value
    /// list), upserted through one staged COPY; a row without values is removed.
    func store(_ rows: [RollupValues], tier: RollupRow.Tier) throws {
        let table = "rollup_\(tier.rawValue)", start = "\(tier.rawValue)_start"
        for row in rows where row.values.isEmpty {
            try connection.query("DELETE FROM \(table) WHERE gateway_id = $1 AND metric_id = $2 AND \(start) = $3",
                                 [.int64(row.gatewayID), .int64(row.metricID), .int64(row.start)])
        }
        let present = rows.filter { !$0.values.isEmpty }
        guard !present.isEmpty else { return }
        let staging = "cmg_stage_\(table)"
        let columns = "gateway_id, metric_id, \(start), count, sum, min, max, value_list"
        try connection.execute("""
            CREATE TEMPORARY TABLE IF NOT EXISTS \(staging) (gateway_id bigint, metric_id bigint, \(start) bigint, count bigint,
                sum bigint, min bigint, max bigint, value_list bytea) ON COMMIT DELETE ROWS;
            TRUNCATE \(staging)
            """)
        try connection.copyIn("COPY \(staging) (\(columns)) FROM STDIN (FORMAT binary)") { copy in
            for row in present {
                guard let low = row.values.min(), let high = row.values.max() else { continue }
                copy.startRow(fields: 8)
                for value in [row.gatewayID, row.metricID, row.start, Int64(row.values.count), RollupRow.sum(row.values), low, high] {
                    copy.int64(value)
                }
                copy.bytes(ValueList.encode(row.values))
                try copy.flushIfFull()
            }
        }
        try connection.execute("""
            INSERT INTO \(table) (\(columns)) SELECT \(columns) FROM \(staging)
            ON CONFLICT (gateway_id, metric_id, \(start)) DO UPDATE SET
                count = excluded.count, sum = excluded.sum, min = excluded.min, max = excluded.max, value_list = excluded.value_list
            """)
    }

    /// The sorted period starts `starts` (each `step` long) as ranges to read, one per run of
    /// periods less than a day apart: an export's contiguous hours are one range scan of the
    /// raw table's index, and a scattered batch reads no long stretch between its hours.
    static func runs(_ starts: [Int64], step: Int64) -> [Range<Int64>] {
        var runs: [Range<Int64>] = []
        for start in starts {
            if let last = runs.last, start - last.upperBound <= DailyRollups.secondsPerDay, start >= last.lowerBound {
                runs[runs.count - 1] = last.lowerBound..<max(last.upperBound, start + step)
            } else {
                runs.append(start..<(start + step))
            }
        }
        return runs
    }

    /// `values` as a PostgreSQL array literal, for `$n::bigint[]`.
    static func array(_ values: [Int64]) -> String {
        "{" + values.map(String.init).joined(separator: ",") + "}"
    }
}
