import ArgumentParser
import CMGHistory
import Foundation

/// How a report is printed.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv, markdown, html
}

/// The options every report takes: time zone, gateways, output format, reproducibility.
struct ReportOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The IANA time zone that days and months are cut in and times are shown in.",
        valueName: "zone"))
    var tz = "UTC"

    @Option(name: .long, help: ArgumentHelp(
        "A gateway to report on (repeat for several). Without it, every gateway.", valueName: "name"))
    var gateway: [String] = []

    @Option(name: .long, help: "How to print: table for people, json or csv for scripts, markdown for tickets, html for mail.")
    var format: ReportFormat = .table

    @Flag(name: .long, help: "Leave out what differs between runs (the time the report was made, the database path), so the same database gives byte-identical output.")
    var reproducible = false

    @Flag(name: .long, help: "Print tables whole: no name or message is cut to fit the terminal (figures never are).")
    var wide = false

    /// The width tables are fitted to (Terminal.tableWidth): nil on a pipe or with --wide.
    var tableWidth: Int? { Terminal.tableWidth(wide: wide) }

    /// The instant the defaults (last full month, last 30 days) count from, for tests; else the clock.
    @Option(name: .long, help: .hidden)
    var now: String?

    /// Now, read here and passed to the library (which never reads the clock).
    func instantNow() throws -> UnixSeconds {
        guard let now else { return Int64(Date().timeIntervalSince1970) }
        guard let instant = Timestamp.parse(now) else { throw ValidationError("--now takes an RFC 3339 instant, not \(now).") }
        return instant
    }

    func zone() throws -> ReportZone {
        do {
            return try ReportZone(identifier: tz)
        } catch {
            throw ValidationError("--tz: \(error.description)")
        }
    }

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
        reproducible ? nil : ReportProvenance(database: SecretText.redactedPath(database), generatedAt: Timestamp.format(Int64(Date().timeIntervalSince1970)),
                                              arguments: Self.arguments())
    }

    /// The command line after the program's name, quoted where a word holds a space, with
    /// secret-looking values redacted: it is printed in the report.
    static func arguments(_ words: [String] = Array(CommandLine.arguments.dropFirst())) -> String {
        SecretText.redacted(words.map { $0.contains(" ") || $0.isEmpty ? "\"\($0)\"" : $0 }.joined(separator: " "))
    }
}

/// `--from`/`--to`, for reports over a period.
struct PeriodOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Where the period starts: a date (midnight in --tz) or an RFC 3339 instant.",
        discussion: "Without --from and --to: the last \(DefaultPeriods.recentDays) days in --tz, today included.",
        valueName: "time"))
    var from: String?

    @Option(name: .long, help: ArgumentHelp("Where the period ends (not included): a date or an RFC 3339 instant.", valueName: "time"))
    var to: String?

    func validate() throws {
        if (from == nil) != (to == nil) {
            throw ValidationError("Give both --from and --to, or neither for the last \(DefaultPeriods.recentDays) days.")
        }
    }

    /// The period given, or the last 30 days before `now` (said on standard error).
    func period(in zone: ReportZone, now: UnixSeconds) throws -> ReportPeriod {
        guard let from, let to else {
            guard let period = DefaultPeriods.recentDays(endingAt: now, zone: zone) else {
                throw ValidationError("Give --from and --to: the last \(DefaultPeriods.recentDays) days before now cannot be told in \(zone.identifier).")
            }
            Console.error("period \(zone.date(period.start)) to \(zone.date(period.end)) "
                          + "(default: the last \(DefaultPeriods.recentDays) days in \(zone.identifier), the end not included)")
            return period
        }
        do {
            return try ReportPeriod.parse(from: from, to: to, zone: zone)
        } catch {
            throw ValidationError(error.description)
        }
    }
}
