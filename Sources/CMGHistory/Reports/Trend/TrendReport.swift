/// One metric over time, bucketed, for one or more gateways (DESIGN §4, "Trend").
public struct TrendReport: Sendable, Equatable, Encodable {
    public var report = "trend"
    public var metric: String
    public var bucket: String
    public var timeZone: String
    public var from: String
    public var to: String
    /// How p95 is computed, stated once so a reader knows what the figure means.
    public var percentile = "p95 is the nearest-rank 95th percentile (rank ceil(0.95 n)) of the samples in the bucket"
    public var series: [Series]
    /// Operations requested in the period, for marking charts.
    public var operations: [OperationMark]
    /// Absent from reproducible output.
    public var provenance: ReportProvenance?

    public struct Series: Sendable, Equatable, Encodable {
        public var gateway: String
        /// null for the sum over a gateway's endpoints.
        public var endpoint: String?
        public var points: [Point]
    }

    /// One bucket `[start, end)`; an empty bucket has count 0 and null figures.
    ///
    /// Each bucket carries its coverage (``Coverage``), flattened: `expected_samples`, `samples`,
    /// `coverage`, `unknown_seconds` and `partial`. A bucket with raw samples pruned is `pruned`:
    /// gateway figures then come from the rollups; an endpoint's, which only raw rows hold, are
    /// null (count included), never 0.
    public struct Point: Sendable, Equatable, Encodable {
        public var start: String
        public var end: String
        public var startInstant: UnixSeconds
        /// Null when the samples were pruned and only rollups could have answered.
        public var count: Int?
        public var sum: Int64?
        public var min: Int64?
        public var max: Int64?
        public var mean: Double?
        public var p95: Int64?
        public var expectedSamples: Int64?
        public var samples: Int64?
        public var coverage: Double?
        public var unknownSeconds: Int64?
        public var partial: Bool
        public var pruned: Bool

        init(start: UnixSeconds, end: UnixSeconds, zone: ReportZone, statistics s: SampleStatistics, interval: Int64?,
             pruned: Bool = false, rawOnly: Bool = false, steps: Int64? = nil) {
            self.start = zone.format(start)
            self.end = zone.format(end)
            startInstant = start
            self.pruned = pruned
            guard !(pruned && rawOnly) else {
                // What the raw rows of a pruned bucket said is gone: unknown, not zero.
                count = nil
                partial = true
                return
            }
            count = s.count
            sum = s.sum
            min = s.min
            max = s.max
            mean = s.mean.map { ($0 * 1000).rounded() / 1000 }
            p95 = s.p95
            // Traffic is covered by the steps some endpoint reported in, not by its many reports.
            let c = Coverage.sampled(steps ?? Int64(s.count), interval: interval, start: start, end: end)
            expectedSamples = c.expectedSamples
            samples = c.samples
            coverage = c.coverage
            unknownSeconds = c.unknownSeconds
            partial = c.partial
        }

        enum CodingKeys: String, CodingKey {
            case start, end, count, sum, min, max, mean, p95, expectedSamples, samples, coverage, unknownSeconds, partial, pruned
        }
    }
}

/// An operation placed on a report's time axis.
public struct OperationMark: Sendable, Equatable, Encodable {
    public var gateway: String
    public var kind: String
    public var at: String
    public var atInstant: UnixSeconds
    public var outcome: String

    enum CodingKeys: String, CodingKey { case gateway, kind, at, outcome }

    public init(gateway: String, kind: String, at: String, atInstant: UnixSeconds, outcome: String) {
        self.gateway = gateway
        self.kind = kind
        self.at = at
        self.atInstant = atInstant
        self.outcome = outcome
    }
}

/// What a trend report is asked for.
public struct TrendRequest: Sendable {
    public var metric: RollupMetric
    public var bucket: TrendBucket
    public var period: ReportPeriod
    public var zone: ReportZone
    /// Gateway names; empty means every gateway.
    public var gateways: [String]
    /// One endpoint, for endpoint metrics; nil sums over endpoints.
    public var endpoint: String?

    public init(metric: RollupMetric, bucket: TrendBucket, period: ReportPeriod, zone: ReportZone,
                gateways: [String] = [], endpoint: String? = nil) {
        self.metric = metric
        self.bucket = bucket
        self.period = period
        self.zone = zone
        self.gateways = gateways
        self.endpoint = endpoint
    }
}
