import Foundation
import Testing

/// What a new user meets in the first hour at the command line (issue 12, problem 8).
@Suite("cmg-history, the first hour")
struct FirstHourCLITests {
    static let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("README.md")

    @Test func versionPrintsOneVersionThatTheReadmeQuotes() throws {
        // Given the built binary / When asked for its version
        let folder = try ScratchFolder()
        let result = try CLIRunner.run(["--version"], in: folder.url)
        // Then it prints one version, exit 0, and the README shows the same one
        #expect(result.status == 0)
        let version = result.stdout.trimmingCharacters(in: .newlines)
        #expect(version.split(separator: ".").count == 3 && version.allSatisfy { $0.isNumber || $0 == "." }, "\(version)")
        let readme = try String(contentsOf: Self.readme, encoding: .utf8)
        #expect(readme.contains("cmg-history --version      # prints \(version)"))
    }

    @Test(arguments: [
        (["reprot"], "error: unknown command 'reprot'. Did you mean 'report'?"),
        (["report", "capacty"], "error: unknown command 'capacty'. Did you mean 'capacity'?"),
        (["db", "inof"], "error: unknown command 'inof'. Did you mean 'info'?"),
        (["lgos", "list"], "error: unknown command 'lgos'. Did you mean 'logs'?"),
        (["help", "report", "trnd"], "error: unknown command 'trnd'. Did you mean 'trend'?"),
        (["frobnicate"], "error: unknown command 'frobnicate'. Commands of cmg-history: ingest, report, timeline, db"),
        // ArgumentParser names the option itself…
        (["report", "capacity", "--mnth", "2026-10"], "error: Unknown option '--mnth'. Did you mean '--month'?"),
        // …but not when a required option is missing first: that gap is filled
        (["report", "trend", "--metrc", "requests"], "error: Unknown option '--metrc'. Did you mean '--metric'?"),
        // …and an option the command takes is never called unknown, however long its usage line
        (["report", "trend", "--db", "h.sqlite", "--tz", "UTC"], "error: Missing expected argument '--metric <name>'"),
    ])
    func aMistypedCommandOrOptionGetsASuggestionAndExit64(arguments: [String], line: String) throws {
        // Given a slip of the keyboard / When it is run
        let folder = try ScratchFolder()
        let result = try CLIRunner.run(arguments, in: folder.url)
        // Then the first line suggests the nearest name, and the status is a usage error
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix(line), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func aMistypedWordIsQuotedWithItsControlCharactersEscaped() throws {
        // Given a command word holding an escape sequence / When it is run
        let folder = try ScratchFolder()
        let result = try CLIRunner.run(["rep\u{1B}[31mort"], in: folder.url)
        // Then the message shows it escaped and the terminal gets no escape character
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("error: unknown command 'rep\\u{1B}[31mort'."), "\(result.stderr.debugDescription)")
        #expect(!result.stderr.contains("\u{1B}"))
    }

    @Test func everyErrorBeginsWithOneLowercasePrefix() throws {
        let folder = try ScratchFolder()
        try folder.write("a.ndjson", CLITests.goodLines)
        #expect(try CLIRunner.run(["ingest", "--db", "h.sqlite", "a.ndjson"], in: folder.url).status == 0)
        let cases: [([String], Int32)] = [
            (["report", "capacity", "--db", "h.sqlite", "--month", "13-2026"], 64),  // a ValidationError
            (["report", "trend", "--db", "h.sqlite"], 64),  // ArgumentParser's own
            (["report", "availability", "--db", "h.sqlite", "--from", "2026-10-01"], 64),
            (["report", "capacity", "--db", "missing.sqlite", "--month", "2026-10"], 2),  // a command's failure
            (["timeline", "--db", "h.sqlite", "--format", "yaml", "--around", "2026-10-01"], 64),
        ]
        for (arguments, status) in cases {
            // Given a command that fails / When it is run
            let result = try CLIRunner.run(arguments, in: folder.url)
            // Then its message starts `error: `, never `Error: `
            #expect(result.status == status, "\(arguments): \(result.stderr)")
            #expect(result.stderr.hasPrefix("error: "), "\(arguments): \(result.stderr)")
            #expect(!result.stderr.contains("Error:"), "\(arguments): \(result.stderr)")
        }
    }

    @Test func theMonthDefaultsToTheLastFullMonthInTheZoneAndSaysSo() throws {
        // Given a database, and now just after midnight on 1 December in Berlin (still 30 November in UTC)
        let folder = try ScratchFolder()
        try folder.write("a.ndjson", CLITests.goodLines)
        #expect(try CLIRunner.run(["ingest", "--db", "h.sqlite", "a.ndjson"], in: folder.url).status == 0)
        let now = "2026-11-30T23:30:00Z"
        // When capacity is asked for without --month, in Berlin and in UTC
        let berlin = try CLIRunner.run(["report", "capacity", "--db", "h.sqlite", "--tz", "Europe/Berlin", "--now", now, "--format", "json"], in: folder.url)
        let utc = try CLIRunner.run(["report", "capacity", "--db", "h.sqlite", "--now", now, "--format", "json"], in: folder.url)
        // Then Berlin's last full month is November, UTC's October, and standard error says it was the default
        #expect(berlin.status == 0, "\(berlin.stderr)")
        #expect(berlin.stderr == "month 2026-11 (default: the last full month in Europe/Berlin)\n")
        #expect(berlin.stdout.contains(#""month" : "2026-11""#))
        #expect(utc.stderr == "month 2026-10 (default: the last full month in UTC)\n")
        #expect(utc.stdout.contains(#""month" : "2026-10""#))
        // And January's last full month is the December before
        let january = try CLIRunner.run(["report", "capacity", "--db", "h.sqlite", "--now", "2027-01-15T12:00:00Z"], in: folder.url)
        #expect(january.stderr.hasPrefix("month 2026-12 (default"))
        // And a month given says nothing more
        let given = try CLIRunner.run(["report", "capacity", "--db", "h.sqlite", "--month", "2026-10"], in: folder.url)
        #expect(given.status == 0 && given.stderr.isEmpty, "\(given.stderr)")
    }

    @Test func fromAndToDefaultToTheLastThirtyDaysAcrossADaylightSavingChange() throws {
        // Given a database, and now on the day Berlin moves its clocks forward (29 March 2026)
        let folder = try ScratchFolder()
        try folder.write("a.ndjson", CLITests.goodLines)
        #expect(try CLIRunner.run(["ingest", "--db", "h.sqlite", "a.ndjson"], in: folder.url).status == 0)
        // When availability and trend are asked for without --from and --to
        let availability = try CLIRunner.run(["report", "availability", "--db", "h.sqlite", "--tz", "Europe/Berlin",
                                              "--now", "2026-03-29T12:00:00Z", "--format", "json"], in: folder.url)
        let trend = try CLIRunner.run(["report", "trend", "--db", "h.sqlite", "--metric", "online_clients", "--tz", "Europe/Berlin",
                                       "--now", "2026-03-29T12:00:00Z", "--format", "json"], in: folder.url)
        // Then the period is 30 local days ending at the next local midnight (today included), said on standard error
        #expect(availability.status == 0, "\(availability.stderr)")
        #expect(availability.stderr == "period 2026-02-28 to 2026-03-30 (default: the last 30 days in Europe/Berlin, the end not included)\n")
        #expect(availability.stdout.contains(#""from" : "2026-02-28T00:00:00+01:00""#), "\(availability.stdout.prefix(400))")
        #expect(availability.stdout.contains(#""to" : "2026-03-30T00:00:00+02:00""#))
        #expect(trend.status == 0 && trend.stderr.hasPrefix("period 2026-02-28 to 2026-03-30"), "\(trend.stderr)")
        // And one end without the other is a usage error
        let half = try CLIRunner.run(["report", "availability", "--db", "h.sqlite", "--to", "2026-10-02"], in: folder.url)
        #expect(half.status == 64 && half.stderr.hasPrefix("error: Give both --from and --to, or neither"), "\(half.stderr)")
    }

    @Test func timelineTakesTableAsReportsDoAndStillReadsText() throws {
        // Given a timeline's database
        let folder = try ScratchFolder()
        try folder.write("story.ndjson", TimelineCLITests.story())
        #expect(try CLIRunner.run(["ingest", "--db", "h.sqlite", "story.ndjson"], in: folder.url).status == 0)
        let args = ["timeline", "--db", "h.sqlite", "--around", "2026-10-08T14:00:00Z", "--reproducible"]
        // When it is printed as table, as text (the old name) and by default
        let table = try CLIRunner.run(args + ["--format", "table"], in: folder.url)
        let text = try CLIRunner.run(args + ["--format", "text"], in: folder.url)
        let plain = try CLIRunner.run(args, in: folder.url)
        // Then the three are the same table, and the help names table, not text
        #expect(table.status == 0 && text.status == 0, "\(table.stderr) \(text.stderr)")
        #expect(table.stdout == text.stdout && table.stdout == plain.stdout)
        #expect(table.stdout.contains("Incidents"))
        let help = try CLIRunner.run(["timeline", "--help"], in: folder.url)
        #expect(help.stdout.contains("How to print: table for people") && !help.stdout.contains("text for people"))
    }

    @Test func theOverviewHelpNamesEveryInputAndNoStaleWords() throws {
        let folder = try ScratchFolder()
        // Given the root help / Then it names exports and logs, not "NDJSON records for now"
        let help = try CLIRunner.run(["--help"], in: folder.url, environment: ["COLUMNS": "400"])
        #expect(!help.stdout.contains("for now"))
        #expect(help.stdout.contains("CMG log files") && help.stdout.contains("SMS_AzureService"))
        // And every command's help says what --format takes with the shared names
        for command in [["report", "capacity"], ["report", "trend"], ["report", "availability"], ["report", "expiry"]] {
            let text = try CLIRunner.run(command + ["--help"], in: folder.url, environment: ["COLUMNS": "200"]).stdout
            #expect(text.contains("table for people, json or csv for scripts, markdown for tickets, html for mail"), "\(command)")
        }
    }
}
