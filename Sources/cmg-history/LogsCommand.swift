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
            Console.out(try filter.render(entries))
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
            Console.out(try filter.render(entries))
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
            let found = try database.openForReading().logEvents(events)
            Console.out(filter.format == .json ? try LogEventRender.json(found) : LogEventRender.table(found, width: filter.tableWidth))
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
            Console.out(LogIngestSummaryText.reclassified(s))
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
    var from: InstantArgument?

    @Option(name: .long, help: ArgumentHelp("Only entries before this instant (RFC 3339).", valueName: "time"))
    var to: InstantArgument?

    @Option(name: .long, help: ArgumentHelp("Only entries of this gateway (its name, or the service name in a log file name).", valueName: "name"))
    var gateway: String?

    @Option(name: .long, help: ArgumentHelp("Only entries of this component, such as SMS_CLOUD_SERVICES_MANAGER.", valueName: "name"))
    var component: String?

    @Option(name: .customLong("min-severity"), help: ArgumentHelp(
        "Only entries at least this severe: verbose, info, warning or error (or 0–3).", valueName: "severity"))
    var minSeverity: LogSeverity?

    @Option(name: .long, help: "How to print: table for people, json for scripts.")
    var format: InfoFormat = .table

    @Flag(name: .long, help: "Print the table at full width: no message is cut to fit the terminal.")
    var wide = false

    /// Each command's own `--limit`.
    static func check(limit: Int) throws {
        if limit < 1 { throw ValidationError("--limit must be at least 1, not \(limit).") }
    }

    func filter(text: String?, limit: Int) -> LogEntryFilter {
        var filter = LogEntryFilter()
        // Storable instants (year 9999 at most) are far from overflowing as milliseconds.
        filter.fromMilliseconds = from.map { $0.seconds * 1000 }
        filter.toMilliseconds = to.map { $0.seconds * 1000 }
        filter.gateway = gateway
        filter.component = component
        filter.minimumSeverity = minSeverity ?? .verbose
        filter.text = text
        filter.limit = limit
        return filter
    }

    /// The width tables are fitted to: nil on a pipe or with --wide.
    var tableWidth: Int? { Terminal.tableWidth(wide: wide) }

    /// `entries` in the chosen format.
    func render(_ entries: [ListedLogEntry]) throws -> String {
        format == .json ? try LogEntryRender.json(entries) : LogEntryRender.table(entries, width: tableWidth)
    }
}
