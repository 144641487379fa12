import GRDB

/// ``SampleReads`` over SQLite: the rollup and raw walks of ``SampleReader`` and the observed
/// intervals of ``SamplingInterval``.
extension SQLiteSnapshot {
    private var reader: SampleReader { SampleReader(db: db) }

    func bucketValues(_ metric: RollupMetric, gatewayID: Int64,
                      buckets: [(start: UnixSeconds, end: UnixSeconds)]) throws -> [[Int64]] {
        try reader.bucketValues(metric, gatewayID: gatewayID, buckets: buckets)
    }

    func bucketAggregates(_ metric: RollupMetric, gatewayID: Int64,
                          buckets: [(start: UnixSeconds, end: UnixSeconds)]) throws -> [SampleAggregate] {
        try reader.bucketAggregates(metric, gatewayID: gatewayID, buckets: buckets)
    }

    func egressSamples(gatewayID: Int64, from start: UnixSeconds, to end: UnixSeconds) throws -> [(at: UnixSeconds, bytes: Int64)] {
        try reader.egressSamples(gatewayID: gatewayID, from: start, to: end)
    }

    func reportedEgressSamples(gatewayID: Int64, from start: UnixSeconds, to end: UnixSeconds) throws
        -> [(at: UnixSeconds, bytes: Int64)] {
        try reader.reportedEgressSamples(gatewayID: gatewayID, from: start, to: end)
    }

    func trafficStepMarks(gatewayID: Int64, interval: Int64, from start: UnixSeconds, to end: UnixSeconds) throws -> [UnixSeconds] {
        try reader.trafficStepMarks(gatewayID: gatewayID, interval: interval, from: start, to: end)
    }

    func trafficSteps(gatewayID: Int64, interval: Int64, from start: UnixSeconds, to end: UnixSeconds) throws -> Int64 {
        try reader.trafficSteps(gatewayID: gatewayID, interval: interval, from: start, to: end)
    }

    func endpointSamples(_ metric: RollupMetric, endpointID: Int64, from start: UnixSeconds,
                         to end: UnixSeconds) throws -> [(at: UnixSeconds, value: Int64)] {
        try reader.endpointSamples(metric, endpointID: endpointID, from: start, to: end)
    }

    func latestSample(_ metric: RollupMetric, gatewayID: Int64, before instant: UnixSeconds) throws -> (at: UnixSeconds, value: Int64)? {
        guard let (table, column) = metric.gaugeSampleColumn else { return nil }
        // The key (gateway_id, at) walked backwards from the instant: one row read.
        let row = try Row.fetchOne(db, sql: "SELECT at, \(column) FROM \(table) WHERE gateway_id = ? AND at < ? ORDER BY at DESC LIMIT 1",
                                   arguments: [gatewayID, instant])
        guard let row else { return nil }
        return (try row.value(0), try row.value(1))
    }

    func earliestInstant(ofOnlineClients peak: Int64, gatewayID: Int64, from start: UnixSeconds, to end: UnixSeconds) throws -> UnixSeconds? {
        try reader.earliestInstant(ofOnlineClients: peak, gatewayID: gatewayID, from: start, to: end)
    }

    func samplingInterval(_ metric: RollupMetric, gatewayID: Int64, endpointID: Int64?,
                          near start: UnixSeconds, _ end: UnixSeconds) throws -> Int64? {
        try SamplingInterval.seconds(db, metric: metric, gatewayID: gatewayID, endpointID: endpointID, near: start, end)
    }

    func reportedEgressInterval(gatewayID: Int64, near start: UnixSeconds, _ end: UnixSeconds) throws -> Int64? {
        try SamplingInterval.reportedEgressSeconds(db, gatewayID: gatewayID, near: start, end)
    }

    func rawKeptFrom() throws -> UnixSeconds {
        try SamplingInterval.rawKeptFrom(db)
    }
}
