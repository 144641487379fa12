import Foundation
import GRDB
import Testing
@testable import CMGHistory

@Suite("History store: open, configure, migrate")
struct HistoryStoreTests {
    @Test func freshDatabaseIsMigratedToTheLatestVersionInWALMode() throws {
        // Given a path with no file
        let folder = try TemporaryFolder()
        // When the store opens it
        let store = try folder.store()
        // Then every migration is applied, the tables exist, and the journal is WAL
        #expect(try store.schemaVersion() == SchemaMigrations.latestVersion)
        #expect(SchemaMigrations.latestVersion >= 1)
        try store.read { (db: Database) throws in
            for table in SQLiteStore.historyTables { #expect(try db.tableExists(table), "\(table)") }
            #expect(try String.fetchOne(db, sql: "PRAGMA journal_mode") == "wal")
            #expect(try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") == true)
        }
    }

    @Test func everyEmbeddedMigrationMatchesItsFileInMigrationsFolder() throws {
        // The binary must carry exactly the SQL files of Migrations/sqlite/, in order.
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Migrations/sqlite")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".sql") }.sorted()
        #expect(embeddedMigrations.map { $0.identifier + ".sql" } == files)
        for (migration, file) in zip(embeddedMigrations, files) {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            #expect(migration.sql == text, "\(file)")
        }
    }

    @Test func openingTwiceAppliesEachMigrationOnce() throws {
        let folder = try TemporaryFolder()
        _ = try folder.store()
        let again = try folder.store()
        let applied = try again.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(applied == embeddedMigrations.map(\.identifier))
    }

    @Test func aDatabaseFromANewerVersionIsRefusedAndLeftByteIdentical() throws {
        // Given a database stamped with a migration this binary does not know
        let folder = try TemporaryFolder()
        let path = folder.path("newer.sqlite")
        do {
            let queue = try DatabaseQueue(path: path)
            try queue.write { db in
                try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
                for migration in embeddedMigrations {
                    try db.execute(sql: "INSERT INTO grdb_migrations VALUES (?)", arguments: [migration.identifier])
                }
                try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('9999_from_the_future')")
            }
            try queue.close()
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        // When the store opens it
        #expect {
            _ = try HistoryStore(path: path)
        } throws: { error in
            guard case let StoreError.newerSchema(_, databaseVersion, binaryVersion, unknown) = error else { return false }
            return databaseVersion == 9999 && binaryVersion == SchemaMigrations.latestVersion && unknown == ["9999_from_the_future"]
        }
        // Then the file is untouched and the message names both versions
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        let message = StoreError.newerSchema(path: path, databaseVersion: 9999, binaryVersion: 1, unknownMigrations: ["9999_x"]).description
        #expect(message.contains("9999") && message.contains("version 1") && message.contains("not changed"))
    }

    @Test func aFileThatIsNotADatabaseIsRefusedWithAClearError() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("notes.sqlite", String(repeating: "this is a text file, not SQLite\n", count: 100))
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: StoreError.notADatabase(path: path, what: "not an SQLite file (3200 bytes, no SQLite header)")) {
            _ = try HistoryStore(path: path)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func aPathInAMissingFolderCannotBeOpened() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("missing/folder/history.sqlite")
        #expect {
            _ = try HistoryStore(path: path)
        } throws: { error in
            guard case .cannotOpen(let p, _) = error as? StoreError else { return false }
            return p == path
        }
    }
}
