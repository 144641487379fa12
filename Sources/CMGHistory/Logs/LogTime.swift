/// The time of a log entry as written: a local wall-clock time and, when the line says it,
/// the Windows time-zone bias.
///
/// `UTC = local time + bias minutes` (DESIGN §3.3): US Eastern summer writes `+240`, Central
/// Europe winter `-60`. Without a bias the zone is unknown: the local time is kept and the
/// entry is flagged, never shifted by a guess.
public struct LogTime: Sendable, Equatable, Codable {
    /// The local wall-clock time, in milliseconds since 1970-01-01T00:00:00 *as if it were UTC*.
    /// Digits past the millisecond are dropped here and kept in the written text.
    public var localMilliseconds: Int64
    /// The bias in minutes as written, or nil when the line wrote none.
    public var biasMinutes: Int64?

    /// The UTC instant in milliseconds since 1970, or nil when the zone is unknown.
    public var utcMilliseconds: Int64? {
        biasMinutes.map { localMilliseconds + $0 * 60_000 }
    }

    /// Whether the line said its bias, so the instant is known.
    public var zoneKnown: Bool { biasMinutes != nil }
}

/// Parses the date and time fields of both log formats, from raw bytes.
enum LogTimeParser {
    /// Largest bias accepted, in minutes: real zones lie within UTC−14 and UTC+12; a little more
    /// is tolerated, anything beyond is not a bias.
    static let maximumBiasMinutes: Int64 = 16 * 60

    /// `MM-DD-YYYY` (month and day may have one digit) → days since 1970-01-01.
    static func days(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int64? {
        var i = range.lowerBound
        guard let month = ASCIIDigits.read(b, at: &i, end: range.upperBound, maxDigits: 2), i < range.upperBound, b[i] == UInt8(ascii: "-") else { return nil }
        i += 1
        guard let day = ASCIIDigits.read(b, at: &i, end: range.upperBound, maxDigits: 2), i < range.upperBound, b[i] == UInt8(ascii: "-") else { return nil }
        i += 1
        let yearStart = i
        guard let year = ASCIIDigits.read(b, at: &i, end: range.upperBound, maxDigits: 4), i - yearStart == 4, i == range.upperBound else { return nil }
        guard (1...12).contains(month), day >= 1, day <= CivilDate.daysInMonth(year: year, month: month) else { return nil }
        return CivilDate.daysFromEpoch(year: year, month: month, day: day)
    }

    /// `HH:MM:SS[.f…][±B]` → (milliseconds of the day, bias minutes if written, end of the
    /// time text without the bias).
    static func timeOfDay(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> (milliseconds: Int64, bias: Int64?, textEnd: Int)? {
        var i = range.lowerBound
        let end = range.upperBound
        guard let hour = ASCIIDigits.read(b, at: &i, end: end, maxDigits: 2), i < end, b[i] == UInt8(ascii: ":") else { return nil }
        i += 1
        let minuteStart = i
        guard let minute = ASCIIDigits.read(b, at: &i, end: end, maxDigits: 2), i - minuteStart == 2, i < end, b[i] == UInt8(ascii: ":") else { return nil }
        i += 1
        let secondStart = i
        guard let second = ASCIIDigits.read(b, at: &i, end: end, maxDigits: 2), i - secondStart == 2 else { return nil }
        guard hour < 24, minute < 60, second < 61 else { return nil }
        var milliseconds = ((hour * 60 + minute) * 60 + second) * 1000
        if i < end, b[i] == UInt8(ascii: ".") {
            i += 1
            var digits = 0
            var fraction: Int64 = 0
            while i < end, let digit = ASCIIDigits.value(of: b[i]) {
                if digits < 3 { fraction = fraction * 10 + digit }
                digits += 1
                i += 1
            }
            guard digits >= 1, digits <= 9 else { return nil }
            var scale = digits
            while scale < 3 {
                fraction *= 10
                scale += 1
            }
            milliseconds += fraction
        }
        let textEnd = i
        guard i < end else { return (milliseconds, nil, textEnd) }
        let sign: Int64
        switch b[i] {
        case UInt8(ascii: "+"): sign = 1
        case UInt8(ascii: "-"): sign = -1
        default: return nil
        }
        i += 1
        let biasStart = i
        guard let bias = ASCIIDigits.read(b, at: &i, end: end, maxDigits: 4), i == end, i > biasStart, bias <= maximumBiasMinutes else { return nil }
        return (milliseconds, sign * bias, textEnd)
    }
}
