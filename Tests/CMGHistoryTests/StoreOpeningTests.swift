import Foundation
import GRDB
import Testing
@testable import CMGHistory

@Suite("History store: the file is ours or refused; reads never write")
struct StoreOpeningTests {
    /// A file's bytes, and which side files (`-wal`, `-shm`, `-journal`) sit next to it.
    struct Snapshot: Equatable {
        var bytes: Data
        var sideFiles: [String]

        init(bytes: Data, sideFiles: [String]) {
            self.bytes = bytes
            self.sideFiles = sideFiles
        }

        init(_ path: String) throws {
            bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            sideFiles = ["-wal", "-shm", "-journal"].filter { FileManager.default.fileExists(atPath: path + $0) }
        }
    }

    /// An SQLite file of another program, closed (no side files left).
    static func foreignDatabase(_ path: String, wal: Bool = false, applicationID: Int = 0, tables: [String] = ["orders", "users"]) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in
            if wal { try db.execute(sql: "PRAGMA journal_mode = WAL") }
            if applicationID != 0 { try db.execute(sql: "PRAGMA application_id = \(applicationID)") }
            for table in tables { try db.execute(sql: "CREATE TABLE \(table) (id INTEGER PRIMARY KEY, name TEXT)") }
            if let first = tables.first { try db.execute(sql: "INSERT INTO \(first)(name) VALUES ('kept')") }
        }
        try queue.close()
    }

    @Test func aNewDatabaseCarriesTheCMGHApplicationID() throws {
        // Given a new path
        let folder = try TemporaryFolder()
        // When the store creates it
        let store = try folder.store()
        // Then SQLite's header says "CMGH" at offset 68, where file(1) and other tools look
        #expect(try store.read { db in try Int64.fetchOne(db, sql: "PRAGMA application_id") } == 0x434D_4748)
        let header = try #require(FileHandle(forReadingAtPath: store.path)?.readData(ofLength: 100))
        #expect(String(decoding: header[68..<72], as: UTF8.self) == "CMGH")
        #expect(DatabaseFile.inspect(store.path).isOurs)
    }

    @Test func aDatabaseOfOursMadeBeforeTheIDGetsItOnUpgradeWithItsDataKept() throws {
        // Given a database migrated the old way (GRDB's migrator, no application id) to version 5, with a gateway
        let folder = try TemporaryFolder()
        let path = folder.path("old.sqlite")
        let queue = try DatabaseQueue(path: path)
        let before = try #require(embeddedMigrations.map(\.identifier).filter { SchemaMigrations.version(of: $0) < 6 }.max())
        try SchemaMigrations.makeMigrator().migrate(queue, upTo: before)
        try queue.write { db in try db.execute(sql: "INSERT INTO gateway(name) VALUES ('GraniteFalls.contoso.com')") }
        try queue.close()
        #expect(DatabaseFile.inspect(path) == .sqlite(applicationID: 0, foreignTables: [], hasTables: true))
        // When a write opens it
        let store = try HistoryStore(path: path)
        // Then it is upgraded, stamped as ours, and its data is still there
        #expect(try store.schemaVersion() == SchemaMigrations.latestVersion)
        #expect(try store.read { db in try Int64.fetchOne(db, sql: "PRAGMA application_id") } == Int64(DatabaseFile.applicationID))
        #expect(try store.read { db in try String.fetchAll(db, sql: "SELECT name FROM gateway") } == ["GraniteFalls.contoso.com"])
    }

    @Test(arguments: [false, true])
    func anotherProgramsSQLiteFileIsRefusedByteForByteUntouched(wal: Bool) throws {
        // Given another program's SQLite file (rollback journal, or WAL), closed
        let folder = try TemporaryFolder()
        let path = folder.path("app.db")
        try Self.foreignDatabase(path, wal: wal)
        let before = try Snapshot(path)
        #expect(before.sideFiles.isEmpty)
        // When a write and a read open it
        for access in [StoreAccess.readWrite, .readOnly] {
            #expect(throws: StoreError.notADatabase(path: path, what: "an SQLite database of another program (tables: orders, users)")) {
                _ = try HistoryStore(path: path, access: access)
            }
        }
        // Then its bytes are the same and no -wal, -shm or journal was left next to it
        #expect(try Snapshot(path) == before)
    }

    @Test func anSQLiteFileWithAnotherApplicationIDIsRefusedEvenWithoutTables() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("other.db")
        try Self.foreignDatabase(path, applicationID: 0x1234_5678, tables: [])
        let before = try Snapshot(path)
        #expect(throws: StoreError.notADatabase(path: path, what: "an SQLite database of another program (application_id 0x12345678)")) {
            _ = try HistoryStore(path: path)
        }
        #expect(try Snapshot(path) == before)
    }

    @Test func aOneByteFileIsRefusedNotOverwritten() throws {
        // Given a 1-byte file (SQLite would take it as a database to overwrite)
        let folder = try TemporaryFolder()
        let path = try folder.write("one.sqlite", "x")
        // When a write opens it
        #expect(throws: StoreError.notADatabase(path: path, what: "not an SQLite file (1 byte, no SQLite header)")) {
            _ = try HistoryStore(path: path)
        }
        // Then it still holds its one byte, alone
        #expect(try Snapshot(path) == Snapshot(bytes: Data("x".utf8), sideFiles: []))
    }

    @Test func anEmptyFileIsANewDatabaseForWritesAndNoDataForReads() throws {
        // Given a 0-byte file (`touch`)
        let folder = try TemporaryFolder()
        let path = try folder.write("touched.sqlite", "")
        // When a read opens it, it says there is no data yet and leaves it empty
        #expect(throws: StoreError.noData(path: path)) { _ = try HistoryStore(path: path, access: .readOnly) }
        #expect(try Snapshot(path) == Snapshot(bytes: Data(), sideFiles: []))
        // When a write opens it, it becomes a migrated database of ours
        let store = try HistoryStore(path: path)
        #expect(try store.schemaVersion() == SchemaMigrations.latestVersion)
        #expect(DatabaseFile.inspect(path).isOurs)
    }

    @Test func aReadOfAMissingPathCreatesNothing() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("mistyped.sqlite")
        #expect(throws: StoreError.missing(path: path)) { _ = try HistoryStore(path: path, access: .readOnly) }
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(StoreError.missing(path: path).description.contains("cmg-history ingest FILE --db \(path)"))
    }

    @Test func aDirectoryIsNamedAsADirectory() throws {
        let folder = try TemporaryFolder()
        for access in [StoreAccess.readWrite, .readOnly] {
            #expect(throws: StoreError.isDirectory(path: folder.url.path)) { _ = try HistoryStore(path: folder.url.path, access: access) }
        }
    }

    @Test func aReadAnswersWithoutChangingTheDatabaseFile() throws {
        // Given a closed database holding a gateway
        let folder = try TemporaryFolder()
        do {
            let store = try folder.store()
            try importNDJSON(#"{"type":"gateway","gateway":"GraniteFalls.contoso.com","at":"2026-10-01T00:00:00Z"}"#, into: store, folder: folder)
        }
        let path = folder.path("history.sqlite")
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        // When a read-only store reads it
        let reader = try HistoryStore(path: path, access: .readOnly)
        #expect(try reader.read { db in try String.fetchAll(db, sql: "SELECT name FROM gateway") } == ["GraniteFalls.contoso.com"])
        // Then it cannot write, and the file's bytes did not change
        #expect(throws: (any Error).self) { try reader.writeTransaction { db in try db.execute(sql: "DELETE FROM gateway") } }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func aReadOfAnOlderSchemaSaysHowToUpgradeAndWritesNothing() throws {
        // Given a database of ours at version 5
        let folder = try TemporaryFolder()
        let path = folder.path("old.sqlite")
        let queue = try DatabaseQueue(path: path)
        let before = try #require(embeddedMigrations.map(\.identifier).filter { SchemaMigrations.version(of: $0) < 6 }.max())
        try SchemaMigrations.makeMigrator().migrate(queue, upTo: before)
        try queue.close()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        // When a read opens it
        #expect(throws: StoreError.olderSchema(path: path, databaseVersion: 5, binaryVersion: SchemaMigrations.latestVersion)) {
            _ = try HistoryStore(path: path, access: .readOnly)
        }
        // Then it is unchanged, and the message names `db upgrade`
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
        #expect(StoreError.olderSchema(path: path, databaseVersion: 5, binaryVersion: 6).description.contains("cmg-history db upgrade --db \(path)"))
    }
}

@Suite("History store: a read after an unclean shutdown checks the file first")
struct UncleanShutdownTests {
    /// A copy of a database and its write-ahead log taken while the writer is open (what a crash
    /// or `kill -9` leaves behind), and the number of a page of online-client samples that is in
    /// the file itself, not in the log.
    static func crashedCopy(in folder: TemporaryFolder) throws -> (path: String, samplePage: Int) {
        let store = try folder.store()
        try importNDJSON((0..<400).map { i in
            #"{"type":"online_clients","gateway":"G","at":"\#(Timestamp.format(1_790_000_000 + Int64(i) * 300))","count":\#(i)}"#
        }.joined(separator: "\n"), into: store, folder: folder)
        try store.checkpoint()
        let page = try store.read { db in
            try Int.fetchOne(db, sql: "SELECT pageno FROM dbstat WHERE name = 'online_clients_sample' AND pagetype = 'leaf' LIMIT 1")
        }
        // A later write that touches other tables only: the log holds it, the sample page stays in the file.
        try importNDJSON(#"{"type":"status","gateway":"G","at":"2026-10-01T00:00:00Z","state":"Ready"}"#, into: store, folder: folder, name: "s.ndjson")
        let copy = folder.path("crashed.sqlite")
        for suffix in ["", "-wal"] { try FileManager.default.copyItem(atPath: store.path + suffix, toPath: copy + suffix) }
        #expect(StoreOpener.walBytes(copy) > 0)
        return (copy, try #require(page))
    }

    @Test func aSoundFileLeftWithALogIsRead() throws {
        let folder = try TemporaryFolder()
        let copy = try Self.crashedCopy(in: folder)
        let reader = try HistoryStore(path: copy.path, access: .readOnly)
        #expect(try reader.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM online_clients_sample") } == 400)
    }

    @Test func aDamagedFileLeftWithALogIsRefusedBeforeAnyReport() throws {
        // Given the crashed copy, with its sample page overwritten (no open reads that page)
        let folder = try TemporaryFolder()
        let copy = try Self.crashedCopy(in: folder)
        let handle = try #require(FileHandle(forUpdatingAtPath: copy.path))
        try handle.seek(toOffset: UInt64((copy.samplePage - 1) * 4096 + 100))
        try handle.write(contentsOf: Data(repeating: 0xAB, count: 2000))
        try handle.close()
        // When a read-only store opens it, the log present
        // Then quick_check runs and refuses the file as damaged
        #expect {
            _ = try HistoryStore(path: copy.path, access: .readOnly)
        } throws: { error in
            guard case StoreError.damaged(let path, _)? = error as? StoreError else { return false }
            return path == copy.path
        }
        // … while db check's open (which reports damage instead) still opens it
        #expect(try HistoryStore(path: copy.path, access: .readOnly, probingDamage: false).check().isClean == false)
    }
}
