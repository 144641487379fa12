import Foundation
import Testing

@Suite("cmg-history, run as a process")
struct CLITests {
    static let goodLines = """
        {"type":"gateway","gateway":"GraniteFalls.contoso.com","at":"2026-10-01T00:00:00Z","site":"PS1","region":"WestUS","vm_size":"Standard_A2_v2","instances":2}
        {"type":"status","gateway":"GraniteFalls.contoso.com","at":"2026-10-01T00:05:00Z","state":"Ready","state_code":0,"description":""}
        {"type":"online_clients","gateway":"GraniteFalls.contoso.com","at":"2026-10-01T00:05:00Z","count":1834}
        """

    /// The highest NNNN of Migrations/sqlite/NNNN_*.sql: what a new database must be migrated to.
    static var latestSchemaVersion: Int {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Migrations/sqlite")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".sql") }.compactMap { Int($0.prefix(4)) }.max() ?? 0
    }

    @Test func ingestPrintsCountsPerFileAndExitsZero() throws {
        let folder = try ScratchFolder()
        try folder.write("a.ndjson", Self.goodLines)
        let first = try CLIRunner.run(["ingest", "a.ndjson"], in: folder.url)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == "a.ndjson (ndjson): 3 inserted, 0 duplicates, 0 rejected\n")
        #expect(first.stderr.isEmpty)
        #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("cmg-history.sqlite").path))
        let again = try CLIRunner.run(["ingest", "a.ndjson"], in: folder.url)
        #expect(again.stdout == "a.ndjson (ndjson): 0 inserted, 3 duplicates, 0 rejected\n")
    }

    @Test func rejectedLinesAreNamedOnStandardErrorAndTheExitStatusIsOne() throws {
        let folder = try ScratchFolder()
        try folder.write("mixed.ndjson", Self.goodLines + "\n" + #"{"type":"online_clients","gateway":"G","at":"yesterday","count":3}"# + "\n")
        let result = try CLIRunner.run(["ingest", "--db", "h.sqlite", "mixed.ndjson"], in: folder.url)
        #expect(result.status == 1)
        #expect(result.stdout == "mixed.ndjson (ndjson): 3 inserted, 0 duplicates, 1 rejected\n")
        #expect(result.stderr == #"mixed.ndjson:4: field "at": "yesterday" is not an RFC 3339 time with Z or an offset (like 2026-10-01T00:05:00Z)"# + "\n")
    }

    @Test func standardInputIsReadForADash() throws {
        let folder = try ScratchFolder()
        let result = try CLIRunner.run(["ingest", "-"], in: folder.url, environment: ["CMG_HISTORY_DB": "from-env.sqlite"],
                                       stdin: Self.goodLines)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "<stdin> (ndjson): 3 inserted, 0 duplicates, 0 rejected\n")
        #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("from-env.sqlite").path))
    }

    @Test func aMissingFileIsOneErrorLineAndANonZeroExit() throws {
        let folder = try ScratchFolder()
        let result = try CLIRunner.run(["ingest", "nowhere.ndjson"], in: folder.url)
        #expect(result.status == 2)
        #expect(result.stderr == "error: nowhere.ndjson: cannot read: no such file\n")
    }

    @Test func anUnusableDatabasePathIsOneErrorLine() throws {
        let folder = try ScratchFolder()
        try folder.write("a.ndjson", Self.goodLines)
        let missingFolder = try CLIRunner.run(["ingest", "--db", "no/such/folder/h.sqlite", "a.ndjson"], in: folder.url)
        #expect(missingFolder.status == 2)
        #expect(missingFolder.stderr.hasPrefix("error: no/such/folder/h.sqlite: cannot open or create the database"))
        #expect(missingFolder.stderr.split(separator: "\n").count == 1)
        let notADatabase = try CLIRunner.run(["db", "info", "--db", "a.ndjson"], in: folder.url)
        #expect(notADatabase.status == 2)
        #expect(notADatabase.stderr == "error: a.ndjson: not a CMG History database: not an SQLite file (\(Self.goodLines.utf8.count) bytes, no SQLite header). "
                + "The file was not changed. Point --db at a CMG History database, or at a new path to create one.\n")
    }

    @Test func dbInfoShowsTablesAndPerGatewayCoverageAsTextAndJSON() throws {
        let folder = try ScratchFolder()
        try folder.write("a.ndjson", Self.goodLines)
        _ = try CLIRunner.run(["ingest", "a.ndjson"], in: folder.url)
        let text = try CLIRunner.run(["db", "info"], in: folder.url)
        #expect(text.status == 0)
        #expect(text.stdout.contains("schema version \(Self.latestSchemaVersion)"))
        #expect(text.stdout.contains("Gateway GraniteFalls.contoso.com"))
        let collapsed = text.stdout.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        #expect(collapsed.contains("online_clients 1 2026-10-01T00:05:00Z 2026-10-01T00:05:00Z"))
        let json = try CLIRunner.run(["db", "info", "--format", "json"], in: folder.url)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["schema_version"] as? Int == Self.latestSchemaVersion)
        let gateways = try #require(object["gateways"] as? [[String: Any]])
        #expect(gateways.first?["gateway"] as? String == "GraniteFalls.contoso.com")
        let tables = try #require(object["tables"] as? [[String: Any]])
        #expect(tables.first { $0["table"] as? String == "status_snapshot" }?["rows"] as? Int == 1)
    }

    @Test func demoWritesAndImportsAHistoryAndTellsWhatToDoNext() throws {
        let folder = try ScratchFolder()
        let result = try CLIRunner.run(["demo", "--days", "3", "--db", "demo.sqlite"], in: folder.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("0 rejected"))
        #expect(result.stdout.contains("Next, try:"))
        #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("demo.demo.ndjson").path))
        let info = try CLIRunner.run(["db", "info", "--db", "demo.sqlite", "--format", "json"], in: folder.url)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(info.stdout.utf8)) as? [String: Any])
        #expect((object["gateways"] as? [Any])?.count == 2)
        // The same seed imports as nothing new.
        let again = try CLIRunner.run(["demo", "--days", "3", "--db", "demo.sqlite"], in: folder.url)
        #expect(again.stdout.contains(" 0 inserted"))
    }

    @Test func theBinaryCopiedAloneIntoAnEmptyFolderStillCreatesAndMigratesADatabase() throws {
        // Given only the binary, in a folder with nothing else
        let folder = try ScratchFolder()
        let lone = folder.url.appendingPathComponent("cmg-history")
        try FileManager.default.copyItem(at: CLIRunner.binary, to: lone)
        // When it creates a new database (a write command: read commands never create one)
        let upgrade = try CLIRunner.run(["db", "upgrade", "--db", "fresh.sqlite"], in: folder.url, executable: lone)
        #expect(upgrade.status == 0, "\(upgrade.stderr)")
        let result = try CLIRunner.run(["db", "info", "--db", "fresh.sqlite", "--format", "json"], in: folder.url, executable: lone)
        // Then the schema is there, at the latest version
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\"schema_version\" : \(Self.latestSchemaVersion)"))
        #expect(result.stdout.contains("\"table\" : \"endpoint_traffic_sample\""))
    }

    @Test func reportsRunFromTheCommandLineReproduciblyAndRefuseBadArguments() throws {
        let folder = try ScratchFolder()
        _ = try CLIRunner.run(["demo", "--days", "35", "--db", "d.sqlite"], in: folder.url)
        let args = ["report", "capacity", "--db", "d.sqlite", "--month", "2026-10", "--format", "json", "--reproducible"]
        let first = try CLIRunner.run(args, in: folder.url)
        let second = try CLIRunner.run(args, in: folder.url)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == second.stdout && first.stdout.contains("\"report\" : \"capacity\""))
        let table = try CLIRunner.run(["report", "trend", "--db", "d.sqlite", "--metric", "online_clients", "--bucket", "1w",
                                       "--from", "2026-10-01", "--to", "2026-11-01", "--tz", "Europe/Berlin"], in: folder.url)
        #expect(table.status == 0 && table.stdout.contains("Trend of online_clients per 1w"))
        let html = try CLIRunner.run(["report", "availability", "--db", "d.sqlite", "--from", "2026-10-01", "--to", "2026-11-01",
                                      "--format", "html"], in: folder.url)
        #expect(html.stdout.hasPrefix("<!DOCTYPE html>") && !html.stdout.contains("<script"))
        let badZone = try CLIRunner.run(["report", "expiry", "--db", "d.sqlite", "--tz", "Mars/Olympus"], in: folder.url)
        #expect(badZone.status != 0 && badZone.stderr.contains("Mars/Olympus is not an IANA time zone name"))
        let badGateway = try CLIRunner.run(["report", "capacity", "--db", "d.sqlite", "--month", "2026-10", "--gateway", "Nope"], in: folder.url)
        #expect(badGateway.status == 2 && badGateway.stderr == "error: no gateway named Nope in this database (see cmg-history gateway list)\n")
    }

    @Test func helpIsWrittenForPeople() throws {
        let folder = try ScratchFolder()
        let result = try CLIRunner.run(["ingest", "--help"], in: folder.url)
        #expect(result.status == 0)
        #expect(result.stdout.contains("Importing the same file twice stores nothing the second"))
        #expect(result.stdout.contains("--db <url>"))
    }
}
