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

    /// The fewest instances whose capacity covers `peak` with ``headroom``, at most 16.
    public static func recommendedInstances(peak: Int64, perInstance: Int64) -> Int64 {
        guard perInstance > 0 else { return maximumInstances }
        let needed = (Double(peak) * headroom / Double(perInstance)).rounded(.up)
        return min(max(1, Int64(saturating: needed)), maximumInstances)
    }
}
