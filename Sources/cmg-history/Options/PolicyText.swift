import CMGHistory

/// The library's policy constants as help text words, so that the help says the numbers the
/// reports apply (`15 minutes`, `99 %`, `Standard_A2_v2 6,000`) and cannot drift from them.
enum PolicyText {
    /// `15 minutes`, `2 hours`, `1 day`: a whole number of the largest unit that divides it.
    static func duration(_ seconds: Int64) -> String {
        let units: [(Int64, String)] = [(86_400, "day"), (3600, "hour"), (60, "minute")]
        for (length, name) in units where seconds >= length && seconds % length == 0 {
            let count = seconds / length
            return "\(count) \(name)\(count == 1 ? "" : "s")"
        }
        return "\(seconds) second\(seconds == 1 ? "" : "s")"
    }

    /// `99 %` for 0.99: a share as a whole percentage, as the reports print it.
    static func percent(_ share: Double) -> String {
        "\(Int64((share * 100).rounded())) %"
    }

    /// `Standard_B2s 10, Standard_A2_v2 6,000, Standard_A4_v2 10,000`: the client limit per
    /// instance of each known VM size, smallest first.
    static var clientLimits: String {
        CapacityPolicy.clientsPerInstance.sorted { ($0.value, $0.key) < ($1.value, $1.key) }
            .map { "\($0.key) \(NumberFormat.grouped($0.value))" }.joined(separator: ", ")
    }
}
