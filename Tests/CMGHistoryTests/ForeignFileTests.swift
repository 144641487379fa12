import Foundation
import GRDB
import Testing
@testable import CMGHistory

@Suite("History store: other programs' SQLite files the header alone does not give away")
struct ForeignFileTests {
    typealias Snapshot = StoreOpeningTests.Snapshot

    /// Expects both a write and a read to refuse `path` with `what`, leaving it as it was.
    func expectRefused(_ path: String, _ what: String) throws {
        let before = try Snapshot(path)
        for access in [StoreAccess.readWrite, .readOnly] {
            #expect(throws: StoreError.notADatabase(path: path, what: what), "\(access)") {
                _ = try HistoryStore(path: path, access: access)
            }
        }
        #expect(try Snapshot(path) == before)
    }

    /// Today an import adopted it: our 30 tables added, exit 0.
    @Test func anSQLiteFileWithOnlyAUserVersionIsAnotherProgramsFile() throws {
        // Given another program's new database: no table yet, its schema version set (we never set one)
        let folder = try TemporaryFolder()
        let path = folder.path("app.db")
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA user_version = 7") }
        try queue.close()
        // When a write and a read open it, then each refuses it, and it is as it was
        try expectRefused(path, "an SQLite database of another program (user_version 7)")
    }

    /// Today: "schema version 0 … written by a newer cmg-history", which sends the admin looking for a newer binary.
    @Test func anotherGRDBAppsMigrationsAreNotANewerSchemaOfOurs() throws {
        // Given the database of another GRDB app that has run its first migration, which made no table yet
        let folder = try TemporaryFolder()
        let path = folder.path("app.db")
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { _ in }
        let queue = try DatabaseQueue(path: path)
        try migrator.migrate(queue)
        try queue.close()
        // When a write and a read open it, then each says whose it is
        try expectRefused(path, "an SQLite database of another program (grdb_migrations of another app: v1)")
    }

    /// Today an import added our tables to it: the immutable inspection reads only the main
    /// file, where a WAL database's new tables are not until a checkpoint.
    @Test func anotherProgramsWALDatabaseAtWorkIsRefusedThoughItsTablesAreStillInTheLog() throws {
        // Given another program's WAL database, open, its table still only in the -wal file
        let folder = try TemporaryFolder()
        let path = folder.path("app.db")
        let app = try DatabasePool(path: path)
        try app.write { db in
            try db.execute(sql: "CREATE TABLE customer(id INTEGER PRIMARY KEY, name TEXT)")
            try db.execute(sql: "INSERT INTO customer(name) VALUES ('kept')")
        }
        let header = try #require(FileHandle(forReadingAtPath: path)?.readData(ofLength: 4096))
        try #require(!String(decoding: header, as: UTF8.self).contains("customer"), "the table reached the main file")
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        // When a write and a read open it
        for access in [StoreAccess.readWrite, .readOnly] {
            #expect(throws: StoreError.notADatabase(path: path, what: "an SQLite database of another program (tables: customer)"), "\(access)") {
                _ = try HistoryStore(path: path, access: access)
            }
        }
        // Then the file is as it was, and the app still sees only its own table
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try app.read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") } == ["customer"])
        try app.close()
    }

    /// A copy of such a database and its log, without the -shm index (a crash, a backup tool):
    /// reading the log would create a -shm beside a file that is not ours.
    @Test func aLogWithoutItsIndexIsRefusedWithoutMakingOne() throws {
        // Given a WAL database of another program and its log, copied without the -shm
        let folder = try TemporaryFolder()
        let app = try DatabasePool(path: folder.path("app.db"))
        try app.write { db in try db.execute(sql: "CREATE TABLE customer(id INTEGER PRIMARY KEY)") }
        let path = folder.path("copy.db")
        try FileManager.default.copyItem(atPath: folder.path("app.db"), toPath: path)
        try FileManager.default.copyItem(atPath: folder.path("app.db-wal"), toPath: path + "-wal")
        try app.close()
        // When a write and a read open it, then each refuses it and no -shm appears
        try expectRefused(path, "an SQLite file (4096 bytes) whose list of tables cannot be read: cut short, damaged, locked by another "
                          + "program, or with a -wal log and no -shm index beside it; whose it is cannot be told")
        #expect(!FileManager.default.fileExists(atPath: path + "-shm"))
    }

    /// Today: "an empty database, no CMG History data yet", exit 2, for reads; nothing said it was cut short.
    @Test func anSQLiteHeaderCutShortIsRefusedAsUnreadable() throws {
        // Given the first 100 bytes of another program's database
        let folder = try TemporaryFolder()
        try StoreOpeningTests.foreignDatabase(folder.path("app.db"))
        let path = folder.path("cut.db")
        try Data(contentsOf: URL(fileURLWithPath: folder.path("app.db"))).prefix(100).write(to: URL(fileURLWithPath: path))
        // When a write and a read open it, then each refuses it as unreadable, and it is as it was
        try expectRefused(path, "an SQLite file (100 bytes) whose list of tables cannot be read: cut short, damaged, locked by another "
                          + "program, or with a -wal log and no -shm index beside it; whose it is cannot be told")
    }
}
