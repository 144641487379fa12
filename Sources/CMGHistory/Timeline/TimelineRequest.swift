/// What a timeline covers and how it is cut.
public struct TimelineRequest: Sendable {
    /// The window `[start, end)`.
    public var window: ReportPeriod
    public var zone: ReportZone
    /// Gateways by name; empty for every gateway.
    public var gateways: [String]
    /// Items below this severity are left out (unless cited as a cause).
    public var minSeverity: TimelineSeverity
    /// How far before an incident's start causes are looked for.
    public var leadUpSeconds: Int64

    public init(window: ReportPeriod, zone: ReportZone, gateways: [String] = [], minSeverity: TimelineSeverity = .info,
                leadUpSeconds: Int64 = TimelinePolicy.leadUpSeconds) {
        self.window = window
        self.zone = zone
        self.gateways = gateways
        self.minSeverity = minSeverity
        self.leadUpSeconds = leadUpSeconds
    }

    /// The window `[around - width/2, around + width/2)`, for `--around T --window 6h`.
    public static func window(around: UnixSeconds, width: Int64) -> ReportPeriod {
        ReportPeriod(start: around - width / 2, end: around - width / 2 + width)
    }

    /// Reads a duration such as `6h`, `90m`, `2d`, `45s` or `1h30m`; nil when it is not one or is zero.
    public static func seconds(_ text: String) -> Int64? {
        var total: Int64 = 0
        var digits = ""
        var sawUnit = false
        for c in text {
            if c.isASCII, c.isNumber {
                digits.append(c)
                continue
            }
            let unit: Int64
            switch c {
            case "s": unit = 1
            case "m": unit = 60
            case "h": unit = 3600
            case "d": unit = 86_400
            default: return nil
            }
            guard let value = Int64(digits), value <= 100_000 else { return nil }
            total += value * unit
            digits = ""
            sawUnit = true
        }
        guard digits.isEmpty, sawUnit, total > 0 else { return nil }
        return total
    }
}

/// The timeline's named constants; each says where its number comes from.
public enum TimelinePolicy {
    /// Causes are looked for in the 2 hours before an incident starts (the default): long
    /// enough for a failed operation, a connection point dropping or an error burst to show its
    /// effect through ConfigMgr's polling, short enough that unrelated noise stays out.
    public static let leadUpSeconds: Int64 = 2 * 3600

    /// Log entries of the same kind on the same gateway at most 15 minutes apart form one burst:
    /// the CMG's logs arrive every 5 minutes and up to 10 minutes late, so a steady error shows as
    /// groups that far apart.
    public static let burstGapSeconds: Int64 = 15 * 60

    /// An hour whose online clients (hourly mean) or requests (hourly sum) fall below 20 % of
    /// the usual level is a traffic anomaly (the threshold: a drop "to near zero").
    public static let trafficDropShare = 0.2

    /// The usual level of an hour is the median of the same UTC hour one, two, three and four
    /// weeks before (weekly rhythm: weekends are quieter than weekdays).
    public static let baselineWeeks = 4

    /// At least this many of those weeks must have data for a judgement.
    public static let minimumBaselineWeeks = 2

    /// An hour whose usual level is below this is too quiet to judge (a drop from 6 to 1 online
    /// clients at night is noise, not an anomaly).
    public static let minimumBaseline = 10.0

    /// A credential expiring within 24 hours after an incident starts counts as "expiring today".
    public static let expiringSoonSeconds: Int64 = 86_400

    /// A log entry with no time zone is listed when its local time could fall in the window in
    /// some zone: zones run from UTC−12 to UTC+14.
    public static let unknownZoneBefore: Int64 = 12 * 3600
    public static let unknownZoneAfter: Int64 = 14 * 3600
}
