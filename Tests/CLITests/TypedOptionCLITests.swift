import Foundation
import Testing

/// Every typed option refuses a bad value where ArgumentParser decodes it: exit status 64, one
/// `error: --flag …` line that quotes the value, the usage after it, and nothing opened or
/// created (the database path given does not exist afterwards).
@Suite("cmg-history typed options: each bad value refused naming its flag")
struct TypedOptionCLITests {
    /// A command line, the flag at fault and the value it was given.
    static let refusals: [([String], String, String)] = [
        (["report", "capacity", "--month", "2026-13"], "--month", "2026-13"),
        (["report", "capacity", "--month", "26-10"], "--month", "26-10"),
        (["report", "capacity", "--month", "a': b"], "--month", "a': b"),
        (["report", "capacity", "--month", "2026-1٠"], "--month", "2026-1٠"),
        (["report", "trend", "--metric", "cpu"], "--metric", "cpu"),
        (["report", "trend", "--metric", "requests", "--bucket", "2d"], "--bucket", "2d"),
        (["report", "availability", "--tz", "Mars/Olympus"], "--tz", "Mars/Olympus"),
        (["report", "availability", "--from", "2026-02-30", "--to", "2026-03-01"], "--from", "2026-02-30"),
        (["report", "availability", "--from", "2026-10-01", "--to", "tomorrow"], "--to", "tomorrow"),
        (["report", "availability", "--now", "noon"], "--now", "noon"),
        (["report", "expiry", "--within", "sixty"], "--within", "sixty"),
        (["report", "expiry", "--as-of", "2026-10-01"], "--as-of", "2026-10-01"),
        (["timeline", "--around", "2026-10-08T14:00:00Z", "--window", "6 hours"], "--window", "6 hours"),
        (["timeline", "--around", "noonish"], "--around", "noonish"),
        (["timeline", "--around", "2026-10-08", "--tz", "Europe/Nowhere"], "--tz", "Europe/Nowhere"),
        (["logs", "list", "--from", "2026-10-01"], "--from", "2026-10-01"),
        (["logs", "search", "error", "--min-severity", "fatal"], "--min-severity", "fatal"),
        (["logs", "events", "--to", "99999-01-01T00:00:00Z"], "--to", "99999-01-01T00:00:00Z"),
        (["ingest", "a.ndjson", "--format", "yaml"], "--format", "yaml"),
        (["ingest", "a.ndjson", "--at", "10000-01-01T00:00:00Z"], "--at", "10000-01-01T00:00:00Z"),
        (["ingest", "a.ndjson", "--source-tz", "CEST+2"], "--source-tz", "CEST+2"),
        (["credential", "add", "--gateway", "G", "--kind", "certificate", "--name", "n", "--expires", "2027-06-01T00:00:00Z"], "--kind", "certificate"),
        (["credential", "add", "--gateway", "G", "--kind", "app_secret", "--name", "n", "--expires", "June"], "--expires", "June"),
        (["gateway", "set", "G", "--vm-size", "Basic_A1"], "--vm-size", "Basic_A1"),
        (["gateway", "set", "G", "--vm-size", "Standard_A2_v2", "--at", "now"], "--at", "now"),
        (["db", "prune", "--keep-raw", "30", "--now", "2026-10"], "--now", "2026-10"),
        (["demo", "--end", "2026-11-01"], "--end", "2026-11-01"),
    ]

    @Test(arguments: refusals)
    func aBadValueIsRefusedNamingItsFlagAndQuotingTheValue(arguments: [String], flag: String, value: String) throws {
        // Given a folder without a database
        let folder = try ScratchFolder()
        // When a command is given a value its option cannot take
        let result = try CLIRunner.run(arguments + ["--db", "h.sqlite"], in: folder.url)
        // Then it exits 64 with one line naming the flag and the value, ArgumentParser's wording condensed
        #expect(result.status == 64, "\(arguments): \(result.status) \(result.stderr)")
        let first = result.stderr.split(separator: "\n").first.map(String.init) ?? ""
        #expect(first.hasPrefix("error: \(flag) "), "\(arguments): \(result.stderr)")
        #expect(first.contains(value), "\(arguments): \(result.stderr)")
        #expect(!result.stderr.contains("The value '") && !result.stderr.contains("Error:"), "\(result.stderr)")
        #expect(result.stderr.contains("Usage: cmg-history "), "\(result.stderr)")
        // And nothing was created: the value was refused before any database work
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("h.sqlite").path))
    }

    @Test func aRefusedMonthReadsAsTheLibrarysReasonAfterTheFlag() throws {
        // Given a month that does not exist
        let folder = try ScratchFolder()
        // When the capacity report is asked for it
        let result = try CLIRunner.run(["report", "capacity", "--db", "h.sqlite", "--month", "2026-13"], in: folder.url)
        // Then the line is the flag, the value and the library's reason, word for word
        #expect(result.stderr.hasPrefix("error: --month 2026-13 is not a month like 2026-10\n"), "\(result.stderr)")
    }

    @Test(arguments: [["report", "availability"], ["report", "trend", "--metric", "requests"], ["timeline"]])
    func anEmptyPeriodIsACommandLineToCorrectNamingBothFlags(command: [String]) throws {
        // Given a folder without a database
        let folder = try ScratchFolder()
        // When a period ends before it starts (dates read in --tz)
        let result = try CLIRunner.run(command + ["--db", "h.sqlite", "--from", "2026-10-02", "--to", "2026-10-01"], in: folder.url)
        // Then the library's values come back with the flags that held them, as a usage error
        #expect(result.status == 64, "\(command): \(result.status) \(result.stderr)")
        #expect(result.stderr.hasPrefix("error: the period is empty: --from 2026-10-02 is not before --to 2026-10-01\n"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("h.sqlite").path))
    }

    @Test func goodValuesAreTakenAsBeforeDatesReadInTheZone() throws {
        // Given a database with one status
        let folder = try ScratchFolder()
        try folder.write("a.ndjson", #"{"type":"status","gateway":"G1","at":"2026-10-01T00:00:00Z","state":"Ready"}"# + "\n")
        #expect(try CLIRunner.run(["ingest", "--db", "h.sqlite", "a.ndjson"], in: folder.url).status == 0)
        // When typed options are given good values, a date among them read in --tz
        let runs = [
            ["report", "availability", "--db", "h.sqlite", "--tz", "Europe/Berlin", "--from", "2026-10-01", "--to", "2026-10-02", "--format", "json"],
            ["report", "trend", "--db", "h.sqlite", "--metric", "online_clients", "--bucket", "1h", "--from", "2026-10-01", "--to", "2026-10-02T00:00:00Z"],
            ["report", "expiry", "--db", "h.sqlite", "--within", "60d", "--as-of", "2026-10-01T00:00:00Z"],
            ["report", "capacity", "--db", "h.sqlite", "--month", "2026-10", "--format", "json"],
            ["timeline", "--db", "h.sqlite", "--around", "2026-10-01T00:00:00Z", "--window", "1h30m", "--format", "text"],
            ["logs", "list", "--db", "h.sqlite", "--from", "2026-10-01T00:00:00Z", "--min-severity", "warn"],
        ]
        for arguments in runs {
            let result = try CLIRunner.run(arguments, in: folder.url)
            // Then each runs
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        // And a date bound is local midnight: 2026-10-01 in Berlin starts at 00:00 there, +02:00
        let berlin = try CLIRunner.run(["report", "availability", "--db", "h.sqlite", "--tz", "Europe/Berlin",
                                        "--from", "2026-10-01", "--to", "2026-10-02", "--format", "json"], in: folder.url)
        #expect(berlin.stdout.contains(#""from" : "2026-10-01T00:00:00+02:00""#), "\(berlin.stdout)")
    }
}
