import Foundation
import Testing

/// `logs events` filters, and `db info` listing every table.
@Suite("cmg-history logs events and db info")
struct LogEventsCLITests {
    static let logs = LogsCLITests.cloudMgr + """
        Deployment instance status for service CedarRapids is ReadyRole.  $$<SMS_CLOUD_SERVICES_MANAGER><10-03-2026 01:00:00.000+240><thread=100 (0x64)>\r

        """

    static func database() throws -> ScratchFolder {
        let folder = try ScratchFolder()
        try folder.write("CloudMgr.log", Self.logs)
        let ingest = try CLIRunner.run(["ingest", "--db", "h.sqlite", "CloudMgr.log"], in: folder.url)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        return folder
    }

    static func events(_ arguments: [String], in folder: ScratchFolder) throws -> [[String: Any]] {
        let result = try CLIRunner.run(["logs", "events", "--db", "h.sqlite", "--format", "json"] + arguments, in: folder.url)
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
    }

    @Test func everyKindIsListedByDefaultAndEachFilterNarrowsIt() throws {
        // Given role-state events of two gateways and a failed maintenance task
        let folder = try Self.database()
        // When events are listed with no filter, then by kind, time, gateway and severity
        let all = try Self.events([], in: folder)
        let kinds = try Self.events(["--kind", "ROLE_INSTANCE_STATE"], in: folder)
        let early = try Self.events(["--from", "2026-10-02T00:00:00Z", "--to", "2026-10-03T00:00:00Z"], in: folder)
        let cedar = try Self.events(["--gateway", "cedarrapids"], in: folder)
        let errors = try Self.events(["--min-severity", "error", "--kind", "maintenance_task_failed", "--kind", "role_instance_state"], in: folder)
        // Then nothing is hidden by default (role-state noise included), and each filter keeps what it names
        #expect(all.count == 4)
        #expect(kinds.count == 2 && kinds.allSatisfy { $0["kind"] as? String == "role_instance_state" })
        #expect(early.count == 3)
        #expect(cedar.count == 1 && cedar.first?["gateway"] as? String == "CedarRapids")
        #expect(errors.map { $0["kind"] as? String } == ["maintenance_task_failed"])
        // And each event carries its entry with ISO 8601 times, its file and line
        let entry = try #require(all.first?["entry"] as? [String: Any])
        #expect(entry["utc"] as? String == "2026-10-02T05:00:00.000Z" && entry["local_time"] as? String == "2026-10-02T01:00:00.000")
        #expect(entry["source_path"] as? String == "CloudMgr.log" && entry["source_line"] as? Int == 1)
        #expect((all.first?["fields"] as? [String: String])?["state"] == "Ready")
        // And a bad filter is a usage error
        let bad = try CLIRunner.run(["logs", "events", "--db", "h.sqlite", "--min-severity", "loud"], in: folder.url)
        #expect(bad.status == 64 && bad.stderr.hasPrefix("error: --min-severity must be"))
    }

    @Test func dbInfoListsEveryTableLogTablesToo() throws {
        // Given a database with log entries
        let folder = try Self.database()
        // When db info is asked for, as a table and as JSON
        let text = try CLIRunner.run(["db", "info", "--db", "h.sqlite"], in: folder.url)
        let json = try CLIRunner.run(["db", "info", "--db", "h.sqlite", "--format", "json"], in: folder.url)
        // Then the log tables are listed with their rows, and the full-text index's own tables are not
        #expect(text.status == 0, "\(text.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let tables = try #require(object["tables"] as? [[String: Any]])
        let rows = Dictionary(uniqueKeysWithValues: tables.compactMap { t in (t["table"] as? String).map { ($0, t["rows"] as? Int ?? -1) } })
        #expect(rows["log_entry"] == 3 && rows["log_event"] == 4 && rows["log_file"] == 1)
        #expect(rows["gateway"] == 0 && rows["status_snapshot"] == 0)
        #expect(rows.keys.contains("log_entry_fts") && !rows.keys.contains { $0.hasPrefix("log_entry_fts_") })
        #expect(!rows.keys.contains("grdb_migrations") && !rows.keys.contains { $0.hasPrefix("sqlite_") })
        #expect(text.stdout.contains("  log_entry ") && text.stdout.contains("  log_event "))
        // And the history tables come first, in their order
        #expect(tables.first?["table"] as? String == "gateway")
    }
}
