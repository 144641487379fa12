import ArgumentParser
import CMGHistory

// The option groups the reports and the timeline share, each worded for its command family.

/// `--tz ZONE`, decoded once into a ``ReportZone``.
struct ZoneOption<Wording: OptionWording>: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(Wording.zone, valueName: "zone"))
    var tz: ReportZone = .utc
}

/// `--gateway NAME`, repeatable: which gateways to answer for (none given: every one).
struct GatewayOption<Wording: OptionWording>: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(Wording.gateway, valueName: "name"))
    var gateway: [String] = []
}

/// `--reproducible`: leave out what differs between runs.
struct ReproducibleFlag<Wording: OptionWording>: ParsableArguments {
    @Flag(name: .long, help: ArgumentHelp(Wording.reproducible))
    var reproducible = false
}

/// `--wide`: tables at full width, whatever the terminal.
struct WideFlag<Wording: OptionWording>: ParsableArguments {
    @Flag(name: .long, help: ArgumentHelp(Wording.wide))
    var wide = false

    /// The width tables are fitted to (Terminal.tableWidth): nil on a pipe or with --wide.
    var tableWidth: Int? { Terminal.tableWidth(wide: wide) }
}

/// `--format F`, for a command family's own formats.
struct FormatOption<Format: OutputFormat>: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(Format.help))
    var format: Format = .table
}

/// The formats of a command family, for ``FormatOption``.
protocol OutputFormat: ExpressibleByArgument, CaseIterable {
    /// The table for people, the default.
    static var table: Self { get }
    /// `--format`'s help.
    static var help: String { get }
}

/// `--from TIME --to TIME`: a date (midnight in --tz) or an RFC 3339 instant each; the command
/// says what leaving them out means.
struct PeriodBounds<Wording: OptionWording>: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Where the \(Wording.span) starts: a date (midnight in --tz) or an RFC 3339 instant.",
        discussion: Wording.spanDefault, valueName: "time"))
    var from: PeriodBound?

    @Option(name: .long, help: ArgumentHelp("Where the \(Wording.span) ends (not included): a date or an RFC 3339 instant.", valueName: "time"))
    var to: PeriodBound?

    /// `[from, to)` in `zone`, when both are given.
    func period(in zone: ReportZone) throws -> ReportPeriod? {
        guard let from, let to else { return nil }
        return try PeriodBound.period(from: from, to: to, zone: zone)
    }
}
