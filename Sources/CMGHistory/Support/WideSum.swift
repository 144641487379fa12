/// An exact sum of `Int64` values in 128 bits: the accumulator for totals over many stored values.
///
/// Each value is range-checked on import (``ValueLimits``), but a total over years of them,
/// or over thousands of endpoints, can still pass `Int64.max`; a wrapped total would be a
/// negative figure printed as fact. This one cannot wrap (2^64 additions of `Int64.max` fit),
/// subtracts exactly (rolling windows), and says when its total does not fit 64 bits, where a
/// report then gives null rather than a wrong number. `Int128` would do, but needs macOS 15.
struct WideSum: Equatable, Comparable, Sendable {
    /// The value is `high × 2^64 + low`.
    private var high: Int64 = 0
    private var low: UInt64 = 0

    init() {}

    init(_ value: Int64) { add(value) }

    mutating func add(_ value: Int64) {
        let (sum, carry) = low.addingReportingOverflow(UInt64(bitPattern: value))
        low = sum
        // A negative value's bit pattern is value + 2^64: take that 2^64 back. `high` moves by at
        // most one per call, so it cannot reach its own limits.
        high = high &+ (carry ? 1 : 0) &- (value < 0 ? 1 : 0)
    }

    mutating func subtract(_ value: Int64) {
        let (difference, borrow) = low.subtractingReportingOverflow(UInt64(bitPattern: value))
        low = difference
        high = high &- (borrow ? 1 : 0) &+ (value < 0 ? 1 : 0)
    }

    mutating func add(_ other: WideSum) {
        let (sum, carry) = low.addingReportingOverflow(other.low)
        low = sum
        high = high &+ other.high &+ (carry ? 1 : 0)
    }

    /// The sum, or nil when it does not fit in an `Int64`.
    var int64: Int64? {
        if high == 0, low <= UInt64(Int64.max) { return Int64(low) }
        if high == -1, low > UInt64(Int64.max) { return Int64(bitPattern: low) }
        return nil
    }

    /// The sum, held at `Int64.max` (or `.min`) when it does not fit: the form rollup rows store,
    /// whose readers take `Int64.max` to mean "too large to represent" (``SampleAggregate``).
    var saturated: Int64 {
        int64 ?? (high < 0 ? Int64.min : Int64.max)
    }

    var double: Double { Double(high) * 18_446_744_073_709_551_616.0 + Double(low) }

    static func < (a: WideSum, b: WideSum) -> Bool {
        (a.high, a.low) < (b.high, b.low)
    }
}
