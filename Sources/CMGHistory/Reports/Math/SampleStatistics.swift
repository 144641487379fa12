/// Count, sum, minimum, maximum, mean and nearest-rank 95th percentile of a set of samples.
///
/// `sum` is null for a set whose sum does not fit 64 bits; every other figure is still given.
public struct SampleStatistics: Sendable, Equatable, Codable {
    public var count: Int
    public var sum: Int64?
    public var min: Int64?
    public var max: Int64?
    public var mean: Double?
    public var p95: Int64?

    public static let empty = SampleStatistics(count: 0, sum: nil, min: nil, max: nil, mean: nil, p95: nil)

    /// The statistics of `values` (any order). p95 is the value at rank ⌈0.95·n⌉ of the sorted
    /// values (DESIGN §4: nearest rank), found by selection rather than a full sort.
    public init(values: [Int64]) {
        var values = values
        self.init(reordering: &values)
    }

    /// As ``init(values:)``, reordering `values` in place instead of copying them.
    init(reordering values: inout [Int64]) {
        guard var low = values.first else {
            self = .empty
            return
        }
        var high = low
        var total: Int64 = 0
        var previous = low
        var ascending = true
        // The hot loop of every trend: a wrapping add, checked once afterwards (below) rather
        // than per value, which measured 30% more instructions here.
        for value in values {
            total &+= value
            low = Swift.min(low, value)
            high = Swift.max(high, value)
            ascending = ascending && value >= previous
            previous = value
        }
        count = values.count
        min = low
        max = high
        // Values between 0 and `high` cannot wrap while count × high fits 64 bits, which holds
        // for every range-checked sample set; anything else is summed again exactly.
        let (bound, overflow) = high.multipliedReportingOverflow(by: Int64(values.count))
        if low >= 0, !overflow, bound >= 0 {
            sum = total
            mean = Double(total) / Double(values.count)
        } else {
            // Beyond 64 bits the sum is null rather than wrapped; the mean, which always fits,
            // comes from the exact wide sum.
            var wide = WideSum()
            for value in values { wide.add(value) }
            sum = wide.int64
            mean = wide.double / Double(values.count)
        }
        // Values of one rollup row arrive sorted: no selection needed.
        let rank = Self.nearestRank(0.95, count: values.count) - 1
        p95 = ascending ? values[rank] : Selection.select(&values, rank: rank)
    }

    public init(count: Int, sum: Int64?, min: Int64?, max: Int64?, mean: Double?, p95: Int64?) {
        self.count = count
        self.sum = sum
        self.min = min
        self.max = max
        self.mean = mean
        self.p95 = p95
    }

    /// The 1-based nearest rank of quantile `q` among `count` values: ⌈q·n⌉, at least 1.
    public static func nearestRank(_ q: Double, count: Int) -> Int {
        // Integer arithmetic for 0.95, so that 0.95 × 20 is exactly rank 19.
        if q == 0.95 { return Swift.max(1, (95 * count + 99) / 100) }
        return Swift.max(1, Int((q * Double(count)).rounded(.up)))
    }
}
