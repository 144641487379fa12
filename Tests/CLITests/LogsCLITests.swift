import Foundation
import Testing

@Suite("cmg-history ingest and logs, for log files")
struct LogsCLITests {
    static let cloudMgr = """
        Deployment instance status for service GraniteFalls is ReadyRole.  $$<SMS_CLOUD_SERVICES_MANAGER><10-02-2026 01:00:00.000+240><thread=100 (0x64)>\r
        ERROR: TaskManager: Task [Deployment Maintenance for service GraniteFalls] has failed.  $$<SMS_CLOUD_SERVICES_MANAGER><10-02-2026 01:10:00.250+240><thread=100 (0x64)>\r

        """
    static let noZone = "<![LOG[no zone]LOG]!><time=\"13:59:35.6721099\" date=\"11-29-2022\" component=\"W\" context=\"\" type=\"1\" thread=\"1\" file=\"\">\r\n"

    @Test func aFolderIsWalkedAndEachLogSummarisedAndASecondRunStoresNothing() throws {
        // Given a Logs folder with a CMG log, an NDJSON export and a file ingest does not know
        let folder = try ScratchFolder()
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("Logs"), withIntermediateDirectories: true)
        try folder.write("Logs/CloudMgr.log", Self.cloudMgr)
        try folder.write("Logs/a.ndjson", CLITests.goodLines)
        try folder.write("Logs/readme.txt", "hello")
        // When the folder is ingested twice
        let first = try CLIRunner.run(["ingest", "Logs"], in: folder.url)
        let second = try CLIRunner.run(["ingest", "Logs"], in: folder.url)
        // Then NDJSON keeps its line, the log gets its own, and the second run stores nothing
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == """
            Logs/a.ndjson (ndjson): 3 inserted, 0 duplicates, 0 rejected
            Logs/CloudMgr.log (log CloudMgr): 2 inserted, 0 duplicates, 3 events
            1 file in folders skipped: neither NDJSON, a ConfigMgr export nor a CMG log (--include-all reads every .log)

            """)
        #expect(second.stdout.contains("Logs/CloudMgr.log (log CloudMgr): 0 inserted, 0 duplicates, 0 events"))
        #expect(second.stdout.contains("Logs/a.ndjson (ndjson): 0 inserted, 3 duplicates, 0 rejected"))
    }

    @Test func logsListPrintsOneJSONObjectPerEntryWithEveryField() throws {
        let folder = try ScratchFolder()
        try folder.write("CloudMgr.log", Self.cloudMgr)
        try folder.write("worker.log", Self.noZone)
        _ = try CLIRunner.run(["ingest", "CloudMgr.log", "worker.log"], in: folder.url)
        let result = try CLIRunner.run(["logs", "list", "--format", "json"], in: folder.url)
        #expect(result.status == 0, "\(result.stderr)")
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(objects.count == 3)
        let keys: Set = ["utc", "local_time", "bias_minutes", "zone_known", "severity", "component", "thread", "file",
                         "gateway", "message", "source_path", "source_line"]
        #expect(objects.allSatisfy { Set($0.keys) == keys })
        // The entry without a zone sorts by its local time (2022), flagged, with no UTC instant
        #expect(objects[0]["zone_known"] as? Bool == false && objects[0]["utc"] is NSNull)
        // ISO 8601 local time without an offset, whatever the line wrote (11-29-2022 13:59:35.6721099)
        #expect(objects[0]["local_time"] as? String == "2022-11-29T13:59:35.672")
        #expect(objects[1]["utc"] as? String == "2026-10-02T05:00:00.000Z")
        #expect(objects[1]["bias_minutes"] as? Int == 240 && objects[1]["source_line"] as? Int == 1)
        #expect(objects[2]["severity"] as? Int == 3 && objects[2]["source_line"] as? Int == 2)
        // Search and filters
        let search = try CLIRunner.run(["logs", "search", "Maintenance", "--min-severity", "error"], in: folder.url)
        #expect(search.status == 0)
        #expect(search.stdout.contains("2026-10-02T05:10:00.250Z  error"))
        #expect(!search.stdout.contains("ReadyRole"))
        let table = try CLIRunner.run(["logs", "list", "--to", "2023-01-01T00:00:00Z"], in: folder.url)
        #expect(table.stdout.contains("local?"))
    }

    @Test func aBadRuleFileIsOneErrorLineNamingTheLine() throws {
        let folder = try ScratchFolder()
        try folder.write("CloudMgr.log", Self.cloudMgr)
        try folder.write("my.rules", "[x]\nkind = y\nmatch = (\n")
        let result = try CLIRunner.run(["ingest", "--rules", "my.rules", "CloudMgr.log"], in: folder.url)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("error: my.rules:3: match \"(\" is not a valid regular expression"))
    }
}
