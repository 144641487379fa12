/// One gateway's days over a period, as the capacity page and the egress chart draw them:
/// the peak of online clients against the capacity in force, the egress of each day, the
/// rolling 14-day egress against its alert levels, and how many of the expected samples came.
public struct DailyChart: Sendable, Equatable {
    public var gateway: String
    /// Seconds between online-client samples, from their median gap (or ``ChartPolicy``'s
    /// default when raw samples are missing): what makes a day's expected sample count.
    public var cadenceSeconds: Int64
    public var days: [Day]

    public struct Day: Sendable, Equatable {
        /// The local day `[start, end)` in the report's zone (23 or 25 hours on DST days).
        public var start: UnixSeconds
        public var end: UnixSeconds
        public var onlineClientsPeak: Int64?
        /// Instances × the VM size's client limit in force at the day's last instant; nil when unknown.
        public var capacityClients: Int64?
        public var egressBytes: Int64?
        /// The highest rolling 14-day egress sum reached at a sample of this day.
        public var rolling14dPeakBytes: Int64?
        public var egressThresholdBytes: Int64?
        public var egressWarningBytes: Int64?
        public var egressCriticalBytes: Int64?
        public var samples: Int64
        public var expectedSamples: Int64
        /// samples / expected samples, at most 1.
        public var coverage: Double
    }
}

/// The named constants of the charts; each says where its number comes from.
public enum ChartPolicy {
    /// The cadence assumed when a day's raw samples are gone (pruned): CMG statistics arrive
    /// every 5 minutes (DESIGN §1), and the demo and the collect script sample at that pace.
    public static let defaultCadenceSeconds: Int64 = 300
    /// Days under this share of their expected samples are partial, as reports flag them (issue 12).
    public static let partialCoverage = 0.9
    /// The rolling egress window Azure's alert uses (DESIGN §4).
    public static let egressWindowSeconds: Int64 = 14 * 86_400
    /// Above this many buckets a trend page leaves its per-bucket table out (the CSV and JSON
    /// keep every bucket): 400 rows already fill a long page, 17,280 made a 6.7 MB mail.
    public static let maximumTableRows = 400
}
