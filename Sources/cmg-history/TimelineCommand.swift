import ArgumentParser
import CMGHistory
import Foundation

/// How a timeline is printed: the names reports use. `text`, its name before, is still read.
enum TimelineFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, markdown, html

    init?(argument: String) {
        self.init(rawValue: argument == "text" ? "table" : argument)
    }
}

/// `--min-severity` values.
enum SeverityArgument: String, ExpressibleByArgument, CaseIterable {
    case info, warning, error

    var severity: TimelineSeverity {
        switch self {
        case .info: .info
        case .warning: .warning
        case .error: .error
        }
    }
}

/// `cmg-history timeline`
struct TimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "Tell what happened in a window, in order, and what probably caused each incident.",
        discussion: """
            Merges state changes, operations, connection point changes, configuration changes, \
            credential events, log warnings, errors and rule events (bursts collapsed), traffic \
            anomalies and unknown periods into one list ordered by UTC instant. Each incident \
            overlapping the window is grouped with its probable causes from the 2 hours before it, \
            ranked: an expired or expiring credential, a failed or running operation, a connection \
            point down, a burst of errors, a configuration change. Planned downtime (a stop, then \
            Stopping/Stopped until the next start) is labelled planned. --bundle writes what a \
            Microsoft support case needs: the page, the JSON, the cited log entries and a small \
            database of the window.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(name: .long, help: ArgumentHelp("Where the window starts: a date (midnight in --tz) or an RFC 3339 instant.", valueName: "time"))
    var from: String?

    @Option(name: .long, help: ArgumentHelp("Where the window ends (not included): a date or an RFC 3339 instant.", valueName: "time"))
    var to: String?

    @Option(name: .long, help: ArgumentHelp("The middle of the window, instead of --from and --to: a date or an RFC 3339 instant.", valueName: "time"))
    var around: String?

    @Option(name: .long, help: ArgumentHelp("How wide the window around --around is, like 6h, 90m or 2d.", valueName: "duration"))
    var window: String = "6h"

    @Option(name: .long, help: ArgumentHelp("The IANA time zone local times are shown in (and dates are read in).", valueName: "zone"))
    var tz = "UTC"

    @Option(name: .long, help: ArgumentHelp("A gateway to follow (repeat for several). Without it, every gateway.", valueName: "name"))
    var gateway: [String] = []

    @Option(name: .long, help: ArgumentHelp("Leave out items below this severity: info, warning or error (items an incident cites stay).", valueName: "level"))
    var minSeverity: SeverityArgument = .info

    @Option(name: .long, help: "How to print: table for people, json for scripts, markdown for tickets, html for mail.")
    var format: TimelineFormat = .table

    @Flag(name: .long, help: "Print the table at full width: no column is cut to fit the terminal.")
    var wide = false

    @Flag(name: .long, help: "Leave out what differs between runs (the time the timeline was made, the database path), so the same database gives byte-identical output.")
    var reproducible = false

    @Option(name: .long, help: ArgumentHelp(
        "Also write the evidence bundle into this folder: timeline.html, timeline.json, log-entries.txt and extract.sqlite.",
        valueName: "folder"))
    var bundle: String?

    @Flag(name: .long, help: "With --bundle: write into a folder that already holds files, replacing the bundle's files in it.")
    var force = false

    func validate() throws {
        switch (from, to, around) {
        case (.some, .some, nil): break
        case (nil, nil, .some): break
        case (_, _, .some): throw ValidationError("Give either --around (with --window) or --from and --to, not both.")
        default: throw ValidationError("Give the window: --from TIME --to TIME, or --around TIME [--window 6h].")
        }
        if TimelineRequest.seconds(window) == nil {
            throw ValidationError("--window takes a duration like 6h, 90m, 2d or 1h30m, not \(window).")
        }
        if around == nil, window != "6h" { throw ValidationError("--window goes with --around.") }
        if force, bundle == nil { throw ValidationError("--force goes with --bundle.") }
    }

    func run() throws {
        let zone: ReportZone
        do {
            zone = try ReportZone(identifier: tz)
        } catch {
            throw ValidationError("--tz: \(error.description)")
        }
        let period: ReportPeriod
        if let around {
            let middle = try Self.instant(around, field: "--around", zone: zone)
            period = TimelineRequest.window(around: middle, width: TimelineRequest.seconds(window) ?? 6 * 3600)
        } else {
            period = try ReportPeriod.parse(from: from ?? "", to: to ?? "", zone: zone)
        }
        let store = try database.openForReading()
        var timeline = try store.timeline(TimelineRequest(window: period, zone: zone, gateways: gateway, minSeverity: minSeverity.severity))
        if !reproducible {
            timeline.provenance = ReportProvenance(database: SecretText.redactedPath(database.path), generatedAt: Timestamp.format(Int64(Date().timeIntervalSince1970)),
                                                   arguments: ReportOptions.arguments())
        }
        switch format {
        case .table:
            Console.out(TimelineRender.text(timeline, colour: Terminal.standardOutputIsInteractive, width: Terminal.tableWidth(wide: wide)))
        case .json: Console.out(try JSONRender.render(timeline))
        case .markdown: Console.out(TimelineRender.markdown(timeline))
        case .html: Console.out(TimelineHTML.render(timeline))
        }
        if let bundle {
            do {
                let files = try TimelineBundle.write(timeline, store: store, to: bundle, replacing: force)
                Console.error("Evidence bundle written: " + files.joined(separator: ", "))
            } catch let error as TimelineBundleError {
                throw CommandFailure(message: error.description)
            }
        }
    }

    /// A date (midnight in `zone`) or an RFC 3339 instant.
    static func instant(_ text: String, field: String, zone: ReportZone) throws -> UnixSeconds {
        if let instant = Timestamp.parse(text) { return instant }
        // A date: the same reading --from uses, through a one-day period.
        if let period = try? ReportPeriod.parse(from: text, to: "9999-12-31T00:00:00Z", zone: zone) { return period.start }
        throw ReportError.invalidTime(field: field, value: text)
    }
}
