/// Count, sum, minimum and maximum of a set of samples: what rollup rows hold besides their
/// values, enough for totals and peaks without reading every value.
struct SampleAggregate: Equatable {
    var count: Int64 = 0
    var sum = WideSum()
    /// Whether a rollup's stored sum was held at `Int64.max` (it saturates there): the true sum
    /// is not known, only that it does not fit.
    var sumUnrepresentable = false
    var min: Int64?
    var max: Int64?

    mutating func add(_ value: Int64) {
        count &+= 1
        sum.add(value)
        min = Swift.min(min ?? value, value)
        max = Swift.max(max ?? value, value)
    }

    mutating func merge(count: Int64, sum: Int64, min low: Int64, max high: Int64) {
        self.count &+= count
        if sum == Int64.max { sumUnrepresentable = true }
        self.sum.add(sum)
        min = Swift.min(min ?? low, low)
        max = Swift.max(max ?? high, high)
    }

    /// The sum, or nil when there were no samples (a figure with no data is null, not 0) or
    /// when it does not fit 64 bits (a report prints null rather than a wrapped figure).
    var total: Int64? {
        guard count > 0, !sumUnrepresentable else { return nil }
        return sum.int64
    }
}
