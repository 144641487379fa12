import Foundation
import GRDB
import Testing
@testable import CMGHistory

/// Checkpoints on a second connection while the writer commits: the writer stops checkpointing
/// while it runs and starts again after, and the log stays bounded.
@Suite("WAL checkpointer: a second connection copies the log while the writer commits")
struct WALCheckpointerTests {
    func writerAutocheckpoint(_ store: HistoryStore) throws -> Int {
        try store.writer.writeWithoutTransaction { try Int.fetchOne($0, sql: "PRAGMA wal_autocheckpoint") ?? -1 }
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

    @Test func theWriterStopsCheckpointingWhileItRunsAndStartsAgainAfter() throws {
        // Given a store, whose writer checkpoints every 1,000 pages
        let folder = try TemporaryFolder()
        let store = try folder.store()
        #expect(try writerAutocheckpoint(store) == WALCheckpointer.writerAutocheckpointPages)
        // When a checkpointer runs
        let checkpointer = try #require(WALCheckpointer(store: store))
        // Then the writer leaves checkpoints to it, until it has finished
        #expect(try writerAutocheckpoint(store) == 0)
        try commit(10, to: store)
        checkpointer.finish()
        #expect(try writerAutocheckpoint(store) == WALCheckpointer.writerAutocheckpointPages)
        // And everything committed was copied into the database file
        let (logFrames, copiedFrames) = try store.writer.writeWithoutTransaction { try $0.checkpoint(.passive) }
        #expect(logFrames == copiedFrames)
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM filler") } == 10)
    }

    @Test func theLogStartsOverOnceItPassesItsBound() throws {
        // Given a checkpointer that lets the log grow to 100 pages (400 KB)
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let checkpointer = try #require(WALCheckpointer(store: store, restartAfterPages: 100))
        // When 40 transactions of about 200 KB each are committed (8 MB)
        try commit(40, to: store)
        checkpointer.finish()
        // Then the log never grew much past its bound: it started over, instead of holding them all
        #expect(walBytes(store) > 0)
        #expect(walBytes(store) < 2_000_000)
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM filler") } == 40)
    }
}
