/// Parses RFC 3339 timestamps (`2026-10-01T00:05:00Z`, `2026-10-01T02:05:00.250+02:00`) from
/// bytes, without Foundation: the NDJSON hot path parses one or two per line.
enum RFC3339 {
    /// The instant in whole Unix seconds (a fraction is truncated toward the past), or nil when
    /// the text is not a valid RFC 3339 date-time with `Z` or a `±HH:MM` offset.
    static func parse(_ b: UnsafeBufferPointer<UInt8>) -> UnixSeconds? {
        // YYYY-MM-DDTHH:MM:SS is 19 bytes, then an optional fraction, then the zone.
        guard b.count >= 20,
              let year = number(b, 0, 4), b[4] == UInt8(ascii: "-"),
              let month = number(b, 5, 2), b[7] == UInt8(ascii: "-"),
              let day = number(b, 8, 2),
              b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t") || b[10] == UInt8(ascii: " "),
              let hour = number(b, 11, 2), b[13] == UInt8(ascii: ":"),
              let minute = number(b, 14, 2), b[16] == UInt8(ascii: ":"),
              let second = number(b, 17, 2)
        else { return nil }
        guard (1...12).contains(month), day >= 1, day <= CivilDate.daysInMonth(year: year, month: month),
              hour <= 23, minute <= 59, second <= 59
        else { return nil }
        var i = 19
        if b[i] == UInt8(ascii: ".") {
            i += 1
            let fractionStart = i
            while i < b.count, ASCIIDigits.value(of: b[i]) != nil { i += 1 }
            guard i > fractionStart else { return nil }
        }
        guard i < b.count else { return nil }
        var offsetSeconds: Int64 = 0
        switch b[i] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard i + 1 == b.count else { return nil }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard i + 6 == b.count, let oh = number(b, i + 1, 2), b[i + 3] == UInt8(ascii: ":"),
                  let om = number(b, i + 4, 2), oh <= 23, om <= 59
            else { return nil }
            offsetSeconds = (oh * 3600 + om * 60) * (b[i] == UInt8(ascii: "-") ? -1 : 1)
        default:
            return nil
        }
        let days = CivilDate.daysFromEpoch(year: year, month: month, day: day)
        return days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
    }

    /// Why a leap second is refused: Unix time has no second 60, and storing it as :59 or as the
    /// next minute's :00 would make it collide with a real observation.
    static let leapSecondReason = "is a leap second (:60), which UTC instants in Unix seconds cannot hold"

    /// Whether the text is a date-time whose seconds are `60`, so messages can say why it was refused.
    static func isLeapSecond(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        b.count >= 20 && b[16] == UInt8(ascii: ":") && b[17] == UInt8(ascii: "6") && b[18] == UInt8(ascii: "0")
    }

    static func parse(_ text: String) -> UnixSeconds? {
        var copy = text
        return copy.withUTF8 { parse($0) }
    }

    /// The `count` digits at `start`, or nil when one is not a digit.
    @inline(__always)
    private static func number(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int64? {
        ASCIIDigits.integer(b, start..<(start + count))
    }
}
