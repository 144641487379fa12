import ArgumentParser
import CMGHistory
import Foundation

/// How a timeline is printed: the names reports use. `text`, its name before, is still read.
enum TimelineFormat: String, OutputFormat {
    case table, json, markdown, html

    static let help = "How to print: table for people, json for scripts, markdown for tickets, html for mail."

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
            overlapping the window is grouped with its probable causes from the \(PolicyText.duration(TimelinePolicy.leadUpSeconds)) before it, \
            ranked: an expired or expiring credential, a failed or running operation, a connection \
            point down, a burst of errors, a configuration change. Planned downtime (a stop, then \
            Stopping/Stopped until the next start) is labelled planned. --bundle writes what a \
            Microsoft support case needs: the page, the JSON, the cited log entries and a small \
            database of the window.
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var bounds: PeriodBounds<TimelineWording>

    @Option(name: .long, help: ArgumentHelp("The middle of the window, instead of --from and --to: a date or an RFC 3339 instant.", valueName: "time"))
    var around: PeriodBound?

    @Option(name: .long, help: ArgumentHelp("How wide the window around --around is, like 6h, 90m or 2d.", valueName: "duration"))
    var window: DurationArgument = Self.defaultWindow

    @OptionGroup var zoneOption: ZoneOption<TimelineWording>
    @OptionGroup var gatewayOption: GatewayOption<TimelineWording>

    @Option(name: .long, help: ArgumentHelp("Leave out items below this severity: info, warning or error (items an incident cites stay).", valueName: "level"))
    var minSeverity: SeverityArgument = .info

    @OptionGroup var formatOption: FormatOption<TimelineFormat>
    @OptionGroup var wideFlag: WideFlag<TimelineWording>
    @OptionGroup var reproducibleFlag: ReproducibleFlag<TimelineWording>

    @Option(name: .long, help: ArgumentHelp(
        "Also write the evidence bundle into this folder: \(TimelineBundle.htmlFile), \(TimelineBundle.jsonFile), \(TimelineBundle.logEntriesFile) and \(TimelineBundle.extractFile).",
        valueName: "folder"))
    var bundle: String?

    @Flag(name: .long, help: "With --bundle: write into a folder that already holds files, replacing the bundle's files in it.")
    var force = false

    /// `--window` when it is not given: six hours, a night shift around the moment asked about.
    static let defaultWindow = DurationArgument(seconds: 6 * 3600, text: "6h")

    func validate() throws {
        switch (bounds.from, bounds.to, around) {
        case (.some, .some, nil): break
        case (nil, nil, .some): break
        case (_, _, .some): throw ValidationError("Give either --around (with --window) or --from and --to, not both.")
        default: throw ValidationError("Give the window: --from TIME --to TIME, or --around TIME [--window \(Self.defaultWindow.text)].")
        }
        if around == nil, window != Self.defaultWindow { throw ValidationError("--window goes with --around.") }
        if force, bundle == nil { throw ValidationError("--force goes with --bundle.") }
        do {
            _ = try bounds.period(in: zoneOption.tz)
        } catch let error as ReportError {
            throw ValidationError(error.commandLineMessage)
        }
    }

    func run() throws {
        let zone = zoneOption.tz
        let period: ReportPeriod
        if let around {
            period = TimelineRequest.window(around: try around.instant(in: zone, flag: "--around"), width: window.seconds)
        } else {
            guard let given = try bounds.period(in: zone) else { throw ExitCode.validationFailure }
            period = given
        }
        let store = try database.openForReading()
        var timeline = try store.timeline(TimelineRequest(window: period, zone: zone, gateways: gatewayOption.gateway, minSeverity: minSeverity.severity))
        timeline.provenance = ReportProvenance.of(database: database.path, reproducible: reproducibleFlag.reproducible)
        switch formatOption.format {
        case .table:
            Console.out(TimelineRender.text(timeline, colour: Terminal.standardOutputIsInteractive, width: wideFlag.tableWidth))
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
}
