import Foundation
import GRDB
import Testing
@testable import CMGHistory

/// The log write path at the level of the database: many rows per statement, the full-text
/// index filled per batch, events and samples only for new entries, and migration 6.
@Suite("Log store: batches, full-text index, migration 6")
struct LogStoreTests {
    /// Entries per message: "entry N" is findable by the word N.
    func hits(_ word: String, _ store: HistoryStore) throws -> [String] {
        try store.read { db in
            try String.fetchAll(db, sql: """
                SELECT e.message FROM log_entry_fts JOIN log_entry e ON e.id = log_entry_fts.rowid
                WHERE log_entry_fts MATCH ? ORDER BY e.id
                """, arguments: ["\"\(word)\""])
        }
    }

    func indexIsWhole(_ store: HistoryStore) throws {
        try store.writeTransaction { db in
            try db.execute(sql: "INSERT INTO log_entry_fts(log_entry_fts, rank) VALUES ('integrity-check', 1)")
        }
    }

    @Test func batchesOfAnySizeIndexEveryNewEntryOnceAndSkipTheStoredOnes() throws {
        // Given a log read in batches that are not a multiple of the rows per statement
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let forbidden = "<![LOG[a (403) Forbidden]LOG]!><time=\"11:00:00.000+0\" date=\"10-01-2026\" component=\"C\" context=\"\" type=\"3\" thread=\"1\" file=\"\">\r\n"
        let original = LogIngestTests.entries(0..<200) + forbidden
        let path = try folder.write("CloudMgr.log", original)
        func ingest() throws -> LogIngestSummary {
            let ingester = LogIngester(store: store, rules: try .defaults(), now: LogIngestTests.now)
            ingester.batchSize = LogEntryInserter.rowsPerStatement * 2 + 5
            return try ingester.ingestFile(at: path)
        }
        let first = try ingest()
        // Then every entry is stored and findable once, and the error entry has its events
        #expect(first.counts.inserted == 201 && first.counts.events == 2)
        #expect(try hits("137", store) == ["entry 137"])
        #expect(try hits("entry", store).count == 200)
        #expect(try hits("403", store) == ["a (403) Forbidden"])
        try indexIsWhole(store)

        // When the file is cut short, then grows back past what was stored
        try folder.write("CloudMgr.log", LogIngestTests.entries(0..<150))
        let reread = try ingest()
        try folder.write("CloudMgr.log", original + LogIngestTests.entries(300..<320))
        let grown = try ingest()
        // Then the stored entries are duplicates, not indexed or classified again (the batches mix
        // both); the new ones are
        #expect(reread.counts.inserted == 0 && reread.counts.duplicates == 150 && reread.counts.events == 0)
        #expect(grown.counts.inserted == 20 && grown.counts.duplicates == 51 && grown.counts.events == 0)
        #expect(try hits("entry", store).count == 220)
        #expect(try hits("137", store) == ["entry 137"])
        #expect(try store.logEvents().count == 2)
        try indexIsWhole(store)
    }

    @Test func everyEventIsOnItsOwnEntryWhetherTheBatchIsAllNewOrMixed() throws {
        // Given a log whose every seventh entry is an error, read in batches
        let folder = try TemporaryFolder()
        let store = try folder.store()
        func line(_ n: Int) -> String {
            n % 7 == 3 ? LogIngestTests.entry(n).replacingOccurrences(of: "[entry \(n)]", with: "[failure \(n)]")
                .replacingOccurrences(of: "type=\"1\"", with: "type=\"3\"") : LogIngestTests.entry(n)
        }
        func ingest() throws -> LogIngestSummary {
            let ingester = LogIngester(store: store, rules: try .defaults(), now: LogIngestTests.now)
            ingester.batchSize = LogEntryInserter.rowsPerStatement + 9
            return try ingester.ingestFile(at: folder.path("CloudMgr.log"))
        }
        _ = try folder.write("CloudMgr.log", (0..<150).map(line).joined())
        let first = try ingest()
        // When it is cut short and grows back past what was stored: its batches mix stored and new entries
        _ = try folder.write("CloudMgr.log", (0..<100).map(line).joined())
        _ = try ingest()
        _ = try folder.write("CloudMgr.log", (0..<240).map(line).joined())
        let grown = try ingest()
        // Then each error entry has its event, on that entry, once
        let failures = (0..<240).filter { $0 % 7 == 3 }.map { "failure \($0)" }
        #expect(first.counts.events == 21 && grown.counts.inserted == 90 && grown.counts.events == 13)
        #expect(try store.logEvents().map(\.entry.message).sorted() == failures.sorted())
        #expect(try store.logEvents().allSatisfy { $0.rule == "error" })
    }

    @Test func migration6RebuildsTheIndexOfStoredEntries() throws {
        // Given a database at the version before 6 whose entries are indexed the old way
        let folder = try TemporaryFolder()
        let path = folder.path("old.sqlite")
        let before = try #require(embeddedMigrations.map(\.identifier).filter { SchemaMigrations.version(of: $0) < 6 }.max())
        let queue = try DatabaseQueue(path: path)
        try SchemaMigrations.makeMigrator().migrate(queue, upTo: before)
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO log_file(id, path, log, head_length, head_hash, size, offset, line, first_read_at, last_read_at)
                VALUES (1, 'CloudMgr.log', 'CloudMgr', 64, 1, 100, 100, 3, 0, 0);
                INSERT INTO log_entry(log_file_id, offset, length, line, format, zone_known, severity, message)
                VALUES (1, 0, 10, 1, 'plain', 0, 1, 'first frame'), (1, 10, 10, 2, 'plain', 0, 1, 'second frame');
                INSERT INTO log_entry_fts(rowid, message) SELECT id, message FROM log_entry;
                """)
        }
        try queue.close()
        // When a store opens it
        let store = try HistoryStore(path: path)
        // Then the entries are found as before, through an index without per-entry sizes that merges lazily
        #expect(try hits("frame", store) == ["first frame", "second frame"])
        try indexIsWhole(store)
        let (sizes, automerge, crisis) = try store.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE name = 'log_entry_fts_docsize'"),
             try Int.fetchOne(db, sql: "SELECT v FROM log_entry_fts_config WHERE k = 'automerge'"),
             try Int.fetchOne(db, sql: "SELECT v FROM log_entry_fts_config WHERE k = 'crisismerge'"))
        }
        #expect(sizes == 0 && automerge == 0 && crisis == 64)
        // And deleting an entry still takes it out of the index
        try store.writeTransaction { db in try db.execute(sql: "DELETE FROM log_entry WHERE message = 'first frame'") }
        #expect(try hits("frame", store) == ["second frame"])
        try indexIsWhole(store)
    }
}
