import Foundation

/// The capacity rules a monthly report applies, each with where its number comes from.
public enum CapacityPolicy {
    /// Simultaneous clients one CMG VM instance supports, by VM size (DESIGN §4, from
    /// Microsoft's CMG sizing guidance: B2s is for labs only).
    public static let clientsPerInstance: [String: Int64] = [
        "Standard_B2s": 10,
        "Standard_A2_v2": 6_000,
        "Standard_A4_v2": 10_000,
    ]

    /// A CMG has at most 16 VM instances.
    public static let maximumInstances: Int64 = 16

    /// Headroom kept above the month's peak when recommending instances: a 20% margin absorbs
    /// the next month's growth and a failed instance during patching.
    public static let headroom = 1.2

    /// The fewest instances ever recommended: two. Microsoft's CMG planning guidance
    /// ("Plan for cloud management gateway", Performance and scale) says that two or more VM
    /// instances give redundancy and high availability: with one, patching or a failure of that
    /// instance leaves every internet client without a gateway. A lower need is still reported,
    /// with the floor named as the reason.
    public static let highAvailabilityFloor: Int64 = 2

    /// How many days of daily values a forecast fits, and how far ahead it looks.
    public static let forecastWindowDays = 90
    public static let forecastHorizonDays = 365
    /// Fewer daily values than this and the fit says nothing useful.
    public static let forecastMinimumDays = 14

    /// Credentials listed in a monthly report: those expiring within this many days of its end.
    public static let credentialWindowDays: Int64 = 60

    public static func clientsPerInstance(vmSize: String?) -> Int64? {
        guard let vmSize else { return nil }
        return clientsPerInstance.first { $0.key.caseInsensitiveCompare(vmSize) == .orderedSame }?.value
    }

    /// The fewest instances whose capacity covers `peak` with ``headroom``, never below
    /// ``highAvailabilityFloor`` and at most 16.
    public static func recommendedInstances(peak: Int64, perInstance: Int64) -> Int64 {
        recommendation(peak: peak, perInstance: perInstance).instances
    }

    /// ``recommendedInstances(peak:perInstance:)`` with the reason for its number, in words a
    /// report prints: `peak + 20% headroom`, `high-availability floor of 2 instances; peak + 20%
    /// headroom needs 1`, `at most 16 instances; peak + 20% headroom needs 20`.
    public static func recommendation(peak: Int64, perInstance: Int64) -> (instances: Int64, reason: String) {
        let rule = "peak + \(Int64(saturating: ((headroom - 1) * 100).rounded()))% headroom"
        guard perInstance > 0 else { return (maximumInstances, "at most \(maximumInstances) instances (no capacity per instance)") }
        let needed = max(1, Int64(saturating: (Double(peak) * headroom / Double(perInstance)).rounded(.up)))
        if needed < highAvailabilityFloor {
            return (highAvailabilityFloor, "high-availability floor of \(highAvailabilityFloor) instances; \(rule) needs \(needed)")
        }
        if needed > maximumInstances { return (maximumInstances, "at most \(maximumInstances) instances; \(rule) needs \(needed)") }
        return (needed, rule)
    }
}
