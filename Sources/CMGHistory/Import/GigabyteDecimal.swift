/// A GB figure (10^9 bytes, as Azure bills) read exactly into bytes from its decimal text.
///
/// ConfigMgr writes `StorageUsage` and `TrafficOutUsage` with fractions (`1.27`, `31.4`), and a
/// de-DE `Export-Csv` writes `1,27`. The digits are shifted, never multiplied as a double: 31.4
/// GB is 31,400,000,000 bytes, where `31.4 * 1e9` is 31,399,999,999.999996. Nine fractional
/// digits are a whole byte; a tenth one that is not 0 cannot be stored and is refused.
enum GigabyteDecimal {
    enum Reading: Equatable {
        case bytes(Int64)
        case negative
        /// More than 9 fractional digits (below one byte).
        case tooPrecise
        /// More than ``ValueLimits/maximumGigabytes``.
        case outOfRange
        case notANumber
    }

    /// The most bytes a GB figure may hold: ``ValueLimits/maximumGigabytes`` whole GB.
    static let maximumBytes = ValueLimits.maximumGigabytes * ValueLimits.bytesPerGigabyte

    /// Reads `text`: digits with at most one decimal separator (`.`, or `,` when it is the only
    /// separator), an optional leading `+` or `-`, and an optional exponent (`1e-05`, as a
    /// number's shortest text writes small values).
    static func read(_ text: String) -> Reading {
        var scalars = Array(text.trimmingSpaces.utf8)
        guard !scalars.isEmpty else { return .notANumber }
        var negative = false
        if scalars[0] == UInt8(ascii: "-") || scalars[0] == UInt8(ascii: "+") {
            negative = scalars[0] == UInt8(ascii: "-")
            scalars.removeFirst()
        }
        var exponent = 0
        if let e = scalars.firstIndex(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
            guard let value = smallInteger(scalars[(e + 1)...]) else { return .notANumber }
            exponent = value
            scalars.removeSubrange(e...)
        }
        let dots = scalars.filter { $0 == UInt8(ascii: ".") }.count
        let commas = scalars.filter { $0 == UInt8(ascii: ",") }.count
        // A comma is the decimal separator only where it is the only separator: "1,27" from a
        // de-DE culture. "1,234.5" or "1,2,3" is not a number this reads.
        guard dots + commas <= 1 else { return .notANumber }
        let separator = scalars.firstIndex { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ",") }
        let whole = separator.map { Array(scalars[..<$0]) } ?? scalars
        let fraction = separator.map { Array(scalars[($0 + 1)...]) } ?? []
        guard !(whole.isEmpty && fraction.isEmpty),
              (whole + fraction).allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else { return .notANumber }
        var digits = Array((whole + fraction).drop { $0 == UInt8(ascii: "0") })
        // Digits × 10^shift is the figure in bytes.
        var shift = 9 + exponent - fraction.count
        while shift < 0, let last = digits.last {
            guard last == UInt8(ascii: "0") else { return .tooPrecise }
            digits.removeLast()
            shift += 1
        }
        if digits.isEmpty { return .bytes(0) }
        if negative { return .negative }
        guard digits.count + shift <= 19 else { return .outOfRange }
        var bytes: Int64 = 0
        for digit in digits + Array(repeating: UInt8(ascii: "0"), count: max(shift, 0)) {
            let (times, o1) = bytes.multipliedReportingOverflow(by: 10)
            let (plus, o2) = times.addingReportingOverflow(Int64(digit - UInt8(ascii: "0")))
            guard !o1, !o2 else { return .outOfRange }
            bytes = plus
        }
        return bytes <= maximumBytes ? .bytes(bytes) : .outOfRange
    }

    /// An exponent of at most four digits, with its sign.
    private static func smallInteger(_ bytes: ArraySlice<UInt8>) -> Int? {
        var rest = bytes
        var sign = 1
        if let first = rest.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            sign = first == UInt8(ascii: "-") ? -1 : 1
            rest = rest.dropFirst()
        }
        guard !rest.isEmpty, rest.count <= 4, rest.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        return sign * rest.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }

    /// The rejection for a reading that holds no bytes, naming `field` and the value as written.
    static func rejection(_ reading: Reading, field: String, value: String) -> LineRejection? {
        switch reading {
        case .bytes: nil
        case .negative: LineRejection(field: field, value: value, "is not a non-negative number of GB")
        case .tooPrecise: LineRejection(field: field, value: value,
                                        "has more than 9 decimal places: a GB figure is stored to the byte (10^-9 GB); the field is left out")
        case .outOfRange: .outOfRange(field: field, value: value, limit: ValueLimits.maximumGigabytes)
        case .notANumber: LineRejection(field: field, value: value, "is not a number of GB (like 1.27)")
        }
    }
}
