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
