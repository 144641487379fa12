/// One gateway's days over a period, as the capacity page and the trend charts draw them:
/// the peak of online clients against the capacity in force, the egress of each day, the
/// rolling 14-day egress against its alert levels, storage against its quota, and coverage.
public struct DailyChart: Sendable, Equatable {
    public var gateway: String
    /// Seconds between online-client samples as coverage reads them (``SamplingInterval``, over
    /// the whole period as a trend does); nil when fewer than two samples were ever seen.
    public var intervalSeconds: Int64?
    public var days: [Day]

    public struct Day: Sendable, Equatable {
        /// The local day `[start, end)` in the report's zone (23 or 25 hours on DST days).
        public var start: UnixSeconds
        public var end: UnixSeconds
        public var onlineClientsPeak: Int64?
        /// Instances × the VM size's client limit in force at the day's peak (its last second
        /// when it has no samples); nil when unknown.
        public var capacityClients: Int64?
        public var egressBytes: Int64?
        /// The highest rolling 14-day egress sum reached at a sample of this day.
        public var rolling14dPeakBytes: Int64?
        /// Alert levels in force at the day's last second, each field from the record that set it.
        public var egressThresholdBytes: Int64?
        public var egressWarningBytes: Int64?
        public var egressCriticalBytes: Int64?
        public var storagePeakBytes: Int64?
        public var storageQuotaBytes: Int64?
        public var storageWarningBytes: Int64?
        public var storageCriticalBytes: Int64?
        /// Online-client samples against those expected: what a one-day trend bucket says.
        public var coverage: Coverage
    }
}

/// The named constants of the charts; each says where its number comes from.
public enum ChartPolicy {
    /// The rolling egress window Azure's alert uses (DESIGN §4).
    public static let egressWindowSeconds: Int64 = 14 * 86_400
    /// Above this many buckets a trend page leaves its per-bucket table out (the CSV and JSON
    /// keep every bucket): 400 rows already fill a long page, 17,280 made a 6.7 MB mail.
    public static let maximumTableRows = 400
}
