import ArgumentParser
import CMGHistory
import Foundation

/// `cmg-history logs …`
struct LogsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs",
        abstract: "List, search and classify the log entries ingested from CMG logs.",
        discussion: """
            Log files and folders are read by `cmg-history ingest`. Times are UTC; an entry whose \
            line wrote no time-zone bias is shown in its local time and flagged.
            """,
        subcommands: [ListCommand.self, SearchCommand.self, EventsCommand.self, ReclassifyCommand.self, RulesCommand.self]
    )

    /// `cmg-history logs list`
    struct ListCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List stored log entries in time order.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var filter: LogFilterOptions

        @Option(name: .long, help: "Show at most this many entries.")
        var limit = 100

        func validate() throws {
            try LogFilterOptions.check(limit: limit)
        }

        func run() throws {
            let entries = try database.openForReading().logEntries(filter.filter(text: nil, limit: limit))
            Console.out(try LogEntryOutput.render(entries, format: filter.format, width: Terminal.tableWidth(wide: filter.wide)))
        }
    }

    /// `cmg-history logs search TEXT`
    struct SearchCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "search", abstract: "List stored log entries whose message contains all the words given.",
            discussion: "Words are matched whole and without regard to case, anywhere in the message (full-text index).")

        @Argument(help: "The words to look for.")
        var text: String

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var filter: LogFilterOptions

        @Option(name: .long, help: "Show at most this many entries.")
        var limit = 100

        func validate() throws {
            if text.split(separator: " ").isEmpty { throw ValidationError("Give at least one word to search for.") }
            try LogFilterOptions.check(limit: limit)
        }

        func run() throws {
            let entries = try database.openForReading().logEntries(filter.filter(text: text, limit: limit))
            Console.out(try LogEntryOutput.render(entries, format: filter.format, width: Terminal.tableWidth(wide: filter.wide)))
        }
    }

    /// `cmg-history logs events`
    struct EventsCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "events", abstract: "List the events the log rules made, in time order.",
            discussion: """
                Every kind is listed by default, role-state changes too: --kind (repeat for several) narrows \
                the list; `cmg-history logs rules` prints the kinds the default rules make. --min-severity \
                compares the event's severity (its rule's), the other filters the event's log entry.
                """)

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var filter: LogFilterOptions

        @Option(name: .long, help: ArgumentHelp("Only events of this kind (repeat for several), without regard to case.", valueName: "kind"))
        var kind: [String] = []

        @Option(name: .long, help: "Show at most this many events.")
        var limit = 1000

        func validate() throws {
            try LogFilterOptions.check(limit: limit)
        }

        func run() throws {
            var events = LogEventFilter()
            events.entries = filter.filter(text: nil, limit: limit)
            events.kinds = kind
            Console.out(try LogEventOutput.render(try database.openForReading().logEvents(events), format: filter.format,
                                                  width: Terminal.tableWidth(wide: filter.wide)))
        }
    }

    /// `cmg-history logs reclassify`
    struct ReclassifyCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reclassify", abstract: "Run the log rules again over every stored entry.",
            discussion: """
                Events the rules now make are added or updated, events no rule makes any more are removed. \
                Pass the same --rules as to ingest. Running it twice changes nothing the second time.
                """)

        @OptionGroup var database: DatabaseOptions

        @Option(name: .long, help: ArgumentHelp("A rule file that extends the default log rules.", valueName: "file"))
        var rules: String?

        func run() throws {
            var options = LogIngestOptions()
            options.rules = rules
            let set = try options.ruleSet()
            let s = try database.openStore().reclassifyLogs(rules: set)
            Console.out("\(NumberFormat.grouped(s.entries)) entries: \(NumberFormat.grouped(s.added)) events added, "
                        + "\(NumberFormat.grouped(s.updated)) updated, \(NumberFormat.grouped(s.removed)) removed, "
                        + "\(NumberFormat.grouped(s.unchanged)) unchanged\n")
        }
    }

    /// `cmg-history logs rules`
    struct RulesCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rules", abstract: "Print the default log rules, a starting point for a --rules file.")

        func run() throws {
            Console.out(DefaultLogRules.text + "\n")
        }
    }
}

/// The filters `logs list`, `logs search` and `logs events` share.
struct LogFilterOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Only entries at or after this instant (RFC 3339).", valueName: "time"))
    var from: String?

    @Option(name: .long, help: ArgumentHelp("Only entries before this instant (RFC 3339).", valueName: "time"))
    var to: String?

    @Option(name: .long, help: ArgumentHelp("Only entries of this gateway (its name, or the service name in a log file name).", valueName: "name"))
    var gateway: String?

    @Option(name: .long, help: ArgumentHelp("Only entries of this component, such as SMS_CLOUD_SERVICES_MANAGER.", valueName: "name"))
    var component: String?

    @Option(name: .customLong("min-severity"), help: ArgumentHelp(
        "Only entries at least this severe: verbose, info, warning or error (or 0–3).", valueName: "severity"))
    var minSeverity: String?

    @Option(name: .long, help: "How to print: table for people, json for scripts.")
    var format: InfoFormat = .table

    @Flag(name: .long, help: "Print the table at full width: no message is cut to fit the terminal.")
    var wide = false

    func validate() throws {
        for (name, value) in [("--from", from), ("--to", to)] {
            if let value, Timestamp.parse(value) == nil {
                throw ValidationError("\(name) must be an RFC 3339 instant such as 2026-10-01T00:00:00Z, not \(value).")
            }
        }
        if let minSeverity, LogSeverity(name: minSeverity) == nil {
            throw ValidationError("--min-severity must be verbose, info, warning or error (or 0–3), not \(minSeverity).")
        }
    }

    /// Each command's own `--limit`.
    static func check(limit: Int) throws {
        if limit < 1 { throw ValidationError("--limit must be at least 1, not \(limit).") }
    }

    func filter(text: String?, limit: Int) -> LogEntryFilter {
        var filter = LogEntryFilter()
        filter.fromMilliseconds = from.flatMap(Timestamp.parse).map { $0 * 1000 }
        filter.toMilliseconds = to.flatMap(Timestamp.parse).map { $0 * 1000 }
        filter.gateway = gateway
        filter.component = component
        filter.minimumSeverity = minSeverity.flatMap(LogSeverity.init(name:)) ?? .verbose
        filter.text = text
        filter.limit = limit
        return filter
    }
}

/// Log entries as a table or as JSON.
enum LogEntryOutput {
    /// The fields of one entry in `--format json`.
    struct JSONEntry: Encodable {
        var utc: String?
        var localTime: String?
        var biasMinutes: Int64?
        var zoneKnown: Bool
        var severity: Int64
        var component: String
        var thread: Int64?
        var file: String
        var gateway: String?
        var message: String
        /// Nil where the caller does not know it (an event's entry).
        var sourcePath: String?
        var sourceLine: Int64

        init(_ e: LogEntry, gateway: String?, sourcePath: String?) {
            utc = e.time?.utcMilliseconds.map(LogTimeFormat.utc)
            // ISO 8601 without an offset: the wall-clock time the line wrote, whatever its format wrote.
            localTime = e.time.map { LogTimeFormat.local($0.localMilliseconds) }
            biasMinutes = e.time?.biasMinutes
            zoneKnown = e.time?.zoneKnown ?? false
            severity = e.severity.rawValue
            component = e.component
            thread = e.thread
            file = e.sourceFile
            self.gateway = gateway
            message = e.displayMessage
            self.sourcePath = sourcePath
            sourceLine = e.line
        }

        enum CodingKeys: String, CodingKey {
            case utc, localTime = "local_time", biasMinutes = "bias_minutes", zoneKnown = "zone_known", severity,
                 component, thread, file, gateway, message, sourcePath = "source_path", sourceLine = "source_line"
        }

        func encode(to encoder: any Encoder) throws {
            // Every key present, null when unknown: scripts can rely on the shape.
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(utc, forKey: .utc)
            try c.encode(localTime, forKey: .localTime)
            try c.encode(biasMinutes, forKey: .biasMinutes)
            try c.encode(zoneKnown, forKey: .zoneKnown)
            try c.encode(severity, forKey: .severity)
            try c.encode(component, forKey: .component)
            try c.encode(thread, forKey: .thread)
            try c.encode(file, forKey: .file)
            try c.encode(gateway, forKey: .gateway)
            try c.encode(message, forKey: .message)
            try c.encode(sourcePath, forKey: .sourcePath)
            try c.encode(sourceLine, forKey: .sourceLine)
        }
    }

    /// With `width` (a terminal's), each message is its first line, cut to fit; without, the
    /// whole message, its line breaks shown as `\\n`.
    static func render(_ entries: [ListedLogEntry], format: InfoFormat, width: Int?) throws -> String {
        switch format {
        case .json:
            let encoder = JSONEncoding.encoder(.compact, keys: .asDeclared)
            let lines = try entries.map { listed -> String in
                let json = JSONEntry(listed.entry, gateway: listed.gateway, sourcePath: listed.sourcePath)
                return String(decoding: try encoder.encode(json), as: UTF8.self)
            }
            // One object per line, inside one JSON array.
            return lines.isEmpty ? "[]\n" : "[\n" + lines.joined(separator: ",\n") + "\n]\n"
        case .table:
            guard !entries.isEmpty else { return "No log entries.\n" }
            var table = TextTable(headers: ["time (UTC)", "severity", "component", "gateway", "message"],
                                  alignments: [.left, .left, .left, .left, .left])
            table.shrinkOrder = [4, 2, 3]
            for listed in entries {
                let e = listed.entry
                let message = width == nil ? e.displayMessage : e.displayMessage.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? ""
                table.append([time(e), e.severity.name, e.component, listed.gateway ?? "", message])
            }
            var out = table.render(width: width)
            if entries.contains(where: { $0.entry.time?.zoneKnown == false }) {
                out += "\nTimes marked \"local?\" were written without a time zone: shown as written, not converted to UTC.\n"
            }
            return out
        }
    }

    /// UTC time, or the local time flagged, or a dash.
    static func time(_ e: LogEntry) -> String {
        guard let time = e.time else { return "-" }
        if let utc = time.utcMilliseconds { return LogTimeFormat.utc(utc) }
        return LogTimeFormat.local(time.localMilliseconds) + " local?"
    }
}
