import Foundation
import Testing

/// The README's collect script (`Scripts/collect.ps1`), tested as written: its `ingest` line is
/// parsed out of the script and run, with the same flags, on files shaped exactly as Windows
/// PowerShell 5.1 and PowerShell 7 write them (`Tests/CMGHistoryTests/Fixtures/collect/`), and
/// every instant stored is checked against its UTC value.
///
/// The fixtures are one export run at 2026-10-25T02:05:00Z, the night Europe/Berlin leaves summer
/// time (01:00Z; local 02:00-03:00 happens twice): the SQL `ExportedAt` and the task times are UTC
/// whatever `--source-tz` says, and `BGB_Statistics.TimeStamp` is Berlin local time.
@Suite("The collect script, as the README writes it")
struct CollectScriptCLITests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let script = root.appendingPathComponent("Scripts/collect.ps1")
    static let fixtures = root.appendingPathComponent("Tests/CMGHistoryTests/Fixtures/collect")

    /// The script's `& "$out\cmg-history.exe" ingest …` command (backtick continuations joined),
    /// as arguments: PowerShell's double-quoted words unquoted, `$out\` standing for `folder`.
    static func ingestArguments(of script: String, out folder: URL) throws -> [String] {
        var command = ""
        var continuing = false
        for rawLine in script.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if continuing || line.hasPrefix("& ") && line.contains("cmg-history.exe\" ingest") {
                continuing = line.hasSuffix("`")
                command += " " + (continuing ? String(line.dropLast()) : line)
                if !continuing { break }
            }
        }
        var words: [String] = []
        var word = ""
        var quoted = false
        var started = false
        for character in command {
            if character == "\"" {
                quoted.toggle()
                started = true
            } else if character == " " && !quoted {
                if started { words.append(word) }
                (word, started) = ("", false)
            } else {
                word.append(character)
                started = true
            }
        }
        if started { words.append(word) }
        try #require(words.count > 3 && words[0] == "&" && words[1] == "$out\\cmg-history.exe" && words[2] == "ingest",
                     "no `& \"$out\\cmg-history.exe\" ingest` line in the script: \(words)")
        return words.dropFirst(2).map { $0.replacingOccurrences(of: "$out\\", with: folder.path + "/").replacingOccurrences(of: "\\", with: "/") }
    }

    /// Every instant stored, one line per record, in UTC.
    static let everyInstant = """
        SELECT 'status ' || u(at) || ' ' || state_code FROM status_snapshot
        UNION ALL SELECT 'config ' || u(at) || ' ' || site || ' ' || region || ' ' || instances FROM gateway_config
        UNION ALL SELECT 'alerts ' || u(at) || ' ' || egress_threshold_bytes FROM alert_config
        UNION ALL SELECT 'storage ' || u(at) || ' ' || used_bytes FROM storage_sample
        UNION ALL SELECT 'reported_egress ' || u(at) || ' ' || last_14_days_bytes FROM reported_egress_sample
        UNION ALL SELECT 'connection_point ' || c.server || ' ' || u(s.at) || ' ' || s.status
            FROM connection_point_status s JOIN connection_point c ON c.id = s.connection_point_id
        UNION ALL SELECT 'online_clients ' || u(at) || ' ' || count FROM online_clients_sample
        UNION ALL SELECT 'by_network ' || u(at) || ' ' || internet_count || ' ' || intranet_count FROM online_clients_by_network
        UNION ALL SELECT 'operation ' || kind || ' ' || u(requested_at) || ' ' || ifnull(u(completed_at), '-') || ' ' || outcome FROM operation
        UNION ALL SELECT 'credential ' || kind || ' ' || subject || ' ' || u(not_before) || ' ' || u(expires_at) FROM credential
        ORDER BY 1;
        """.replacingOccurrences(of: #"u\(([a-z_.]+)\)"#, with: "strftime('%Y-%m-%dT%H:%M:%SZ', $1, 'unixepoch')", options: .regularExpression)

    static let expected = """
        alerts 2026-10-25T02:05:00Z 10000000000000
        by_network 2026-10-24T23:20:00Z 1610 11890
        by_network 2026-10-25T00:20:00Z 1570 11760
        by_network 2026-10-25T00:50:00Z 1551 11702
        by_network 2026-10-25T02:00:00Z 1530 11655
        config 2026-10-25T02:05:00Z PS1 WestEurope 2
        connection_point CMGCP1.contoso.com 2026-10-25T02:05:00Z 2
        connection_point CMGCP2.contoso.com 2026-10-25T02:05:00Z 1
        credential server_certificate CN=GraniteFalls.contoso.com, O=Contoso, C=US 2025-11-15T00:00:00Z 2026-11-15T00:00:00Z
        online_clients 2026-10-24T23:20:00Z 1450
        online_clients 2026-10-25T00:20:00Z 1402
        online_clients 2026-10-25T00:50:00Z 1388
        online_clients 2026-10-25T02:00:00Z 1371
        operation start 2026-10-25T00:30:00Z 2026-10-25T01:10:00Z succeeded
        operation stop 2026-10-24T23:40:00Z 2026-10-24T23:52:10Z succeeded
        operation upgrade 2026-10-25T01:50:00Z - in_progress
        reported_egress 2026-10-25T02:05:00Z 1834000000000
        status 2026-10-25T02:05:00Z 0
        storage 2026-10-25T02:05:00Z 1000000000

        """

    @Test(arguments: ["ps51", "ps7"])
    func theScriptsIngestLineStoresEveryInstantAtItsUTCValue(powerShell: String) throws {
        // Given the files the script exports, as this PowerShell writes them, in its $out folder
        let folder = try ScratchFolder()
        let source = Self.fixtures.appendingPathComponent(powerShell)
        for name in ["cmg.json", "tasks.csv", "cp.csv", "bgb.csv"] {
            try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: folder.url.appendingPathComponent(name))
        }
        let arguments = try Self.ingestArguments(of: try String(contentsOf: Self.script, encoding: .utf8), out: folder.url)
        #expect(arguments.contains("--source-tz") && arguments.contains("Europe/Berlin"))
        // When the script's ingest line runs, twice (the task runs every 15 minutes)
        let run = try CLIRunner.run(arguments, in: folder.url)
        let again = try CLIRunner.run(arguments, in: folder.url)
        // Then every file is read whole, and the times without a zone on the DST night are said
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.isEmpty, "\(run.stderr)")
        #expect(run.stdout.contains("cmg.json (azure-service): 6 inserted, 0 duplicates, 0 rejected, 1 secret fields dropped"), "\(run.stdout)")
        #expect(run.stdout.contains("tasks.csv (azure-service-task): 3 inserted, 0 duplicates, 0 rejected"), "\(run.stdout)")
        #expect(run.stdout.contains("cp.csv (proxy-connectors): 2 inserted, 0 duplicates, 0 rejected"), "\(run.stdout)")
        #expect(run.stdout.contains("bgb.csv (bgb-statistics): 8 inserted, 0 duplicates, 0 rejected"), "\(run.stdout)")
        #expect(run.stdout.contains("2 times without a zone fell in the hour Europe/Berlin repeats when DST ends"), "\(run.stdout)")
        #expect(again.status == 0 && !again.stdout.contains(" 1 inserted") && again.stdout.contains("0 inserted, 8 duplicates"), "\(again.stdout)")
        // And every instant stored is its UTC value
        let dump = try CLIRunner.run(["sqlite3", "cmg-history.sqlite", Self.everyInstant], in: folder.url,
                                     executable: URL(fileURLWithPath: "/usr/bin/env"))
        try #require(dump.status == 0, "needs the sqlite3 shell: \(dump.stderr)")
        #expect(dump.stdout == Self.expected)
        // And the management certificate (a private key) went nowhere
        let everything = try CLIRunner.run(["sqlite3", "cmg-history.sqlite", ".dump"], in: folder.url, executable: URL(fileURLWithPath: "/usr/bin/env"))
        #expect(everything.status == 0 && everything.stdout.contains("GraniteFalls.contoso.com"))
        #expect(!everything.stdout.contains("NOT-A-REAL-PRIVATE-KEY") && !run.stdout.contains("NOT-A-REAL-PRIVATE-KEY"))
    }

    @Test func theREADMEShowsTheScriptAsItIs() throws {
        // Given the README's Task Scheduler section and the script file
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        let script = try String(contentsOf: Self.script, encoding: .utf8)
        let section = try #require(readme.range(of: "### Schedule the export and the import (Task Scheduler)"))
        let rest = readme[section.upperBound...]
        let open = try #require(rest.range(of: "```powershell\n"))
        let close = try #require(rest[open.upperBound...].range(of: "```\n"))
        // Then its first PowerShell block is the script, byte for byte
        #expect(String(rest[open.upperBound..<close.lowerBound]) == script)
    }

    @Test func theIngestLineIsParsedWithItsQuotesAndContinuations() throws {
        let folder = URL(fileURLWithPath: "/tmp/out")
        let arguments = try Self.ingestArguments(of: """
            $x = 1
            & "$out\\cmg-history.exe" ingest --db "$out\\h.sqlite" --source-tz Europe/Berlin `
                "$out\\a b.json" `
                "$out\\c.csv"
            exit $LASTEXITCODE
            """, out: folder)
        #expect(arguments == ["ingest", "--db", "/tmp/out/h.sqlite", "--source-tz", "Europe/Berlin", "/tmp/out/a b.json", "/tmp/out/c.csv"])
    }
}
