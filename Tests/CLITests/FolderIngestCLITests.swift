import Foundation
import Testing

@Suite("cmg-history ingest of a folder: NDJSON, exports and logs together")
struct FolderIngestCLITests {
    /// Rows per table (`db info`) and log entries (`logs list`): what a second import must leave alone.
    func tableRows(_ folder: ScratchFolder) throws -> [String: Int] {
        let info = try CLIRunner.run(["db", "info", "--format", "json"], in: folder.url)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(info.stdout.utf8)) as? [String: Any])
        let tables = try #require(object["tables"] as? [[String: Any]])
        var rows = Dictionary(uniqueKeysWithValues: tables.compactMap { t in (t["table"] as? String).map { ($0, t["rows"] as? Int ?? -1) } })
        let entries = try CLIRunner.run(["logs", "list", "--format", "json"], in: folder.url)
        rows["log entries"] = (try JSONSerialization.jsonObject(with: Data(entries.stdout.utf8)) as? [Any])?.count ?? -1
        return rows
    }

    @Test func aFolderTakesNDJSONExportsAndLogsByContentAndASecondRunStoresNothing() throws {
        // Given the folder a scheduled export writes: NDJSON, a PowerShell 5.1 JSON export
        // (UTF-16LE, as Out-File writes it) under a name that says nothing, a BGB_Statistics CSV,
        // a CMG log in a subfolder, and a file in no known format
        let folder = try ScratchFolder()
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("CMGHistory/Logs"), withIntermediateDirectories: true)
        try folder.write("CMGHistory/a.ndjson", CLITests.goodLines)
        let utf16 = Data([0xFF, 0xFE]) + (ExportCLITests.serviceJSON.data(using: .utf16LittleEndian) ?? Data())
        try utf16.write(to: folder.url.appendingPathComponent("CMGHistory/cmg.txt"))
        try folder.write("CMGHistory/bgb.csv", "TimeStamp,CMGOnlineClients,InternetOnlineClients,IntranetOnlineClients\n2026-10-01T08:00:00,10,20,30\n")
        try folder.write("CMGHistory/Logs/CloudMgr.log", LogsCLITests.cloudMgr)
        try folder.write("CMGHistory/notes.txt", "collected by collect.ps1\n")

        // When the folder is ingested
        let first = try CLIRunner.run(["ingest", "CMGHistory"], in: folder.url)

        // Then each file is read as when named, gateway definitions first, and the stranger is counted
        #expect(first.status == 0, "\(first.stderr)")
        let lines = first.stdout.split(separator: "\n").filter { !$0.hasPrefix("  ") }
        #expect(lines == [
            "CMGHistory/a.ndjson (ndjson): 3 inserted, 0 duplicates, 0 rejected",
            "CMGHistory/cmg.txt (azure-service): 3 inserted, 0 duplicates, 0 rejected, 1 secret fields dropped",
            "CMGHistory/bgb.csv (bgb-statistics): 2 inserted, 0 duplicates, 0 rejected",
            "CMGHistory/Logs/CloudMgr.log (log CloudMgr): 2 inserted, 0 duplicates, 3 events",
            "1 file in folders skipped: neither NDJSON, a ConfigMgr export nor a CMG log (--include-all reads every .log)",
        ], "\(first.stdout)")
        let stored = try tableRows(folder)
        #expect(stored["online_clients_sample"] == 2 && stored["log entries"] == 2, "\(stored)")

        // And a second run over the same folder stores nothing
        let second = try CLIRunner.run(["ingest", "CMGHistory"], in: folder.url)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("CMGHistory/a.ndjson (ndjson): 0 inserted, 3 duplicates"))
        #expect(second.stdout.contains("CMGHistory/cmg.txt (azure-service): 0 inserted, 3 duplicates"))
        #expect(second.stdout.contains("CMGHistory/bgb.csv (bgb-statistics): 0 inserted, 2 duplicates"))
        #expect(second.stdout.contains("CMGHistory/Logs/CloudMgr.log (log CloudMgr): 0 inserted, 0 duplicates, 0 events"))
        #expect(try tableRows(folder) == stored)
    }
}
