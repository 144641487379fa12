/// Reads the times Windows tools write, into UTC instants in whole seconds.
///
/// | form | written by | zone |
/// |---|---|---|
/// | `2026-09-10T01:00:00.1234567+02:00`, `…Z` | PowerShell 7 `ConvertTo-Json`, `ToString('o')` | as written |
/// | `\/Date(1789000000000)\/`, `\/Date(1789000000000+0900)\/` | Windows PowerShell 5.1 `ConvertTo-Json` | UTC milliseconds; the suffix only says where it was written |
/// | `20260910010000.000000+120` | WMI (DMTF) datetimes from `Get-WmiObject` | minutes east of UTC |
/// | `2026-09-10 01:00:00.000`, `2026-09-10T01:00:00` | SQL Server `datetime`, unspecified .NET dates | none: read in the source zone |
/// | `9/10/2026 1:00:00 AM`, `09/10/2026 01:00:00` | `Export-Csv` of a date (en-US and invariant culture: month first) | none: read in the source zone |
enum PowerShellTime {
    static func parse(_ text: String, zone: SourceTimeZone) -> UnixSeconds? {
        resolve(text, zone: zone)?.instant
    }

    /// The instant, and how a time without a zone fit `zone`'s clock (`unique` for the others).
    static func resolve(_ text: String, zone: SourceTimeZone) -> (instant: UnixSeconds, fit: SourceTimeZone.LocalTimeFit)? {
        let s = Array(text.trimmingSpaces.utf8)
        guard !s.isEmpty else { return nil }
        if let instant = microsoftJSONDate(s) { return (instant, .unique) }
        if let instant = dmtf(s) { return (instant, .unique) }
        if let instant = RFC3339.parse(text.trimmingSpaces) { return (instant, .unique) }
        if let local = isoLocal(s) ?? monthFirst(s) { return zone.resolve(local: local) }
        return nil
    }

    /// Whether `text` is a time of a form that carries no zone (SQL `datetime`, an en-US date),
    /// which ``resolve(_:zone:)`` reads in the source zone.
    static func carriesNoZone(_ text: String) -> Bool {
        let s = Array(text.trimmingSpaces.utf8)
        guard !s.isEmpty, microsoftJSONDate(s) == nil, dmtf(s) == nil, RFC3339.parse(text.trimmingSpaces) == nil else { return false }
        return (isoLocal(s) ?? monthFirst(s)) != nil
    }

    /// `/Date(ms)/` or `\/Date(ms)\/` with an optional `±HHMM`: milliseconds since the epoch in UTC.
    private static func microsoftJSONDate(_ s: [UInt8]) -> UnixSeconds? {
        var text = String(decoding: s, as: UTF8.self).replacingOccurrences(of: "\\/", with: "/")
        guard text.hasPrefix("/Date("), text.hasSuffix(")/") else { return nil }
        text = String(text.dropFirst("/Date(".count).dropLast(")/".count))
        var digits = Substring(text)
        var negative = false
        if digits.first == "-" {
            negative = true
            digits = digits.dropFirst()
        }
        let number = digits.prefix { $0.isASCII && $0.isNumber }
        let rest = digits.dropFirst(number.count)
        guard !number.isEmpty, let ms = Int64(number) else { return nil }
        if !rest.isEmpty {
            guard rest.count == 5, rest.first == "+" || rest.first == "-", rest.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        }
        let signed = negative ? -ms : ms
        // Floor division that cannot overflow: `/Date(-9223372036854775807)/` is a real input.
        return signed >= 0 ? signed / 1000 : (signed + 1) / 1000 - 1
    }

    /// `yyyymmddHHMMSS.mmmmmm±UUU`: a local time and its offset from UTC in minutes.
    private static func dmtf(_ s: [UInt8]) -> UnixSeconds? {
        guard s.count == 25, s[14] == UInt8(ascii: "."), s[21] == UInt8(ascii: "+") || s[21] == UInt8(ascii: "-"),
              let year = number(s, 0, 4), let month = number(s, 4, 2), let day = number(s, 6, 2),
              let hour = number(s, 8, 2), let minute = number(s, 10, 2), let second = number(s, 12, 2),
              number(s, 15, 6) != nil, let offset = number(s, 22, 3),
              let local = civil(year, month, day, hour, minute, second)
        else { return nil }
        return local - (s[21] == UInt8(ascii: "-") ? -offset : offset) * 60
    }

    /// `yyyy-MM-dd[T ]HH:mm[:ss[.fff…]]` with no zone.
    private static func isoLocal(_ s: [UInt8]) -> Int64? {
        guard s.count >= 16, s[4] == UInt8(ascii: "-"), s[7] == UInt8(ascii: "-"),
              s[10] == UInt8(ascii: "T") || s[10] == UInt8(ascii: " "), s[13] == UInt8(ascii: ":"),
              let year = number(s, 0, 4), let month = number(s, 5, 2), let day = number(s, 8, 2),
              let hour = number(s, 11, 2), let minute = number(s, 14, 2)
        else { return nil }
        var second: Int64 = 0
        var i = 16
        if i < s.count {
            guard s[i] == UInt8(ascii: ":"), let sec = number(s, i + 1, 2) else { return nil }
            second = sec
            i += 3
            if i < s.count {
                guard s[i] == UInt8(ascii: "."), i + 1 < s.count, number(s, i + 1, s.count - i - 1) != nil else { return nil }
            }
        }
        return civil(year, month, day, hour, minute, second)
    }

    /// `M/d/yyyy h:mm[:ss] [AM|PM]`: month first, as en-US and the invariant culture write it.
    private static func monthFirst(_ s: [UInt8]) -> Int64? {
        let text = String(decoding: s, as: UTF8.self)
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2 || parts.count == 3 else { return nil }
        let date = parts[0].split(separator: "/", omittingEmptySubsequences: false)
        let clock = parts[1].split(separator: ":", omittingEmptySubsequences: false)
        guard date.count == 3, clock.count == 2 || clock.count == 3,
              let month = Int64(date[0]), let day = Int64(date[1]), let year = Int64(date[2]), date[2].count == 4,
              var hour = Int64(clock[0]), let minute = Int64(clock[1])
        else { return nil }
        let second = clock.count == 3 ? Int64(clock[2]) : 0
        guard let second else { return nil }
        if parts.count == 3 {
            let marker = parts[2].uppercased()
            guard (1...12).contains(hour), marker == "AM" || marker == "PM" else { return nil }
            hour = hour % 12 + (marker == "PM" ? 12 : 0)
        }
        return civil(year, month, day, hour, minute, second)
    }

    /// Seconds since 1970-01-01T00:00 of a civil time, or nil when it is not a real one.
    private static func civil(_ year: Int64, _ month: Int64, _ day: Int64, _ hour: Int64, _ minute: Int64, _ second: Int64) -> Int64? {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1, day <= CivilDate.daysInMonth(year: year, month: month),
              (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second)
        else { return nil }
        return CivilDate.daysFromEpoch(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second
    }

    /// Whether a time that did not parse has the seconds `60` of a leap second (`23:59:60`,
    /// DMTF `…235960.000000+000`), so the message can say so.
    static func isLeapSecond(_ text: String) -> Bool {
        let s = Array(text.trimmingSpaces.utf8)
        if s.count == 25, s[14] == UInt8(ascii: "."), s[12] == UInt8(ascii: "6"), s[13] == UInt8(ascii: "0") { return true }
        guard let range = text.range(of: ":60") else { return false }
        let next = text[range.upperBound...].first
        return next == nil || next.map { !$0.isNumber } == true
    }

    private static func number(_ s: [UInt8], _ start: Int, _ count: Int) -> Int64? {
        guard count > 0, start + count <= s.count else { return nil }
        var value: Int64 = 0
        for k in start..<(start + count) {
            let digit = s[k] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value &* 10 &+ Int64(digit)
        }
        return value
    }
}
