/// How much of a period a report value was actually observed (issue 12: "reports say what they
/// could not know").
///
/// For a sampled series, `expectedSamples` is the period's length over the series' observed
/// sampling interval (``SamplingInterval``) and `unknownSeconds` the time the missing samples
/// would have covered. For availability-type values `unknownSeconds` is the time no status
/// snapshot covered and `coverage` the observed share of the period.
public struct Coverage: Sendable, Equatable, Codable {
    /// Null when the interval is not known (fewer than two samples ever).
    public var expectedSamples: Int64?
    public var samples: Int64
    /// 0 to 1; null when nothing is expected to compare with.
    public var coverage: Double?
    public var unknownSeconds: Int64
    /// Under ``CoveragePolicy/partialBelow``: the figures may not represent the whole period.
    public var partial: Bool

    public init(expectedSamples: Int64?, samples: Int64, coverage: Double?, unknownSeconds: Int64, partial: Bool) {
        self.expectedSamples = expectedSamples
        self.samples = samples
        self.coverage = coverage
        self.unknownSeconds = unknownSeconds
        self.partial = partial
    }

    /// The coverage of `samples` taken every `interval` seconds over `[start, end)`.
    static func sampled(_ samples: Int64, interval: Int64?, start: UnixSeconds, end: UnixSeconds) -> Coverage {
        let length = max(0, end - start)
        guard let interval, interval > 0, length > 0 else {
            return Coverage(expectedSamples: nil, samples: samples, coverage: nil, unknownSeconds: samples > 0 ? 0 : length,
                            partial: true)
        }
        let expected = Self.expected(over: length, every: interval)
        let missing = max(0, expected - samples)
        let (unknown, overflow) = missing.multipliedReportingOverflow(by: interval)
        let share = min(1, Double(samples) / Double(expected))
        return Coverage(expectedSamples: expected, samples: samples, coverage: CoveragePolicy.rounded(share),
                        unknownSeconds: overflow ? length : min(length, unknown), partial: CoveragePolicy.isPartial(share))
    }

    /// Samples every `interval` seconds over `length` seconds, rounded to the nearest (a 25-hour
    /// day of 5-minute samples expects 300), at least 1. Without a sum that could pass 64 bits:
    /// a damaged database can hold any interval.
    static func expected(over length: Int64, every interval: Int64) -> Int64 {
        guard interval > 0, length > 0 else { return 1 }
        let remainder = length % interval
        return max(1, length / interval + (remainder >= interval - remainder ? 1 : 0))
    }

    /// The coverage of status snapshots: `unknown` of the period's seconds had none newer than
    /// the staleness limit.
    static func observed(snapshots: Int64, expectedSnapshots: Int64?, unknown: Int64, start: UnixSeconds, end: UnixSeconds) -> Coverage {
        let length = max(0, end - start)
        guard length > 0 else { return Coverage(expectedSamples: expectedSnapshots, samples: snapshots, coverage: nil, unknownSeconds: 0, partial: true) }
        let share = Double(length - min(length, max(0, unknown))) / Double(length)
        return Coverage(expectedSamples: expectedSnapshots, samples: snapshots, coverage: CoveragePolicy.rounded(share),
                        unknownSeconds: unknown, partial: CoveragePolicy.isPartial(share))
    }
}

/// When a period counts as partial.
public enum CoveragePolicy {
    /// A bucket or month with under 90 % of its expected samples is flagged partial. ConfigMgr's
    /// exports run every 15 minutes and the CMG's logs arrive every 5, up to 10 minutes late:
    /// a day or two of a month missing (a collector off over a weekend, 3 of 31 days = 9.7 %)
    /// moves totals and means enough to mislead, while the odd late or lost export does not.
    public static let partialBelow = 0.9

    /// A month compared with another (month-over-month changes) counts as complete from 99 %
    /// coverage: a few lost exports (1 % is 7 h of a month) barely move a monthly total, while
    /// whole missing days (3 of July's 31 leave 90.3 %) would be reported as change. Under it the
    /// months compare per-day rates over their covered time (``MonthChange``).
    public static let completeAtLeast = 0.99

    static func isPartial(_ share: Double) -> Bool { share < partialBelow }

    static func rounded(_ share: Double) -> Double { (share * 10_000).rounded() / 10_000 }

    /// The mark tables put beside a partial figure, and the legend line that explains it.
    public static let mark = "*"
    public static let legend = "* partial: under 90 % of the expected samples (coverage shown); the figure may not represent the whole period."
    /// The mark beside a figure read from rollups because its raw samples were pruned.
    public static let prunedMark = "†"
    public static let prunedLegend = "† from rollups (raw pruned): totals, extremes and percentiles are kept; per-endpoint detail is not."
}
