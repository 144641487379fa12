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

        func run() throws {
            let entries = try database.openForReading().logEntries(try filter.filter(text: nil))
            Console.out(try LogEntryOutput.render(entries, format: filter.format))
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

        func validate() throws {
            if text.split(separator: " ").isEmpty { throw ValidationError("Give at least one word to search for.") }
        }

        func run() throws {
            let entries = try database.openForReading().logEntries(try filter.filter(text: text))
            Console.out(try LogEntryOutput.render(entries, format: filter.format))
        }
    }

    /// `cmg-history logs events`
    struct EventsCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "events", abstract: "List the events the log rules made, in time order.")

        @OptionGroup var database: DatabaseOptions

        @Option(name: .long, help: "Show at most this many events.")
        var limit = 1000

        func run() throws {
            let events = try database.openForReading().logEvents(limit: limit)
            var table = TextTable(headers: ["time (UTC)", "kind", "severity", "gateway", "fields"],
                                  alignments: [.left, .left, .left, .left, .left])
            for event in events {
                table.append([LogEntryOutput.time(event.entry), event.kind, event.severity.name, event.gateway ?? "",
                              event.fields ?? ""])
            }
            Console.out(events.isEmpty ? "No log events.\n" : table.render())
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

/// The filters `logs list` and `logs search` share.
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

    @Option(name: .long, help: "Show at most this many entries.")
    var limit = 100

    @Option(name: .long, help: "How to print: table for people, json for scripts.")
    var format: InfoFormat = .table

    func validate() throws {
        for (name, value) in [("--from", from), ("--to", to)] {
            if let value, Timestamp.parse(value) == nil {
                throw ValidationError("\(name) must be an RFC 3339 instant such as 2026-10-01T00:00:00Z, not \(value).")
            }
        }
        if let minSeverity, LogSeverity(name: minSeverity) == nil {
            throw ValidationError("--min-severity must be verbose, info, warning or error (or 0–3), not \(minSeverity).")
        }
        if limit < 1 { throw ValidationError("--limit must be at least 1, not \(limit).") }
    }

    func filter(text: String?) throws -> LogEntryFilter {
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
        var sourcePath: String
        var sourceLine: Int64

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

    static func render(_ entries: [ListedLogEntry], format: InfoFormat) throws -> String {
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let lines = try entries.map { listed -> String in
                let e = listed.entry
                let json = JSONEntry(
                    utc: e.time?.utcMilliseconds.map(LogTimeFormat.utc), localTime: e.localTimeText,
                    biasMinutes: e.time?.biasMinutes, zoneKnown: e.time?.zoneKnown ?? false, severity: e.severity.rawValue,
                    component: e.component, thread: e.thread, file: e.sourceFile, gateway: listed.gateway,
                    message: e.displayMessage, sourcePath: listed.sourcePath, sourceLine: e.line)
                return String(decoding: try encoder.encode(json), as: UTF8.self)
            }
            // One object per line, inside one JSON array.
            return lines.isEmpty ? "[]\n" : "[\n" + lines.joined(separator: ",\n") + "\n]\n"
        case .table:
            guard !entries.isEmpty else { return "No log entries.\n" }
            var table = TextTable(headers: ["time (UTC)", "severity", "component", "gateway", "message"],
                                  alignments: [.left, .left, .left, .left, .left])
            for listed in entries {
                let e = listed.entry
                var message = e.displayMessage.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? ""
                if message.count > 120 { message = String(message.prefix(119)) + "…" }
                table.append([time(e), e.severity.name, e.component, listed.gateway ?? "", message])
            }
            var out = table.render()
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
