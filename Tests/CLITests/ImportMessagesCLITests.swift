import Foundation
import Testing

@Suite("cmg-history ingest: conflicts, UTF-16 input and Ctrl-C say what happened")
struct ImportMessagesCLITests {
    @Test func aConflictIsNamedOnStandardErrorCountedAndExitsOne() throws {
        // Given a file with Ready then Error for one gateway at one instant
        let folder = try ScratchFolder()
        try folder.write("status.ndjson", """
            {"type":"status","gateway":"G1","at":"2026-10-01T00:05:00Z","state":"Ready","state_code":0}
            {"type":"status","gateway":"G1","at":"2026-10-01T00:05:00Z","state":"Error","state_code":2}
            """)
        // When it is ingested
        let result = try CLIRunner.run(["ingest", "--db", "h.sqlite", "status.ndjson"], in: folder.url)
        // Then the second line is a conflict, on standard error and in the counts, and the exit status is 1
        #expect(result.status == 1)
        #expect(result.stdout == "status.ndjson (ndjson): 1 inserted, 0 duplicates, 0 rejected, 1 conflicts\n")
        #expect(result.stderr == #"status.ndjson:2: conflicts with the stored record (state: stored "Ready", here "Error"; state_code: stored 0, here 2): kept the stored one"# + "\n")
    }

    @Test func credentialAddWithOtherDatesForARecordedSecretIsAConflict() throws {
        // Given an app secret recorded with its renewal time
        let folder = try ScratchFolder()
        let add = ["credential", "add", "--db", "h.sqlite", "--gateway", "G1", "--create-gateway", "--kind", "app_secret", "--name", "CMG-ServerApp",
                   "--expires", "2027-06-01T00:00:00Z", "--renewed"]
        let first = try CLIRunner.run(add + ["2026-05-20T09:30:00Z"], in: folder.url)
        // When the same secret and expiry are added with another renewal time
        let other = try CLIRunner.run(add + ["2026-05-21T09:30:00Z"], in: folder.url)
        // Then the recorded one is kept, the conflict is named, and the exit status is 1
        #expect(first.status == 0, "\(first.stderr)")
        #expect(other.status == 1)
        #expect(other.stderr.contains("credential add:1: conflicts with the stored record "
                                      + "(renewed_at: stored 2026-05-20T09:30:00Z, here 2026-05-21T09:30:00Z): kept the stored one"), "\(other.stderr)")
        #expect(other.stdout.contains("is recorded with other dates; the recorded one is kept."))
    }

    @Test(arguments: [("UTF-16LE", [UInt8]([0xFF, 0xFE])), ("UTF-16BE", [UInt8]([0xFE, 0xFF]))])
    func ndjsonWrittenAsUTF16ByWindowsPowerShellIsRead(_ encoding: String, _ bom: [UInt8]) throws {
        // Given NDJSON as Windows PowerShell 5.1's Out-File writes it: UTF-16 with a BOM and CRLF
        let folder = try ScratchFolder()
        let text = CLITests.goodLines.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n"
            + #"{"type":"online_clients","gateway":"Grün","at":"2026-10-01T00:10:00Z","count":7}"# + "\r\n"
        var bytes = bom
        for unit in text.utf16 { bytes += encoding == "UTF-16LE" ? [UInt8(unit & 0xFF), UInt8(unit >> 8)] : [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
        try Data(bytes).write(to: folder.url.appendingPathComponent("ps51.ndjson"))
        // When it is ingested
        let result = try CLIRunner.run(["ingest", "--db", "h.sqlite", "ps51.ndjson"], in: folder.url)
        // Then every line is stored, and the summary says how the file was read
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "ps51.ndjson (ndjson): 4 inserted, 0 duplicates, 0 rejected\n  read as \(encoding)\n")
        let info = try CLIRunner.run(["db", "info", "--db", "h.sqlite"], in: folder.url)
        #expect(info.stdout.contains("Grün"), "\(info.stdout)")
    }

    @Test func ctrlCStopsBetweenBatchesSaysWhatIsStoredAndARerunCompletes() throws {
        // Given a large NDJSON file
        let folder = try ScratchFolder()
        let lines = 600_000
        var text = ""
        text.reserveCapacity(lines * 80)
        let days = (0...(lines / 4 / 1440)).map { Self.day(1_790_812_800 + $0 * 86_400) }
        for i in 0..<lines {
            let minute = i / 4
            let clock = String(format: "%02d:%02d", minute / 60 % 24, minute % 60)
            text += #"{"type":"online_clients","gateway":"G\#(i % 4)","at":"\#(days[minute / 1440])T\#(clock):00Z","count":\#(i % 1000)}"# + "\n"
        }
        try folder.write("big.ndjson", text)
        // When an ingest is sent SIGINT once it has begun to store
        let process = Process()
        process.executableURL = CLIRunner.binary
        process.arguments = ["ingest", "--db", "h.sqlite", "big.ndjson"]
        process.currentDirectoryURL = folder.url
        let err = Pipe()
        process.standardError = err
        process.standardOutput = Pipe()
        try process.run()
        // A megabyte in the database and its log: the schema is written and batches are committing.
        let files = ["h.sqlite", "h.sqlite-wal"].map { folder.url.appendingPathComponent($0).path }
        func storedBytes() -> Int { files.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) } }
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning, Date() < deadline, storedBytes() < 1 << 20 { usleep(5_000) }
        #expect(process.isRunning, "the import finished before it could be interrupted; make the file larger")
        kill(process.processIdentifier, SIGINT)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        // Then it exits 130 and says what it stored and that re-running is safe
        #expect(process.terminationStatus == 130)
        #expect(stderr.hasPrefix("Interrupted: big.ndjson: lines 1-"), "\(stderr)")
        #expect(stderr.contains("Running the same command again is safe"))
        let stored = try Self.count(in: folder)
        #expect(stored > 0 && stored < lines)
        // And a re-run stores the rest, counting what was stored as duplicates
        let again = try CLIRunner.run(["ingest", "--db", "h.sqlite", "big.ndjson"], in: folder.url)
        #expect(again.status == 0, "\(again.stderr)")
        let grouped = { (n: Int) in n.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US"))) }
        #expect(again.stdout == "big.ndjson (ndjson): \(grouped(lines - stored)) inserted, \(grouped(stored)) duplicates, 0 rejected\n")
        #expect(try Self.count(in: folder) == lines)
    }

    private static func count(in folder: ScratchFolder) throws -> Int {
        let info = try CLIRunner.run(["db", "info", "--db", "h.sqlite", "--format", "json"], in: folder.url)
        guard let data = info.stdout.data(using: .utf8),
              let json = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let tables = json["tables"] as? [[String: Any]],
              let row = tables.first(where: { $0["table"] as? String == "online_clients_sample" }),
              let rows = row["rows"] as? Int
        else { throw CocoaError(.coderReadCorrupt, userInfo: [NSDebugDescriptionErrorKey: info.stdout + info.stderr]) }
        return rows
    }

    /// `2026-10-01` for an instant in that UTC day.
    private static func day(_ seconds: Int) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withFullDate]
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
}
