import GRDB

extension HistoryStore {
    /// Builds a trend report from one consistent snapshot of the database.
    ///
    /// - throws: ``ReportError`` for an unknown gateway or endpoint, or too many buckets.
    public func trend(_ request: TrendRequest) throws -> TrendReport {
        let buckets = try request.bucket.buckets(covering: request.period, in: request.zone)
        return try read { db in
            let reader = SampleReader(db: db)
            let from = buckets.first?.start ?? request.period.start
            let to = buckets.last?.end ?? request.period.end
            let keptFrom = try SamplingInterval.rawKeptFrom(db)
            let gateways = try GatewaySelection.resolve(request.gateways, in: db)
            var series: [TrendReport.Series] = []
            for gateway in gateways {
                if let endpoint = request.endpoint, request.metric.isEndpointMetric {
                    guard let endpointID = try Int64.fetchOne(db, sql: "SELECT id FROM endpoint WHERE gateway_id = ? AND name = ?",
                                                              arguments: [gateway.id, endpoint])
                    else { continue }
                    // One value per instant, the VM instances' rows summed (``SampleReader/endpointSamples``).
                    let samples = try reader.endpointSamples(request.metric, endpointID: endpointID, from: from, to: to)
                    let interval = try SamplingInterval.seconds(db, metric: request.metric, gatewayID: gateway.id, endpointID: endpointID,
                                                                near: from, to)
                    series.append(TrendReport.Series(gateway: gateway.name, endpoint: endpoint,
                                                     points: Self.bucketed(samples, buckets, request.zone, interval: interval, keptFrom: keptFrom)))
                } else {
                    var values = try reader.bucketValues(request.metric, gatewayID: gateway.id, buckets: buckets)
                    let interval = try SamplingInterval.seconds(db, metric: request.metric, gatewayID: gateway.id, near: from, to)
                    let steps = try Self.trafficSteps(reader, request.metric, gatewayID: gateway.id, interval: interval,
                                                      buckets: buckets, keptFrom: keptFrom)
                    let points = buckets.indices.map { index in
                        TrendReport.Point(start: buckets[index].start, end: buckets[index].end, zone: request.zone,
                                          statistics: SampleStatistics(reordering: &values[index]), interval: interval,
                                          pruned: buckets[index].start < keptFrom, rawOnly: Self.hasPartialHours(buckets[index]),
                                          steps: steps?[index])
                    }
                    series.append(TrendReport.Series(gateway: gateway.name, endpoint: nil, points: points))
                }
            }
            if let endpoint = request.endpoint, series.isEmpty, request.metric.isEndpointMetric {
                throw ReportError.unknownEndpoint(endpoint)
            }
            return TrendReport(
                metric: request.metric.name, bucket: request.bucket.rawValue, timeZone: request.zone.identifier,
                from: request.zone.format(from), to: request.zone.format(to), series: series,
                operations: try OperationMarks.fetch(db, gatewayIDs: gateways.map(\.id), from: from, to: to, zone: request.zone))
        }
    }

    /// Per bucket, the interval steps some endpoint reported traffic in (``SampleReader/trafficStepMarks(gatewayID:interval:from:to:)``):
    /// what covers an endpoint metric. Nil for other metrics, and per bucket where raw samples were pruned.
    private static func trafficSteps(_ reader: SampleReader, _ metric: RollupMetric, gatewayID: Int64, interval: Int64?,
                                     buckets: [(start: UnixSeconds, end: UnixSeconds)], keptFrom: UnixSeconds) throws -> [Int64?]? {
        guard metric.isEndpointMetric, let interval, let first = buckets.first, let last = buckets.last else { return nil }
        let marks = try reader.trafficStepMarks(gatewayID: gatewayID, interval: interval, from: max(first.start, keptFrom), to: last.end)
        var counts = [Int64?](repeating: nil, count: buckets.count)
        var next = 0
        for (index, bucket) in buckets.enumerated() where bucket.start >= keptFrom {
            var count: Int64 = 0
            while next < marks.count, marks[next] < bucket.end {
                if marks[next] >= bucket.start { count += 1 }
                next += 1
            }
            counts[index] = count
        }
        return counts
    }

    /// Whether part of a bucket can only be read from raw samples (``RollupPlan``): rollups hold
    /// whole UTC hours, so once raw rows are pruned a 5-minute bucket, or a day in a half-hour
    /// zone, cannot be told whole.
    private static func hasPartialHours(_ bucket: (start: UnixSeconds, end: UnixSeconds)) -> Bool {
        bucket.start % 3600 != 0 || bucket.end % 3600 != 0
    }

    /// Raw endpoint samples dealt into buckets; a bucket that starts before the raw horizon
    /// (`db prune`) lost some of them and says `pruned` instead of a count.
    private static func bucketed(_ samples: [(at: UnixSeconds, value: Int64)], _ buckets: [(start: UnixSeconds, end: UnixSeconds)],
                                 _ zone: ReportZone, interval: Int64?, keptFrom: UnixSeconds) -> [TrendReport.Point] {
        var index = 0
        return buckets.map { bucket in
            var values: [Int64] = []
            while index < samples.count, samples[index].at < bucket.end {
                if samples[index].at >= bucket.start { values.append(samples[index].value) }
                index += 1
            }
            return TrendReport.Point(start: bucket.start, end: bucket.end, zone: zone, statistics: SampleStatistics(values: values),
                                     interval: interval, pruned: bucket.start < keptFrom, rawOnly: true)
        }
    }
}

/// Operations requested in a period, for the marks on a chart's time axis.
enum OperationMarks {
    static func fetch(_ db: Database, gatewayIDs: [Int64], from: UnixSeconds, to: UnixSeconds, zone: ReportZone) throws -> [OperationMark] {
        guard !gatewayIDs.isEmpty else { return [] }
        return try Row.fetchAll(db, sql: """
            SELECT g.name, o.kind, o.requested_at, o.outcome FROM operation o JOIN gateway g ON g.id = o.gateway_id
            WHERE o.requested_at >= ? AND o.requested_at < ? AND o.gateway_id IN (\(gatewayIDs.map(String.init).joined(separator: ",")))
            ORDER BY o.requested_at, g.name, o.kind
            """, arguments: [from, to]).map { row in
            let at: UnixSeconds = try row.value(2)
            return try OperationMark(gateway: row.value(0), kind: row.value(1), at: zone.format(at), atInstant: at, outcome: row.value(3))
        }
    }
}
