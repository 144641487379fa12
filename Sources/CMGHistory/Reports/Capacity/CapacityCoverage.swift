/// How much of the month each of a capacity section's series was observed: online clients,
/// requests, egress, storage, and status (availability).
public struct CapacityCoverage: Sendable, Equatable, Codable {
    public var onlineClients: Coverage
    public var requests: Coverage
    public var egress: Coverage
    public var storage: Coverage
    public var status: Coverage

    /// Whether any series is partial: the section's figures may not represent the whole month.
    public var partial: Bool
    /// Raw samples of (part of) the month were pruned: its figures come from the rollups, which
    /// keep totals, extremes and percentiles exact.
    public var rawPruned: Bool

    public init(onlineClients: Coverage, requests: Coverage, egress: Coverage, storage: Coverage, status: Coverage, rawPruned: Bool) {
        self.onlineClients = onlineClients
        self.requests = requests
        self.egress = egress
        self.storage = storage
        self.status = status
        partial = [onlineClients, requests, egress, storage, status].contains(where: \.partial)
        self.rawPruned = rawPruned
    }

    /// (name, coverage) of each series, in the order reports list them.
    var named: [(String, Coverage)] {
        [("online clients", onlineClients), ("requests", requests), ("egress", egress), ("storage", storage), ("status", status)]
    }
}

/// Month-over-month change of a total, fair to an incomplete month.
///
/// Two complete months (``CoveragePolicy/completeAtLeast``) compare their totals. When either is
/// not, totals would show its missing days as a change: the months compare their per-day rates
/// over the time each was covered instead, and say so.
enum MonthChange {
    static let totals = "month totals"
    static let perDayRates = "per-day rates over the covered days (a month under 99 % covered)"

    static func isComplete(_ c: Coverage) -> Bool { (c.coverage ?? 0) >= CoveragePolicy.completeAtLeast }

    static func compare(_ now: Int64?, _ nowCoverage: Coverage, period: (start: UnixSeconds, end: UnixSeconds),
                        _ before: Int64?, _ beforeCoverage: Coverage, previous: (start: UnixSeconds, end: UnixSeconds))
        -> (ratio: Double?, basis: String?) {
        guard let now, let before else { return (nil, nil) }
        guard !isComplete(nowCoverage) || !isComplete(beforeCoverage) else { return (CapacityCalculator.change(now, before), totals) }
        let covered = max(0, period.end - period.start - nowCoverage.unknownSeconds)
        let coveredBefore = max(0, previous.end - previous.start - beforeCoverage.unknownSeconds)
        guard covered > 0, coveredBefore > 0 else { return (nil, perDayRates) }
        // In doubles: totals are exact below 2^53 and a rate needs a fraction anyway.
        let rate = Double(now) / Double(covered), rateBefore = Double(before) / Double(coveredBefore)
        guard rateBefore > 0 else { return (nil, perDayRates) }
        // `+ 0`: equal rates whose last bits differ round to -0, which JSON would print as such.
        return (CapacityCalculator.rounded((rate - rateBefore) / rateBefore) + 0, perDayRates)
    }
}
