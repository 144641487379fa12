import Foundation
import Testing

@Suite("cmg-history ingest: a log ingest stops on Ctrl-C or SIGTERM between chunks")
struct LogInterruptCLITests {
    static let entries = 120_000

    /// A CMTrace CloudMgr.log of `entries` one-line entries, about 200 bytes each.
    static func bigLog() -> String {
        var text = ""
        text.reserveCapacity(entries * 210)
        for i in 0..<entries {
            let second = i % 86_400
            let clock = String(format: "%02d:%02d:%02d.%03d", second / 3600, second / 60 % 60, second % 60, i % 1000)
            text += "<![LOG[Deployment instance status for service GraniteFalls is ReadyRole. n=\(i)]LOG]!>"
                + "<time=\"\(clock)+000\" date=\"10-\(String(format: "%02d", 1 + i / 86_400))-2026\" component=\"CloudMgr\" "
                + "context=\"\" type=\"1\" thread=\"1234\" file=\"x.cs:1\">\n"
        }
        return text
    }

    /// Today a log ingest ignored Ctrl-C: it read the whole file and exited 0.
    @Test(arguments: [(SIGINT, Int32(130)), (SIGTERM, Int32(143))])
    func aSignalStopsALogIngestWithWhatIsStoredAndARerunCompletesIt(signal: Int32, status: Int32) throws {
        // Given a large log file
        let folder = try ScratchFolder()
        try folder.write("CloudMgr.log", Self.bigLog())
        // When its ingest is sent the signal once it has begun to store
        let process = Process()
        process.executableURL = CLIRunner.binary
        process.arguments = ["ingest", "--db", "h.sqlite", "CloudMgr.log"]
        process.currentDirectoryURL = folder.url
        let err = Pipe()
        let out = Pipe()
        process.standardError = err
        process.standardOutput = out
        try process.run()
        let files = ["h.sqlite", "h.sqlite-wal"].map { folder.url.appendingPathComponent($0).path }
        func storedBytes() -> Int { files.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) } }
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning, Date() < deadline, storedBytes() < 1 << 20 { usleep(5_000) }
        #expect(process.isRunning, "the ingest finished before it could be interrupted; make the log larger")
        kill(process.processIdentifier, signal)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        // Then it exits with the signal's status, says what is stored and that re-running is safe
        #expect(process.terminationStatus == status, "\(stderr)")
        #expect(stderr.hasPrefix("Interrupted: CloudMgr.log: the entries through line "), "\(stderr)")
        #expect(stderr.contains("Running the same command again is safe"))
        let stored = try Self.logEntries(in: folder)
        #expect(stored > 0 && stored < Self.entries)
        #expect(stdout.hasPrefix("CloudMgr.log (log CloudMgr): \(Self.grouped(stored)) inserted, 0 duplicates"), "\(stdout)")
        // And a re-run reads on from there: every entry stored once
        let again = try CLIRunner.run(["ingest", "--db", "h.sqlite", "CloudMgr.log"], in: folder.url)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.hasPrefix("CloudMgr.log (log CloudMgr): \(Self.grouped(Self.entries - stored)) inserted, 0 duplicates"), "\(again.stdout)")
        #expect(try Self.logEntries(in: folder) == Self.entries)
    }

    static func grouped(_ n: Int) -> String {
        n.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US")))
    }

    /// Entries stored, checked to be stored once each (by their byte offset).
    static func logEntries(in folder: ScratchFolder) throws -> Int {
        let query = try CLIRunner.run(["-c", "sqlite3 h.sqlite 'SELECT count(*), count(DISTINCT offset) FROM log_entry'"],
                                      in: folder.url, executable: URL(fileURLWithPath: "/bin/sh"))
        let counts = query.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "|").compactMap { Int($0) }
        try #require(counts.count == 2, "needs the sqlite3 shell: \(query.stderr)")
        #expect(counts[0] == counts[1], "an entry stored twice")
        return counts[0]
    }
}
