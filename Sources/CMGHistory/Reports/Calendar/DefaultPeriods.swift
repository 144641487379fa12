/// What a report covers when the command line does not say: the last full month, or the last
/// days. Both are cut in the report's zone, from a `now` the caller passes in.
public enum DefaultPeriods {
    /// Days `--from`/`--to` cover when neither is given: a month's worth, short enough to stay
    /// in raw samples on a database pruned to the usual 90 days.
    public static let recentDays = 30

    /// The calendar month before the one holding `now` in `zone`.
    public static func lastFullMonth(before now: UnixSeconds, zone: ReportZone) -> (year: Int, month: Int) {
        let local = CivilDate.civil(daysFromEpoch: Self.localDay(of: now, zone: zone))
        return local.month == 1 ? (Int(local.year) - 1, 12) : (Int(local.year), Int(local.month) - 1)
    }

    /// `[midnight days ago, next midnight)` in `zone`: the local day holding `now` and the
    /// `days - 1` before it, so today's data so far is in and a DST change keeps midnights.
    public static func recentDays(endingAt now: UnixSeconds, days: Int = recentDays, zone: ReportZone) -> ReportPeriod? {
        guard days >= 1 else { return nil }
        let today = Self.localDay(of: now, zone: zone)
        let (first, overflow) = today.subtractingReportingOverflow(Int64(days - 1))
        guard !overflow else { return nil }
        let start = CivilDate.civil(daysFromEpoch: first)
        let end = CivilDate.civil(daysFromEpoch: today + 1)
        guard let from = zone.startOfDay(year: Int(start.year), month: Int(start.month), day: Int(start.day)),
              let to = zone.startOfDay(year: Int(end.year), month: Int(end.month), day: Int(end.day)), from < to
        else { return nil }
        return ReportPeriod(start: from, end: to)
    }

    /// Days since 1970-01-01 of the local date of `instant` in `zone` (floor division: before 1970 too).
    static func localDay(of instant: UnixSeconds, zone: ReportZone) -> Int64 {
        let local = instant.addingReportingOverflow(zone.offset(at: instant))
        let seconds = local.overflow ? instant : local.partialValue
        return seconds.floorDivided(by: 86_400)
    }
}
