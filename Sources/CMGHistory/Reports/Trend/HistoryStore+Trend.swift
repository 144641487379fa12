extension HistoryStore {
    /// Builds a trend report from one consistent snapshot of the database.
    ///
    /// - throws: ``ReportError`` for an unknown gateway or endpoint, or too many buckets.
    public func trend(_ request: TrendRequest) throws -> TrendReport {
        let buckets = try request.bucket.buckets(covering: request.period, in: request.zone)
        return try snapshot { reads in
            let from = buckets.first?.start ?? request.period.start
            let to = buckets.last?.end ?? request.period.end
            let keptFrom = try reads.rawKeptFrom()
            let gateways = try GatewaySelection.resolve(request.gateways, in: reads)
            // Each gateway's series reads only its own rows: side by side where the backend can.
            let series = try reads.sideBySide(gateways) { reads, gateway -> TrendReport.Series? in
                if let endpoint = request.endpoint, request.metric.isEndpointMetric {
                    guard let endpointID = try reads.endpointID(gatewayID: gateway.id, name: endpoint) else { return nil }
                    // One value per instant, the VM instances' rows summed (``SampleReads/endpointSamples(_:endpointID:from:to:)``).
                    let samples = try reads.endpointSamples(request.metric, endpointID: endpointID, from: from, to: to)
                    let interval = try reads.samplingInterval(request.metric, gatewayID: gateway.id, endpointID: endpointID,
                                                               near: from, to)
                    return TrendReport.Series(gateway: gateway.name, endpoint: endpoint,
                                              points: Self.bucketed(samples, buckets, request.zone, interval: interval, keptFrom: keptFrom))
                } else {
                    var values = try reads.bucketValues(request.metric, gatewayID: gateway.id, buckets: buckets)
                    let interval = try reads.samplingInterval(request.metric, gatewayID: gateway.id, near: from, to)
                    let steps = try Self.trafficSteps(reads, request.metric, gatewayID: gateway.id, interval: interval,
                                                      buckets: buckets, keptFrom: keptFrom)
                    let points = buckets.indices.map { index in
                        TrendReport.Point(start: buckets[index].start, end: buckets[index].end, zone: request.zone,
                                          statistics: SampleStatistics(reordering: &values[index]), interval: interval,
                                          pruned: buckets[index].start < keptFrom, rawOnly: Self.hasPartialHours(buckets[index]),
                                          steps: steps?[index])
                    }
                    return TrendReport.Series(gateway: gateway.name, endpoint: nil, points: points)
                }
            }.compactMap { $0 }
            if let endpoint = request.endpoint, series.isEmpty, request.metric.isEndpointMetric {
                throw ReportError.unknownEndpoint(endpoint)
            }
            return TrendReport(
                metric: request.metric.name, bucket: request.bucket.rawValue, timeZone: request.zone.identifier,
                from: request.zone.format(from), to: request.zone.format(to), series: series,
                operations: try OperationMarks.fetch(reads, gatewayIDs: gateways.map(\.id), from: from, to: to, zone: request.zone))
        }
    }

    /// Per bucket, the interval steps some endpoint reported traffic in (``SampleReads/trafficStepMarks(gatewayID:interval:from:to:)``):
    /// what covers an endpoint metric. Nil for other metrics, and per bucket where raw samples were pruned.
    private static func trafficSteps(_ reads: some SampleReads, _ metric: RollupMetric, gatewayID: Int64, interval: Int64?,
                                     buckets: [(start: UnixSeconds, end: UnixSeconds)], keptFrom: UnixSeconds) throws -> [Int64?]? {
        guard metric.isEndpointMetric, let interval, let first = buckets.first, let last = buckets.last else { return nil }
        let marks = try reads.trafficStepMarks(gatewayID: gatewayID, interval: interval, from: max(first.start, keptFrom), to: last.end)
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
    /// The operations of `gatewayIDs` requested in `[from, to)`, by instant, gateway and kind, their instants in `zone`.
    static func fetch(_ reads: some ReportReads, gatewayIDs: [Int64], from: UnixSeconds, to: UnixSeconds,
                      zone: ReportZone) throws -> [OperationMark] {
        try reads.operationRequests(gatewayIDs: gatewayIDs, from: from, to: to).map { request in
            OperationMark(gateway: request.gateway, kind: request.kind, at: zone.format(request.requestedAt),
                          atInstant: request.requestedAt, outcome: request.outcome)
        }
    }
}
