/// Count, sum, minimum and maximum of a set of samples: what rollup rows hold besides their
/// values, enough for totals and peaks without reading every value.
struct SampleAggregate: Equatable {
    var count: Int64 = 0
    var sum: Int64 = 0
    var min: Int64?
    var max: Int64?

    mutating func add(_ value: Int64) {
        merge(count: 1, sum: value, min: value, max: value)
    }

    mutating func merge(count: Int64, sum: Int64, min low: Int64, max high: Int64) {
        self.count += count
        self.sum &+= sum
        min = Swift.min(min ?? low, low)
        max = Swift.max(max ?? high, high)
    }

    /// The sum, or nil when there were no samples (a figure with no data is null, not 0).
    var total: Int64? { count > 0 ? sum : nil }
}
