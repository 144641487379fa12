/// Reads decimal numbers written in ASCII digits: the one digit reader of the byte-level parsers
/// (RFC 3339 times, log times and trailers, NDJSON integers) and of the tool's option values.
///
/// Every read is checked: a byte that is not a digit, an empty run, or a value past `Int64.max`
/// gives nil, never a wrapped number or a trap, whatever the input holds. `Int("+5")` and
/// `Int("-0")` succeed; these take `0`–`9` only.
package enum ASCIIDigits {
    /// `text` as a number when it is 1 to `maximumDigits` ASCII digits (at most 18, so the
    /// value always fits); nil otherwise. For option values: a month, a day count, `COLUMNS`.
    package static func value(_ text: Substring, maximumDigits: Int = 9) -> Int? {
        guard !text.isEmpty, text.utf8.count <= min(maximumDigits, 18) else { return nil }
        var total = 0
        for byte in text.utf8 {
            guard let digit = Self.value(of: byte) else { return nil }
            total = total * 10 + Int(digit)
        }
        return total
    }

    /// The value of a digit byte, or nil when the byte is not `0`…`9`.
    @inline(__always)
    static func value(of byte: UInt8) -> Int64? {
        let digit = byte &- UInt8(ascii: "0")
        return digit < 10 ? Int64(digit) : nil
    }

    /// The number that the bytes in `range` spell, all of them digits; nil when the range is
    /// empty, holds anything else, or spells a number past `Int64.max`.
    @inline(__always)
    static func integer(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int64? {
        guard !range.isEmpty, range.lowerBound >= 0, range.upperBound <= b.count else { return nil }
        var total: Int64 = 0
        for i in range {
            guard let digit = value(of: b[i]) else { return nil }
            let (times, o1) = total.multipliedReportingOverflow(by: 10)
            let (plus, o2) = times.addingReportingOverflow(digit)
            guard !o1, !o2 else { return nil }
            total = plus
        }
        return total
    }

    /// Reads the digits at `i`, at most `maxDigits` of them and none at or past `end`, and moves
    /// `i` past them; nil (and `i` unmoved) when there is none. `maxDigits` of 18 or fewer
    /// cannot overflow, so callers give a bound.
    @inline(__always)
    static func read(_ b: UnsafeBufferPointer<UInt8>, at i: inout Int, end: Int, maxDigits: Int) -> Int64? {
        let start = i
        let limit = min(end, b.count, start + min(maxDigits, 18))
        var total: Int64 = 0
        while i < limit, let digit = value(of: b[i]) {
            total = total * 10 + digit
            i += 1
        }
        return i == start ? nil : total
    }
}
