import Foundation
import GRDB
import Testing
@testable import CMGHistory

@Suite("Log ingest: incremental, idempotent, rules and traffic")
struct LogIngestTests {
    /// A frozen clock: files written by the test are minutes old, never settled.
    static let now: UnixSeconds = Int64(Date().timeIntervalSince1970)

    static func entry(_ n: Int, bias: String = "+0") -> String {
        "<![LOG[entry \(n)]LOG]!><time=\"10:\(String(format: "%02d", n / 60 % 60)):\(String(format: "%02d", n % 60)).000\(bias)\" date=\"10-01-2026\" component=\"CloudMgr\" context=\"\" type=\"1\" thread=\"1\" file=\"\">\r\n"
    }

    static func entries(_ range: Range<Int>) -> String { range.map { entry($0) }.joined() }

    func ingest(_ path: String, _ store: HistoryStore, now: UnixSeconds = now, rules: LogRuleSet? = nil) throws -> LogIngestSummary {
        try LogIngester(store: store, rules: rules ?? LogRuleSet.defaults(), now: now).ingestFile(at: path)
    }

    /// Every stored message, in time order (through the store's log listing, on any backend).
    func messages(_ store: HistoryStore) throws -> [String] {
        var all = LogEntryFilter()
        all.limit = 1_000_000
        return try store.logEntries(all).map(\.entry.message)
    }

    func append(_ path: String, _ text: String) throws {
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }

    @Test(arguments: ConformanceBackend.allCases)
    func appendedEntriesAreReadOnceAndAHalfWrittenEntryWaits(_ backend: ConformanceBackend) throws {
        // Given a log ingested once
        let folder = try TemporaryFolder()
        let store = try backend.makeStore(in: folder)
        let path = try folder.write("CloudMgr.log", Self.entries(0..<50))
        let first = try ingest(path, store)
        #expect(first.counts.inserted == 50 && first.bytesHeldBack == 0)
        // When entries are appended, the last one half written
        let half = Self.entry(52)
        try append(path, Self.entries(50..<52) + half.prefix(40))
        let second = try ingest(path, store)
        // Then only the new whole entries are read, and the half one waits
        #expect(second.resumed)
        #expect(second.counts.inserted == 2 && second.counts.duplicates == 0)
        #expect(second.bytesHeldBack == 2 + 40)  // the line break before it, and its first 40 bytes
        // When the writer finishes it
        try append(path, String(half.dropFirst(40)))
        let third = try ingest(path, store)
        // Then it is stored whole, once
        #expect(third.counts.inserted == 1 && third.counts.duplicates == 0)
        #expect(try messages(store) == (0..<53).map { "entry \($0)" })
        // And a run with nothing new stores nothing and reads nothing
        let fourth = try ingest(path, store)
        #expect(fourth.counts.inserted == 0 && fourth.bytesRead == 0)
    }

    @Test(arguments: ConformanceBackend.allCases)
    func aRolloverIsRecognisedAndTheNewLogReadFromItsStart(_ backend: ConformanceBackend) throws {
        // Given CloudMgr.log ingested, then written to further and rolled over to CloudMgr.lo_
        let folder = try TemporaryFolder()
        let store = try backend.makeStore(in: folder)
        let log = try folder.write("CloudMgr.log", Self.entries(0..<100))
        _ = try ingest(log, store)
        try append(log, Self.entries(100..<120))
        try FileManager.default.moveItem(atPath: log, toPath: folder.path("CloudMgr.lo_"))
        try folder.write("CloudMgr.log", Self.entries(120..<130))
        // When the folder is ingested (the .lo_ first)
        let plan = try IngestPlan.make(paths: [folder.url.path], includeAllLogs: false)
        #expect(plan.items.map { ($0.path as NSString).lastPathComponent } == ["CloudMgr.lo_", "CloudMgr.log"])
        let ingester = LogIngester(store: store, rules: try .defaults(), now: Self.now)
        let rolled = try ingester.ingestFile(at: plan.items[0].path)
        let fresh = try ingester.ingestFile(at: plan.items[1].path)
        // Then the .lo_ gives only what was appended before the rollover, the new log all of its own
        #expect(rolled.resumed && rolled.counts.inserted == 20 && rolled.counts.duplicates == 0)
        #expect(!fresh.resumed && fresh.counts.inserted == 10)
        #expect(try messages(store) == (0..<130).map { "entry \($0)" })
        // And ingesting the folder again stores nothing
        for item in plan.items { #expect(try ingester.ingestFile(at: item.path).counts.inserted == 0) }
    }

    @Test(arguments: ConformanceBackend.allCases)
    func theSameContentUnderTwoNamesIsStoredOnce(_ backend: ConformanceBackend) throws {
        let folder = try TemporaryFolder()
        let store = try backend.makeStore(in: folder)
        let a = try folder.write("CloudMgr.log", Self.entries(0..<40))
        let b = try folder.write("CloudMgr-copy.log", Self.entries(0..<45))
        #expect(try ingest(a, store).counts.inserted == 40)
        // The copy holds the same first 40 entries and 5 more: only the 5 are new
        let copy = try ingest(b, store)
        #expect(copy.counts.inserted == 5 && copy.resumed)
        #expect(try messages(store).count == 45)
    }

    @Test(arguments: ConformanceBackend.allCases)
    func aRewrittenFileIsReadAgainAsNewContent(_ backend: ConformanceBackend) throws {
        let folder = try TemporaryFolder()
        let store = try backend.makeStore(in: folder)
        let path = try folder.write("CloudMgr.log", Self.entries(0..<30))
        _ = try ingest(path, store)
        // Rewritten with other content, shorter than before
        try folder.write("CloudMgr.log", Self.entries(500..<505))
        let again = try ingest(path, store)
        #expect(!again.resumed && again.counts.inserted == 5)
        #expect(try messages(store).count == 35)
        // A file rewritten with its first 4 KB unchanged but shorter than the offset reached is
        // read again from the start, and what it still holds is not stored twice
        try folder.write("CloudMgr.log", Self.entries(500..<560))
        #expect(try ingest(path, store).counts.inserted == 55)
        try folder.write("CloudMgr.log", Self.entries(500..<540))
        let truncated = try ingest(path, store)
        #expect(truncated.counts.inserted == 0 && truncated.counts.duplicates == 40)
    }

    @Test func aSettledFileGivesUpItsUnfinishedTailAsPlainText() throws {
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let path = try folder.write("other.log", Self.entries(0..<3) + "a last line with no marker")
        // The clock as the file was written, not as the suite began: a loaded run may reach this
        // test minutes later, and the file's age is what decides.
        let written = Int64(Date().timeIntervalSince1970)
        let young = try ingest(path, store, now: written)
        #expect(young.counts.inserted == 3 && young.bytesHeldBack > 0)
        let settled = try ingest(path, store, now: written + LogIngester.settledAfterSeconds + 60)
        #expect(settled.counts.inserted == 1 && settled.bytesHeldBack == 0)
        let plain = try store.read { db in try Row.fetchOne(db, sql: "SELECT format, utc_ms, message FROM log_entry ORDER BY offset DESC LIMIT 1") }
        #expect(plain?["format"] == "plain")
        #expect(plain?["message"] == "a last line with no marker")
        // It continues the entry before it, which the earlier run stored
        #expect(plain?["utc_ms"] as Int64? == LogParser.entries(in: Array(Self.entry(2).utf8)).first?.time?.utcMilliseconds)
    }

    @Test func cmgServiceStatisticsBecomeTrafficSamplesOfTheNamedGateway() throws {
        // Given a gateway already known by its full name, and its CMGService.log
        let folder = try TemporaryFolder()
        let store = try folder.store()
        try importNDJSON(#"{"type":"gateway","gateway":"GraniteFalls.contoso.com","at":"2026-09-01T00:00:00Z"}"#, into: store, folder: folder)
        let fixture = try #require(Bundle.module.url(forResource: "Fixtures/logs/CMG-GraniteFalls-ProxyService_IN_0-CMGService", withExtension: "log"))
        let path = folder.path("CMG-GraniteFalls-ProxyService_IN_0-CMGService.log")
        try FileManager.default.copyItem(atPath: fixture.path, toPath: path)
        // When it is ingested twice
        let summary = try ingest(path, store)
        _ = try ingest(path, store)
        // Then each statistics line is one sample of that gateway, through the endpoint_traffic view
        #expect(summary.counts.inserted == 3 && summary.counts.trafficSamples == 2)
        try store.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT g.name, t.* FROM endpoint_traffic t JOIN gateway g ON g.id = t.gateway_id ORDER BY t.endpoint
                """)
            #expect(rows.count == 2)
            #expect(rows.allSatisfy { $0["name"] == "GraniteFalls.contoso.com" })
            #expect(rows[0]["endpoint"] == "/CCM_PROXY_MUTUALAUTH/72057594037938216/SMS_MP")
            #expect(rows[0]["response_count"] as Int64 == 11 && rows[0]["response_bytes"] as Int64 == 99000)
            #expect(rows[1]["request_count"] as Int64 == 769 && rows[1]["request_bytes"] as Int64 == 1_081_595)
            #expect(rows[1]["at"] as Int64 == Timestamp.parse("2026-10-01T10:05:00Z") && rows[1]["interval_s"] as Int64 == 300)
            #expect(try String.fetchAll(db, sql: "SELECT instance FROM log_file") == ["ProxyService_IN_0"])
        }
        let listed = try store.logEntries({ var f = LogEntryFilter(); f.gateway = "GraniteFalls"; return f }())
        #expect(listed.count == 3 && listed.allSatisfy { $0.gateway == "GraniteFalls.contoso.com" })
    }

    @Test(arguments: ConformanceBackend.allCases)
    func defaultRulesMakeEventsLinkedToTheirEntriesAndReclassifyIsIdempotent(_ backend: ConformanceBackend) throws {
        let folder = try TemporaryFolder()
        let store = try backend.makeStore(in: folder)
        let fixture = try #require(Bundle.module.url(forResource: "Fixtures/logs/CloudMgr", withExtension: "log"))
        let path = folder.path("CloudMgr.log")
        try FileManager.default.copyItem(atPath: fixture.path, toPath: path)
        // When CloudMgr.log is ingested with the default rules
        let summary = try ingest(path, store)
        // Then each shape makes its event, linked to its entry
        let events = try store.logEvents()
        // (server-format lines are errors when they say so: only the [CCMHTTP] ERROR line is)
        #expect(events.map(\.rule) == ["role_instance_state", "role_instance_state", "maintenance_task_faulted",
                                       "maintenance_task_retry", "certificate_expired",
                                       "proxy_client_certificate_required", "error", "proxy_invalid_token"])
        #expect(summary.counts.events == events.count)
        #expect(events[0].fields == #"{"gateway":"GraniteFalls","state":"Busy"}"# && events[0].gateway == "GraniteFalls")
        #expect(events[1].fields == #"{"gateway":"GraniteFalls","state":"Restarting"}"#)
        #expect(events[2].fields == #"{"gateway":"GraniteFalls","task":"Deployment Maintenance"}"#)
        #expect(events[2].severity == .error && events[3].severity == .warning)
        #expect(events[0].entry.time?.utcMilliseconds == (Timestamp.parse("2026-10-02T05:00:00Z") ?? 0) * 1000)
        // And reclassifying changes nothing; with a user rule added it adds only that rule's events
        let again = try store.reclassifyLogs(rules: try .defaults())
        #expect(again.added == 0 && again.updated == 0 && again.removed == 0 && again.unchanged == events.count)
        var extended = try LogRuleSet.defaults()
        extended.merge(try LogRuleSet.parse("[busy]\nkind = busy_role\nseverity = warning\ncontains = BusyRole\n", source: "mine.rules"))
        let withMine = try store.reclassifyLogs(rules: extended)
        #expect(withMine.added == 1 && withMine.removed == 0)
        #expect(try store.reclassifyLogs(rules: extended).added == 0)
        // Dropping the user rule removes its event again
        #expect(try store.reclassifyLogs(rules: try .defaults()).removed == 1)
    }

    @Test(arguments: [
        ("[a]\nkind = x\n", 1, "match"),
        ("[a]\nkind = x\nmatch = (unclosed\n", 3, "match"),
        ("kind = x\n", 1, "kind"),
        ("[a]\nkind = x\ncolour = red\ncontains = y\n", 3, "colour"),
        ("[a]\nkind = x\nseverity = loud\n", 3, "severity"),
    ])
    func ruleFileErrorsNameTheLineAndField(text: String, line: Int, field: String) {
        #expect(throws: LogRuleError.self) { try LogRuleSet.parse(text, source: "r.rules") }
        do {
            _ = try LogRuleSet.parse(text, source: "r.rules")
        } catch {
            #expect(error.line == line && error.field == field && error.file == "r.rules", "\(error)")
        }
    }

    @Test(arguments: ConformanceBackend.allCases)
    func searchFindsWordsAndListFiltersBySeverityAndTime(_ backend: ConformanceBackend) throws {
        let folder = try TemporaryFolder()
        let store = try backend.makeStore(in: folder)
        let fixture = try #require(Bundle.module.url(forResource: "Fixtures/logs/server-format", withExtension: "log"))
        _ = try ingest(fixture.path, store)
        var search = LogEntryFilter()
        search.text = "frame two"
        #expect(try store.logEntries(search).map(\.entry.line) == [2])
        search.text = "(403)"
        #expect(try store.logEntries(search).isEmpty)
        var errors = LogEntryFilter()
        errors.minimumSeverity = .error
        #expect(try store.logEntries(errors).count == 1)
        var window = LogEntryFilter()
        window.fromMilliseconds = (Timestamp.parse("2026-10-01T08:00:00Z") ?? 0) * 1000
        window.toMilliseconds = (Timestamp.parse("2026-10-01T12:00:00Z") ?? 0) * 1000
        #expect(try store.logEntries(window).map(\.entry.message) == ["one", "two"])
    }

    @Test func foldersTakeKnownLogsAndNDJSONAndAllLogsOnlyWhenAsked() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try folder.write("CloudMgr.log", Self.entries(0..<1))
        try folder.write("sub/CMG-G-ProxyService_IN_0-CMGService.lo_", Self.entries(0..<1))
        try folder.write("ccmsetup.log", Self.entries(0..<1))
        try folder.write("export.ndjson", "{}\n")
        try folder.write("notes.txt", "hello\n")
        let names = { (plan: IngestPlan) in plan.items.map { "\(($0.path as NSString).lastPathComponent):\($0.format)" } }
        let plain = try IngestPlan.make(paths: [folder.url.path], includeAllLogs: false)
        #expect(names(plain) == ["CloudMgr.log:log", "export.ndjson:ndjson", "CMG-G-ProxyService_IN_0-CMGService.lo_:log"])
        #expect(plain.skipped.count == 2)
        let all = try IngestPlan.make(paths: [folder.url.path], includeAllLogs: true)
        #expect(names(all).contains("ccmsetup.log:log"))
        // A file named explicitly is always read, by content
        let explicit = try IngestPlan.make(paths: [folder.path("notes.txt"), folder.path("ccmsetup.log")], includeAllLogs: false)
        #expect(names(explicit) == ["notes.txt:ndjson", "ccmsetup.log:log"])
    }
}
