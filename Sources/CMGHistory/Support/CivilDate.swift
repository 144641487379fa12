/// Proleptic Gregorian calendar arithmetic on UTC days, without Foundation.
enum CivilDate {
    /// Days from 1970-01-01 to the given date (negative before it).
    /// Howard Hinnant's `days_from_civil` algorithm.
    static func daysFromEpoch(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func daysInMonth(year: Int64, month: Int64) -> Int64 {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func isLeapYear(_ year: Int64) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// The date of a day counted from 1970-01-01. Hinnant's `civil_from_days` algorithm.
    static func civil(daysFromEpoch days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The UTC date-time of a Unix instant as `YYYY-MM-DDTHH:MM:SSZ`.
    static func rfc3339(_ instant: UnixSeconds) -> String {
        rfc3339(instant, offset: nil)
    }

    /// The wall-clock date-time of `instant + offset` as `YYYY-MM-DDTHH:MM:SS`, followed by `Z`
    /// when `offset` is nil, else by the offset as `±HH:MM`. Written byte by byte: reports
    /// format tens of thousands of instants.
    static func rfc3339(_ instant: UnixSeconds, offset: Int64?) -> String {
        // Instants are range-checked on import, but a damaged file can hold any Int64: floor
        // division by remainder, and a saturated sum, so that none of it can overflow.
        let (sum, overflow) = instant.addingReportingOverflow(offset ?? 0)
        let local = overflow ? (instant < 0 ? Int64.min : Int64.max) : sum
        let remainder = local % 86_400
        let days = local / 86_400 - (remainder < 0 ? 1 : 0)
        let secondsOfDay = remainder < 0 ? remainder + 86_400 : remainder
        let (year, month, day) = civil(daysFromEpoch: days)
        guard (0...9999).contains(year) else { return outsideFourDigitYears(year, month, day, secondsOfDay, offset) }
        return String(unsafeUninitializedCapacity: 25) { buffer in
            var i = 0
            func put(_ value: Int64, digits: Int) {
                var divisor: Int64 = 1
                for _ in 1..<digits { divisor *= 10 }
                while divisor > 0 {
                    buffer[i] = UInt8(48 + value / divisor % 10)
                    i += 1
                    divisor /= 10
                }
            }
            func put(_ byte: UInt8) {
                buffer[i] = byte
                i += 1
            }
            put(year, digits: 4); put(UInt8(ascii: "-")); put(month, digits: 2); put(UInt8(ascii: "-")); put(day, digits: 2)
            put(UInt8(ascii: "T")); put(secondsOfDay / 3600, digits: 2); put(UInt8(ascii: ":"))
            put(secondsOfDay % 3600 / 60, digits: 2); put(UInt8(ascii: ":")); put(secondsOfDay % 60, digits: 2)
            if let offset {
                let minutes = abs(offset) / 60
                put(UInt8(ascii: offset < 0 ? "-" : "+")); put(minutes / 60, digits: 2); put(UInt8(ascii: ":")); put(minutes % 60, digits: 2)
            } else {
                put(UInt8(ascii: "Z"))
            }
            return i
        }
    }

    private static func outsideFourDigitYears(_ year: Int64, _ month: Int64, _ day: Int64, _ secondsOfDay: Int64, _ offset: Int64?) -> String {
        func pad(_ v: Int64, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        var zone = "Z"
        if let offset {
            let minutes = abs(offset) / 60
            zone = (offset < 0 ? "-" : "+") + pad(minutes / 60, 2) + ":" + pad(minutes % 60, 2)
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondsOfDay / 3600, 2)):"
            + "\(pad(secondsOfDay % 3600 / 60, 2)):\(pad(secondsOfDay % 60, 2))" + zone
    }
}
