/// What reports read of sampled series: values and aggregates per bucket, egress and traffic
/// samples in time order, sampling intervals and the raw-sample horizon.
///
/// A backend answers a gateway-level metric from its rollups where they give the same answer
/// (whole UTC days and hours keep every value, so counts, sums, extremes and percentiles are
/// exact) and from raw samples where they must (``RollupPlan``). Endpoint-level values always
/// come from raw samples.
protocol SampleReads {
    /// The values of `metric` for the gateway in each of `buckets` (ascending, not overlapping):
    /// one list per bucket, in the buckets' order, each in no particular order.
    func bucketValues(_ metric: RollupMetric, gatewayID: Int64,
                      buckets: [(start: UnixSeconds, end: UnixSeconds)]) throws -> [[Int64]]

    /// Count, sum, minimum and maximum of `metric` for the gateway in each of `buckets`, from the
    /// rollups' own columns: totals and peaks without reading every value. One per bucket, in order.
    func bucketAggregates(_ metric: RollupMetric, gatewayID: Int64,
                          buckets: [(start: UnixSeconds, end: UnixSeconds)]) throws -> [SampleAggregate]

    /// ``bucketAggregates(_:gatewayID:buckets:)`` of several sets for the gateway at once, one
    /// answer per set in order: a backend whose every read is a round trip reads them together.
    func bucketAggregates(_ sets: [(metric: RollupMetric, buckets: [(start: UnixSeconds, end: UnixSeconds)])],
                          gatewayID: Int64) throws -> [[SampleAggregate]]

    /// Egress samples of the gateway in `[start, end)` as (instant, bytes), in time order. Where
    /// raw samples were pruned, each value an hour's rollup kept stands at the start of its hour.
    func egressSamples(gatewayID: Int64, from start: UnixSeconds, to end: UnixSeconds) throws -> [(at: UnixSeconds, bytes: Int64)]

    /// ConfigMgr's own 14-day egress figures (`SMS_AzureService.TrafficOutUsage`) in `[start, end)`
    /// as (instant, bytes), in time order.
    func reportedEgressSamples(gatewayID: Int64, from start: UnixSeconds, to end: UnixSeconds) throws
        -> [(at: UnixSeconds, bytes: Int64)]

    /// The `interval`-long steps of `[start, end)` some endpoint of the gateway reported traffic
    /// in, each as its mark (a multiple of `interval`), ascending: a sample counts at the step
    /// nearest its instant (`(at + interval / 2) / interval`), so two VM instances or endpoints
    /// reporting the same 5 minutes a few seconds apart are one step. Empty when `interval <= 0`.
    func trafficStepMarks(gatewayID: Int64, interval: Int64, from start: UnixSeconds, to end: UnixSeconds) throws -> [UnixSeconds]

    /// How many steps ``trafficStepMarks(gatewayID:interval:from:to:)`` finds.
    func trafficSteps(gatewayID: Int64, interval: Int64, from start: UnixSeconds, to end: UnixSeconds) throws -> Int64

    /// Raw (instant, value) pairs of one endpoint metric for one endpoint in `[start, end)`, one per
    /// instant in time order: the VM instances' rows summed, the average elapsed time weighted by
    /// requests (rounded half up). Empty for a metric that is not an endpoint metric.
    func endpointSamples(_ metric: RollupMetric, endpointID: Int64, from start: UnixSeconds,
                         to end: UnixSeconds) throws -> [(at: UnixSeconds, value: Int64)]

    /// The earliest online-clients sample in `[start, end)` holding `peak`: in the partial hour at
    /// the start, else in the first whole hour whose rollup maximum is the peak (its raw samples,
    /// or the hour's start when raw was pruned), else in the partial hour at the end.
    func earliestInstant(ofOnlineClients peak: Int64, gatewayID: Int64, from start: UnixSeconds, to end: UnixSeconds) throws -> UnixSeconds?

    /// The interval `metric` is sampled at for the gateway (or its endpoint) near `[start, end)`,
    /// as ``SamplingInterval`` observes it; nil when it cannot be told.
    func samplingInterval(_ metric: RollupMetric, gatewayID: Int64, endpointID: Int64?,
                          near start: UnixSeconds, _ end: UnixSeconds) throws -> Int64?

    /// The median spacing of ConfigMgr's reported 14-day egress figures near `[start, end)`: the export cadence.
    func reportedEgressInterval(gatewayID: Int64, near start: UnixSeconds, _ end: UnixSeconds) throws -> Int64?

    /// The gateway's latest online-clients or storage sample before `instant`, as (instant, value);
    /// nil when it has none, or for another metric. What a gauge shows now (`/metrics`).
    func latestSample(_ metric: RollupMetric, gatewayID: Int64, before instant: UnixSeconds) throws -> (at: UnixSeconds, value: Int64)?

    /// Raw samples before this instant were pruned (`db prune`); `Int64.min` when none were.
    func rawKeptFrom() throws -> UnixSeconds
}

extension SampleReads {
    func bucketAggregates(_ sets: [(metric: RollupMetric, buckets: [(start: UnixSeconds, end: UnixSeconds)])],
                          gatewayID: Int64) throws -> [[SampleAggregate]] {
        try sets.map { try bucketAggregates($0.metric, gatewayID: gatewayID, buckets: $0.buckets) }
    }

    /// Every value of `metric` for the gateway in `[start, end)`, in no particular order.
    func values(_ metric: RollupMetric, gatewayID: Int64, from start: UnixSeconds, to end: UnixSeconds) throws -> [Int64] {
        try bucketValues(metric, gatewayID: gatewayID, buckets: [(start, end)])[0]
    }

    /// As ``bucketAggregates(_:gatewayID:buckets:)`` for one period.
    func aggregate(_ metric: RollupMetric, gatewayID: Int64, from start: UnixSeconds, to end: UnixSeconds) throws -> SampleAggregate {
        try bucketAggregates(metric, gatewayID: gatewayID, buckets: [(start, end)])[0]
    }

    /// The marks, counted.
    func trafficSteps(gatewayID: Int64, interval: Int64, from start: UnixSeconds, to end: UnixSeconds) throws -> Int64 {
        Int64(try trafficStepMarks(gatewayID: gatewayID, interval: interval, from: start, to: end).count)
    }

    /// As ``samplingInterval(_:gatewayID:endpointID:near:_:)`` for the gateway's own series.
    func samplingInterval(_ metric: RollupMetric, gatewayID: Int64, near start: UnixSeconds, _ end: UnixSeconds) throws -> Int64? {
        try samplingInterval(metric, gatewayID: gatewayID, endpointID: nil, near: start, end)
    }
}
