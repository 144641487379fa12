import GRDB

/// Endpoint traffic on PostgreSQL: decided line by line in Swift from what is read in bulk, then
/// written set-based.
///
/// A sample is refused when its gateway's total at its instant (stored, plus this batch's
/// samples stored before it) would pass 64 bits, and a refused or duplicate sample adds nothing:
/// whether line n is stored depends on lines before it, which one `INSERT … SELECT` cannot
/// express. So the stored samples under the batch's keys and the stored totals at its instants
/// are read first (one staged join), the lines decided in order exactly as ``RecordWriter``
/// decides them (``RollupMaintainer/TrafficTotals``), and the new samples and changed totals
/// written with one COPY each. The gateway locks keep the rows read current until commit.
extension PostgresBatchWriter {
    private struct TrafficLine {
        var index: Int
        var gatewayID: Int64
        var record: EndpointTrafficSample
    }

    private struct InstantKey: Hashable {
        var gatewayID: Int64
        var at: Int64
    }

    /// Writes every endpoint traffic record of the batch and the per-instant gateway totals.
    mutating func writeTraffic() throws {
        var lines: [TrafficLine] = []
        for (index, item) in batch.enumerated() where outcomes[index] == nil {
            guard case .endpointTraffic(let r) = item.record else { continue }
            guard let gateway = gatewayIDs[r.gateway.lowercased()] else {
                // Only a sample that overflows alone goes unresolved: refused on its own.
                if case .failure(let overflow) = RollupMaintainer.TrafficTotals().adding(
                    requestCount: r.requestCount, requestBytes: r.requestBytes, responseBytes: r.responseBytes,
                    averageElapsed: r.averageElapsedMilliseconds) {
                    outcomes[index] = .rejected(RollupMaintainer.rejection(overflow, at: r.at))
                    continue
                }
                throw PostgresError(.statement, message: "gateway \(VisibleText.escape(r.gateway)) was not resolved before its traffic")
            }
            lines.append(TrafficLine(index: index, gatewayID: gateway, record: r))
        }
        guard !lines.isEmpty else { return }
        var endpoints = try knownEndpoints(Set(lines.map(\.gatewayID)))
        let (storedRows, storedTotals) = try storedTraffic(lines, endpoints: endpoints)
        var totals = storedTotals
        var changed: Set<InstantKey> = []
        /// This batch's new samples by key, with the values a later line with that key is compared to.
        var batchRows: [PostgresStagedInsert.Key: [Int64?]] = [:]
        var newRows: [(line: TrafficLine, endpoint: SeriesKeyCache.Endpoint)] = []
        for line in lines {
            let r = line.record
            let instant = InstantKey(gatewayID: line.gatewayID, at: r.at)
            let next: RollupMaintainer.TrafficTotals
            switch (totals[instant] ?? RollupMaintainer.TrafficTotals()).adding(
                requestCount: r.requestCount, requestBytes: r.requestBytes, responseBytes: r.responseBytes,
                averageElapsed: r.averageElapsedMilliseconds) {
            case .failure(let overflow):
                outcomes[line.index] = .rejected(RollupMaintainer.rejection(overflow, at: r.at))
                continue
            case .success(let sum): next = sum
            }
            let endpoint = try endpoint(gatewayID: line.gatewayID, name: r.endpoint, intervalSeconds: r.intervalSeconds, known: &endpoints)
            let key = PostgresStagedInsert.Key(a: endpoint.id, b: r.at, c: r.vmInstance)
            let mine: [Int64?] = [r.intervalSeconds, r.requestCount, r.requestBytes, r.responseCount, r.responseBytes,
                                  r.averageElapsedMilliseconds]
            if let kept = storedRows[line.index] ?? batchRows[key] {
                outcomes[line.index] = Self.trafficOutcome(kept, mine)
                continue
            }
            batchRows[key] = mine
            totals[instant] = next
            changed.insert(instant)
            newRows.append((line, endpoint))
            outcomes[line.index] = .inserted
            noteInserted(.traffic, gatewayID: line.gatewayID, at: r.at)
        }
        try insertTraffic(newRows)
        try storeTotals(changed.sorted { ($0.at, $0.gatewayID) < ($1.at, $1.gatewayID) }.compactMap { key in totals[key].map { (key, $0) } })
    }

    /// Duplicate or conflict against a stored sample, in the record's own terms (the stored
    /// interval when NULL is the endpoint's; responses, not unanswered requests).
    private static func trafficOutcome(_ kept: [Int64?], _ mine: [Int64?]) -> WriteOutcome {
        let fields = ["interval_s", "request_count", "request_bytes", "response_count", "response_bytes", "avg_elapsed_ms"]
        return duplicateOrConflict(kept.map(\.databaseValue), zip(fields, mine).map { ComparedValue.number($0, $1) })
    }

    // MARK: - Reads

    /// The stored endpoints of `gateways`, by gateway and name.
    private func knownEndpoints(_ gateways: Set<Int64>) throws -> [SeriesKeyCache.SeriesKey: SeriesKeyCache.Endpoint] {
        let result = try connection.query(
            "SELECT id, gateway_id, name, interval_s FROM endpoint WHERE gateway_id = ANY($1::bigint[])",
            [.text(Self.array(gateways.sorted()))], binaryResults: true)
        var endpoints: [SeriesKeyCache.SeriesKey: SeriesKeyCache.Endpoint] = [:]
        for row in 0..<result.rowCount {
            let endpoint = SeriesKeyCache.Endpoint(id: try result.int64(row: row, column: 0), gatewayID: try result.int64(row: row, column: 1),
                                                   intervalSeconds: try result.int64(row: row, column: 3))
            endpoints[SeriesKeyCache.SeriesKey(gatewayID: endpoint.gatewayID, name: try result.string(row: row, column: 2))] = endpoint
        }
        return endpoints
    }

    /// The samples stored under the lines' keys (by batch position, compared values) and the
    /// gateway totals stored at their instants.
    private func storedTraffic(_ lines: [TrafficLine], endpoints: [SeriesKeyCache.SeriesKey: SeriesKeyCache.Endpoint]) throws
        -> ([Int: [Int64?]], [InstantKey: RollupMaintainer.TrafficTotals]) {
        // Exports arrive in time order: a batch after every stored total has neither stored
        // samples nor totals (each stored sample has its instant's total), which one read tells.
        let gateways = Self.array(Set(lines.map(\.gatewayID)).sorted())
        let latest = try connection.query("SELECT max(at) FROM gateway_traffic_sample WHERE gateway_id = ANY($1::bigint[])",
                                          [.text(gateways)], binaryResults: true)
        guard let latestStored = try latest.optionalInt64(row: 0, column: 0),
              let earliest = lines.map(\.record.at).min(), earliest <= latestStored
        else { return ([:], [:]) }
        let staging = "cmg_stage_traffic_keys"
        try connection.execute("""
            CREATE TEMPORARY TABLE IF NOT EXISTS \(staging) (row_index bigint, gateway_id bigint, endpoint_id bigint, at bigint,
                vm_instance bigint) ON COMMIT DELETE ROWS;
            TRUNCATE \(staging)
            """)
        try connection.copyIn("COPY \(staging) (row_index, gateway_id, endpoint_id, at, vm_instance) FROM STDIN (FORMAT binary)") { copy in
            for line in lines {
                copy.startRow(fields: 5)
                copy.int64(Int64(line.index))
                copy.int64(line.gatewayID)
                copy.int64(endpoints[SeriesKeyCache.SeriesKey(gatewayID: line.gatewayID, name: line.record.endpoint)]?.id)
                copy.int64(line.record.at)
                copy.int64(line.record.vmInstance)
                try copy.flushIfFull()
            }
        }
        try connection.execute("ANALYZE \(staging)")
        let samples = try connection.query("""
            SELECT s.row_index, coalesce(t.interval_s, e.interval_s), t.request_count, t.request_bytes,
                t.request_count - t.unanswered_count, t.response_bytes, t.avg_elapsed_ms
            FROM \(staging) s
            JOIN endpoint_traffic_sample t ON t.at = s.at AND t.endpoint_id = s.endpoint_id AND t.vm_instance = s.vm_instance
            JOIN endpoint e ON e.id = t.endpoint_id
            """, binaryResults: true)
        var stored: [Int: [Int64?]] = [:]
        for row in 0..<samples.rowCount {
            let index = try samples.int64(row: row, column: 0)
            guard index >= 0, index < Int64(batch.count) else {
                throw PostgresError(.decoding, message: "endpoint_traffic_sample: staged row \(index) is not one of the batch's")
            }
            stored[Int(index)] = try (1...6).map { try samples.optionalInt64(row: row, column: $0) }
        }
        let sums = try connection.query("""
            SELECT g.gateway_id, g.at, g.endpoint_samples, g.request_count, g.request_bytes, g.response_bytes,
                g.elapsed_weighted, g.elapsed_requests
            FROM gateway_traffic_sample g
            WHERE (g.at, g.gateway_id) IN (SELECT DISTINCT at, gateway_id FROM \(staging))
            """, binaryResults: true)
        var totals: [InstantKey: RollupMaintainer.TrafficTotals] = [:]
        for row in 0..<sums.rowCount {
            let value = { (column: Int) throws -> Int64 in try sums.int64(row: row, column: column) }
            totals[InstantKey(gatewayID: try value(0), at: try value(1))] = RollupMaintainer.TrafficTotals(
                samples: try value(2), requestCount: try value(3), requestBytes: try value(4), responseBytes: try value(5),
                elapsedWeighted: try value(6), elapsedRequests: try value(7))
        }
        return (stored, totals)
    }

    // MARK: - Writes

    /// The endpoint, created on first stored mention with the interval of that sample.
    private func endpoint(gatewayID: Int64, name: String, intervalSeconds: Int64,
                          known: inout [SeriesKeyCache.SeriesKey: SeriesKeyCache.Endpoint]) throws -> SeriesKeyCache.Endpoint {
        let key = SeriesKeyCache.SeriesKey(gatewayID: gatewayID, name: name)
        if let endpoint = known[key] { return endpoint }
        // Under the gateway's lock no other writer adds this gateway's endpoints.
        let created = try connection.query("INSERT INTO endpoint (gateway_id, name, interval_s) VALUES ($1, $2, $3) RETURNING id",
                                           [.int64(gatewayID), .text(name), .int64(intervalSeconds)], binaryResults: true)
        let endpoint = SeriesKeyCache.Endpoint(id: try created.int64(row: 0, column: 0), gatewayID: gatewayID, intervalSeconds: intervalSeconds)
        known[key] = endpoint
        return endpoint
    }

    /// Inserts the decided new samples in their stored encoding (interval NULL when the
    /// endpoint's, unanswered requests rather than responses).
    private func insertTraffic(_ rows: [(line: TrafficLine, endpoint: SeriesKeyCache.Endpoint)]) throws {
        guard !rows.isEmpty else { return }
        let columns = "endpoint_id, at, vm_instance, interval_s, request_count, request_bytes, unanswered_count, response_bytes, avg_elapsed_ms"
        let copied = try connection.copyIn("COPY endpoint_traffic_sample (\(columns)) FROM STDIN (FORMAT binary)") { copy in
            for (line, endpoint) in rows {
                let r = line.record
                copy.startRow(fields: 9)
                copy.int64(endpoint.id)
                copy.int64(r.at)
                copy.int64(r.vmInstance)
                copy.int64(r.intervalSeconds == endpoint.intervalSeconds ? nil : r.intervalSeconds)
                copy.int64(r.requestCount)
                copy.int64(r.requestBytes)
                copy.int64(r.requestCount - r.responseCount)
                copy.int64(r.responseBytes)
                copy.int64(r.averageElapsedMilliseconds)
                try copy.flushIfFull()
            }
        }
        guard copied == Int64(rows.count) else {
            throw PostgresError(.copy, message: "endpoint_traffic_sample: \(copied) of \(rows.count) new samples stored")
        }
    }

    /// Writes the totals of the instants this batch added to (they already hold the stored ones).
    private func storeTotals(_ changed: [(InstantKey, RollupMaintainer.TrafficTotals)]) throws {
        guard !changed.isEmpty else { return }
        let staging = "cmg_stage_gateway_traffic"
        let columns = "gateway_id, at, endpoint_samples, request_count, request_bytes, response_bytes, elapsed_weighted, elapsed_requests"
        try connection.execute("""
            CREATE TEMPORARY TABLE IF NOT EXISTS \(staging) (gateway_id bigint, at bigint, endpoint_samples bigint, request_count bigint,
                request_bytes bigint, response_bytes bigint, elapsed_weighted bigint, elapsed_requests bigint) ON COMMIT DELETE ROWS;
            TRUNCATE \(staging)
            """)
        try connection.copyIn("COPY \(staging) (\(columns)) FROM STDIN (FORMAT binary)") { copy in
            for (key, totals) in changed {
                copy.startRow(fields: 8)
                for value in [key.gatewayID, key.at, totals.samples, totals.requestCount, totals.requestBytes, totals.responseBytes,
                              totals.elapsedWeighted, totals.elapsedRequests] { copy.int64(value) }
                try copy.flushIfFull()
            }
        }
        try connection.execute("""
            INSERT INTO gateway_traffic_sample (\(columns)) SELECT \(columns) FROM \(staging)
            ON CONFLICT (at, gateway_id) DO UPDATE SET
                endpoint_samples = excluded.endpoint_samples, request_count = excluded.request_count,
                request_bytes = excluded.request_bytes, response_bytes = excluded.response_bytes,
                elapsed_weighted = excluded.elapsed_weighted, elapsed_requests = excluded.elapsed_requests
            """)
    }
}
