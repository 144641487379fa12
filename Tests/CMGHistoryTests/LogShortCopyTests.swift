import Foundation
import GRDB
import Testing
@testable import CMGHistory

@Suite("Log files: a copy shorter than 4 KB, read after the full file, stores nothing twice")
struct LogShortCopyTests {
    static let now: UnixSeconds = Int64(Date().timeIntervalSince1970)

    static func ingest(_ path: String, _ store: HistoryStore) throws -> LogIngestSummary {
        try LogIngester(store: store, rules: LogRuleSet.defaults(), now: now).ingestFile(at: path)
    }

    static func entryCount(_ store: HistoryStore) throws -> Int {
        try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM log_entry") } ?? 0
    }

    @Test(arguments: [0, 37])  // a copy ending at a line end, and one cut inside its last entry
    func aShorterCopyOfALogAlreadyReadAddsNoEntries(cutInside: Int) throws {
        // Given a 6 KB CloudMgr.log, ingested
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let full = LogIngestTests.entries(0..<40)
        let path = try folder.write("CloudMgr.log", full)
        #expect(try Self.ingest(path, store).counts.inserted == 40)
        // When a copy of its first 20 entries (3 KB), made while it was shorter, is ingested
        let lines = LogIngestTests.entries(0..<20)
        try FileManager.default.createDirectory(atPath: folder.path("copy"), withIntermediateDirectories: true)
        let copy = try folder.write("copy/CloudMgr.log", lines + String(LogIngestTests.entry(20).prefix(cutInside)))
        #expect(lines.utf8.count < LogFileHead.identifyingLength)
        let summary = try Self.ingest(copy, store)
        // Then it is recognised as content already read: nothing is stored again
        #expect(summary.counts.inserted == 0 && summary.resumed)
        #expect(try Self.entryCount(store) == 40)
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM log_file") } == 1)
        // And the full file, read again, is still known where it was left
        let again = try Self.ingest(path, store)
        #expect(again.bytesRead == 0 && again.counts.inserted == 0)
    }

    @Test func aShortLogThatIsNotACopyIsStillReadAsItsOwn() throws {
        // Given a full log ingested, and another short log whose first lines differ
        let folder = try TemporaryFolder()
        let store = try folder.store()
        _ = try Self.ingest(try folder.write("CloudMgr.log", LogIngestTests.entries(0..<40)), store)
        try FileManager.default.createDirectory(atPath: folder.path("other"), withIntermediateDirectories: true)
        let other = try folder.write("other/CloudMgr.log", LogIngestTests.entries(100..<110))
        // When it is ingested
        let summary = try Self.ingest(other, store)
        // Then its entries are stored
        #expect(summary.counts.inserted == 10 && !summary.resumed)
        #expect(try Self.entryCount(store) == 50)
    }
}

@Suite("CMGService.log statistics of each VM instance are that instance's own")
struct LogTrafficInstanceTests {
    @Test func anotherInstancesFiguresForTheSameInstantAreStoredBesideTheFirst() throws {
        // Given a gateway and its CMGService.log from instance 0, ingested
        let folder = try TemporaryFolder()
        let store = try folder.store()
        try importNDJSON(#"{"type":"gateway","gateway":"GraniteFalls.contoso.com","at":"2026-09-01T00:00:00Z"}"#, into: store, folder: folder)
        let fixture = try #require(Bundle.module.url(forResource: "Fixtures/logs/CMG-GraniteFalls-ProxyService_IN_0-CMGService", withExtension: "log"))
        let text = try String(contentsOf: fixture, encoding: .utf8)
        let first = try folder.write("CMG-GraniteFalls-ProxyService_IN_0-CMGService.log", text)
        _ = try LogShortCopyTests.ingest(first, store)
        // When instance 1's log reports its own figures for the same endpoints in the same second
        let second = try folder.write("CMG-GraniteFalls-ProxyService_IN_1-CMGService.log",
                                      text.replacingOccurrences(of: "RequestCount: 769", with: "RequestCount: 770"))
        let summary = try LogShortCopyTests.ingest(second, store)
        _ = try LogShortCopyTests.ingest(second, store)
        // Then they are samples of that instance (no conflict, nothing lost), once, and the gateway's traffic is the sum
        #expect(summary.counts.trafficConflicts == 0 && summary.counts.trafficSamples == 2)
        #expect(try store.read { try Int64.fetchAll($0, sql: "SELECT request_count FROM endpoint_traffic WHERE endpoint LIKE '%CCM_STS on %' ORDER BY endpoint") }
                == [769, 770])
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM endpoint_traffic") } == 4)
    }
}
