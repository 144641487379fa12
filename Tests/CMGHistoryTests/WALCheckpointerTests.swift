import Foundation
import GRDB
import GRDBSQLite
import Testing
@testable import CMGHistory

/// Checkpoints on a second connection while bulk writers commit: the writer stops checkpointing
/// while any of them runs and starts again after the last, and the log stays bounded.
@Suite("WAL checkpointer: a second connection copies the log while bulk writers commit")
struct WALCheckpointerTests {
    func writerAutocheckpoint(_ store: HistoryStore) throws -> Int32 {
        try store.writer.writeWithoutTransaction { Int32(try Int.fetchOne($0, sql: "PRAGMA wal_autocheckpoint") ?? -1) }
    }

    func walBytes(_ store: HistoryStore) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: store.path + "-wal"))?[.size] as? Int) ?? 0
    }

    /// Commits `count` transactions of about 50 pages each.
    func commit(_ count: Int, to store: HistoryStore) throws {
        try store.writer.write { try $0.execute(sql: "CREATE TABLE IF NOT EXISTS filler(bytes BLOB NOT NULL)") }
        for _ in 0..<count {
            try store.writer.write { try $0.execute(sql: "INSERT INTO filler VALUES (randomblob(200000))") }
        }
    }

    func fillerRows(_ store: HistoryStore) throws -> Int {
        try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM filler") ?? 0 }
    }

    @Test func theWriterStopsCheckpointingUntilTheLastBulkWriterEnds() throws {
        // Given a store, whose writer checkpoints every 1,000 pages
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let checkpointer = try #require(store.walCheckpointer)
        #expect(try writerAutocheckpoint(store) == WALCheckpointer.writerAutocheckpointPages)
        // When two bulk writers begin, and the first one ends
        #expect(checkpointer.begin())
        #expect(checkpointer.begin())
        #expect(try writerAutocheckpoint(store) == 0)
        try commit(5, to: store)
        checkpointer.end()
        // Then the second connection still checkpoints
        #expect(try writerAutocheckpoint(store) == 0)
        try commit(5, to: store)
        // And once the last one ends, the writer checkpoints by itself again
        checkpointer.end()
        #expect(try writerAutocheckpoint(store) == WALCheckpointer.writerAutocheckpointPages)
        // And the log was free for the caller's own checkpoint, which copied everything
        try store.checkpoint()
        #expect(walBytes(store) == 0)
        #expect(try fillerRows(store) == 10)
    }

    @Test func theLogStartsOverOnceItPassesItsBound() throws {
        // Given a checkpointer that lets the log grow to 100 pages (400 KB)
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let checkpointer = WALCheckpointer(writer: try #require(store.writer as? DatabasePool), path: store.path, restartAfterPages: 100)
        #expect(checkpointer.begin())
        // When 40 transactions of about 200 KB each are committed (8 MB)
        try commit(40, to: store)
        checkpointer.end()
        // Then the log never grew much past its bound: it started over, instead of holding them all
        #expect(walBytes(store) > 0)
        #expect(walBytes(store) < 2_000_000)
        #expect(try fillerRows(store) == 40)
    }

    @Test func aCheckpointRightAfterAnIngestFindsTheLogFree() throws {
        // Given a log ingested in many small batches, its ingester still alive
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let path = try folder.write("CloudMgr.log", LogIngestTests.entries(0..<2000))
        let ingester = LogIngester(store: store, rules: try .defaults(), now: LogIngestTests.now)
        ingester.batchSize = 100
        #expect(try ingester.ingestFile(at: path).counts.inserted == 2000)
        // When the caller checkpoints at once, Then no checkpoint of the ingest's is in its way
        try store.checkpoint()
        #expect(walBytes(store) == 0)
    }
}
