import ArgumentParser
import CMGHistory
import Foundation

/// How a report is printed.
enum ReportFormat: String, OutputFormat {
    case table, json, csv, markdown, html

    static let help = "How to print: table for people, json or csv for scripts, markdown for tickets, html for mail."
}

/// The options every report takes: time zone, gateways, output format, reproducibility.
struct ReportOptions: ParsableArguments {
    @OptionGroup var zoneOption: ZoneOption<ReportWording>
    @OptionGroup var gatewayOption: GatewayOption<ReportWording>
    @OptionGroup var formatOption: FormatOption<ReportFormat>
    @OptionGroup var reproducibleFlag: ReproducibleFlag<ReportWording>
    @OptionGroup var wideFlag: WideFlag<ReportWording>
    @OptionGroup var clock: ClockOption

    /// `--tz`.
    var zone: ReportZone { zoneOption.tz }
    /// `--gateway`, each one given.
    var gateway: [String] { gatewayOption.gateway }
    /// `--format`.
    var format: ReportFormat { formatOption.format }
    /// The width tables are fitted to (Terminal.tableWidth): nil on a pipe or with --wide.
    var tableWidth: Int? { wideFlag.tableWidth }

    /// Prints `report` in the chosen format.
    func print<Report: Encodable>(_ report: Report, table: (Report) -> String, csv: (Report) -> String,
                                  markdown: (Report) -> String, html: (Report) -> String) throws {
        switch format {
        case .table: Console.out(table(report))
        case .json: Console.out(try JSONRender.render(report))
        case .csv: Console.out(csv(report))
        case .markdown: Console.out(markdown(report))
        case .html: Console.out(html(report))
        }
    }

    /// The line under a report's title saying where and when it came from, unless reproducible.
    func provenance(database: String) -> ReportProvenance? {
        ReportProvenance.of(database: database, reproducible: reproducibleFlag.reproducible)
    }

    /// The command line after the program's name, quoted where a word holds a space, with
    /// secret-looking values redacted: it is printed in the report.
    static func arguments(_ words: [String] = Array(CommandLine.arguments.dropFirst())) -> String {
        SecretText.redacted(words.map { $0.contains(" ") || $0.isEmpty ? "\"\($0)\"" : $0 }.joined(separator: " "))
    }
}

extension ReportProvenance {
    /// Where and when a report or timeline came from, or nil for `--reproducible`.
    static func of(database: String, reproducible: Bool) -> ReportProvenance? {
        reproducible ? nil : ReportProvenance(database: SecretText.redactedPath(database), generatedAt: Timestamp.format(Int64(Date().timeIntervalSince1970)),
                                              arguments: ReportOptions.arguments())
    }
}

/// The hidden `--now`: the instant defaults (last full month, last 30 days) count from, for
/// tests; without it, the clock.
struct ClockOption: ParsableArguments {
    @Option(name: .long, help: .hidden)
    var now: InstantArgument?

    /// Now, read here and passed to the library (which never reads the clock).
    var instant: UnixSeconds { now?.seconds ?? Int64(Date().timeIntervalSince1970) }
}

/// `--from`/`--to`, for reports over a period.
struct PeriodOptions: ParsableArguments {
    @OptionGroup var bounds: PeriodBounds<ReportWording>

    func validate() throws {
        if (bounds.from == nil) != (bounds.to == nil) {
            throw ValidationError("Give both --from and --to, or neither for the last \(DefaultPeriods.recentDays) days.")
        }
    }

    /// The period given, or the last 30 days before `now` (said on standard error).
    func period(in zone: ReportZone, now: UnixSeconds) throws -> ReportPeriod {
        do {
            if let given = try bounds.period(in: zone) { return given }
        } catch let error as ReportError {
            // An empty period is a command line to correct, like the other argument errors.
            throw ValidationError(error.commandLineMessage)
        }
        guard let period = DefaultPeriods.recentDays(endingAt: now, zone: zone) else {
            throw ValidationError("Give --from and --to: the last \(DefaultPeriods.recentDays) days before now cannot be told in \(zone.identifier).")
        }
        Console.error("period \(zone.date(period.start)) to \(zone.date(period.end)) "
                      + "(default: the last \(DefaultPeriods.recentDays) days in \(zone.identifier), the end not included)")
        return period
    }
}
