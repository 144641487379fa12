import CMGHistory

/// The words a shared option group's help uses in one family of commands: the reports say
/// "period" and "report", the timeline "window" and "timeline", over the same options.
protocol OptionWording {
    /// `--tz`'s help.
    static var zone: String { get }
    /// `--gateway`'s help.
    static var gateway: String { get }
    /// `--reproducible`'s help.
    static var reproducible: String { get }
    /// `--wide`'s help.
    static var wide: String { get }
    /// What `--from`/`--to` bound: "period" or "window".
    static var span: String { get }
    /// `--from`'s discussion: what leaving both out means, or nothing.
    static var spanDefault: String { get }
}

/// The wording of `report …`.
enum ReportWording: OptionWording {
    static let zone = "The IANA time zone that days and months are cut in and times are shown in."
    static let gateway = "A gateway to report on (repeat for several). Without it, every gateway."
    static let reproducible = "Leave out what differs between runs (the time the report was made, the database path), so the same database gives byte-identical output."
    static let wide = "Print tables whole: no name or message is cut to fit the terminal (figures never are)."
    static let span = "period"
    static var spanDefault: String { "Without --from and --to: the last \(DefaultPeriods.recentDays) days in --tz, today included." }
}

/// The wording of `timeline`.
enum TimelineWording: OptionWording {
    static let zone = "The IANA time zone local times are shown in (and dates are read in)."
    static let gateway = "A gateway to follow (repeat for several). Without it, every gateway."
    static let reproducible = "Leave out what differs between runs (the time the timeline was made, the database path), so the same database gives byte-identical output."
    static let wide = "Print the table at full width: no column is cut to fit the terminal."
    static let span = "window"
    static let spanDefault = ""
}
