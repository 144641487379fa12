import Foundation
import Testing
@testable import CMGHistory

@Suite("PostgreSQL migrations: the files and the embedded list")
struct PostgresMigrationFilesTests {
    @Test func everyEmbeddedPostgresMigrationMatchesItsFile() throws {
        // The binary must carry exactly the SQL files of Migrations/postgres/, in order.
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Migrations/postgres")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".sql") }.sorted()
        #expect(!files.isEmpty)
        #expect(embeddedPostgresMigrations.map { $0.identifier + ".sql" } == files)
        for (migration, file) in zip(embeddedPostgresMigrations, files) {
            #expect(migration.sql == (try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)), "\(file)")
        }
    }

    @Test func bothBackendsHaveTheirOwnLists() {
        #expect(embeddedMigrations.first?.identifier == "0001_create_history")
        #expect(embeddedPostgresMigrations.first?.identifier == "0001_create_history")
        #expect(embeddedMigrations.map(\.sql) != embeddedPostgresMigrations.map(\.sql))
    }
}

extension PostgresTests {
    @Suite("PostgreSQL migrator: each once, in order, under a lock, newer refused")
    struct Migrator {
        /// Every table, view and index of `schema` with its kind, and the migrations recorded.
        static func catalog(_ connection: PGConnection, _ schema: String) throws -> [String] {
            let rows = try connection.query("""
                SELECT c.relname || ':' || c.relkind::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = $1 ORDER BY 1
                """, [.text(schema)])
            return try (0..<rows.rowCount).map { try rows.string(row: $0, column: 0) }
        }

        @Test func aNewSchemaIsCreatedAndMigratedOnceAndReopeningChangesNothing() throws {
            try PostgresTestServer.withFreshSchema { location, admin throws in
                // Given a schema that does not exist
                #expect(try PostgresMigrator.status(admin, schema: location.schema) == .missing)
                // When it is opened twice
                let first = try PostgresDatabase(location)
                let tables = try Self.catalog(admin, location.schema)
                let second = try PostgresDatabase(location)
                // Then every migration is recorded once, the history's tables exist, and the second open changed nothing
                let applied = try admin.query("SELECT identifier FROM \(location.schema).\(PostgresMigrator.migrationsTable) ORDER BY 1")
                #expect(try (0..<applied.rowCount).map { try applied.string(row: $0, column: 0) } == embeddedPostgresMigrations.map(\.identifier))
                #expect(try Self.catalog(admin, location.schema) == tables)
                for table in ["gateway:r", "online_clients_sample:p", "endpoint_traffic:v", "rollup_day:r", "log_entry_search:i"] {
                    #expect(tables.contains(table), "\(table)")
                }
                #expect(try PostgresMigrator.status(admin, schema: location.schema) == .current)
                // And the connection names the tenant's tables unqualified
                #expect(try second.connection.query("SELECT count(*) FROM metric").int64(row: 0, column: 0) == 7)
                #expect(try first.connection.query("SELECT current_schema()").string(row: 0, column: 0) == location.schema)
            }
        }

        @Test func aSchemaHoldingAnUnknownMigrationIsRefusedAndLeftUntouched() throws {
            try PostgresTestServer.withFreshSchema { location, admin throws in
                // Given a schema a newer binary migrated: an identifier this one does not know
                _ = try PostgresDatabase(location)
                try admin.query("INSERT INTO \(location.schema).\(PostgresMigrator.migrationsTable) (identifier) VALUES ($1)", [.text("9999_from_the_future")])
                let before = try Self.catalog(admin, location.schema)
                // When it is opened, to migrate and to read
                for mode in [PostgresDatabase.Mode.migrate, .read] {
                    let error = #expect(throws: StoreError.self) { try PostgresDatabase(location, mode: mode) }
                    // Then it is refused naming the schema and the identifier
                    #expect(error == .newerPostgresSchema(location: location.displayForm, schema: location.schema, unknownMigrations: ["9999_from_the_future"]))
                }
                #expect(try Self.catalog(admin, location.schema) == before)
            }
        }

        @Test func aMigrationAppliesInItsOwnTransactionInOrder() throws {
            try PostgresTestServer.withFreshSchema { location, admin throws in
                // Given two migrations, the second failing midway
                let migrations = [
                    (identifier: "0001_a", sql: "CREATE TABLE a (x bigint)"),
                    (identifier: "0002_b", sql: "CREATE TABLE b (x bigint); SELECT 1/0"),
                ]
                // When the schema is migrated / Then the first is kept and recorded, the second left no trace
                #expect(throws: PostgresError.self) {
                    try PostgresMigrator.migrate(admin, schema: location.schema, location: location.displayForm, migrations: migrations)
                }
                #expect(try PostgresMigrator.status(admin, schema: location.schema, migrations: migrations) == .older(pending: ["0002_b"]))
                #expect(try Self.catalog(admin, location.schema).contains("a:r"))
                #expect(!(try Self.catalog(admin, location.schema).contains("b:r")))
            }
        }

        @Test func readingAMissingSchemaFailsAndCreatesNothing() throws {
            try PostgresTestServer.withFreshSchema { location, admin throws in
                #expect(throws: StoreError.missing(path: location.displayForm)) { try PostgresDatabase(location, mode: .read) }
                #expect(try PostgresMigrator.status(admin, schema: location.schema) == .missing)
            }
        }

        @Test func collectorsOpeningANewSchemaAtOnceAllSucceed() throws {
            for _ in 0..<3 {
                try PostgresTestServer.withFreshSchema { location, admin throws in
                    // Given four collectors opening the same new schema at the same moment
                    let errors = runConcurrently(4) { _ in _ = try PostgresDatabase(location) }
                    // Then all succeed and each migration is recorded once
                    #expect(errors.allSatisfy { $0 == nil }, "\(errors)")
                    let count = try admin.query("SELECT count(*) FROM \(location.schema).\(PostgresMigrator.migrationsTable)")
                    #expect(try count.int64(row: 0, column: 0) == Int64(embeddedPostgresMigrations.count))
                }
            }
        }
    }
}

extension PostgresTests.Migrator {
    @Test(arguments: 1..<embeddedPostgresMigrations.count)
    func aSchemaAtAnOlderMigrationMigratesToCurrentAndKeepsItsRows(_ applied: Int) throws {
        try PostgresTestServer.withFreshSchema { location, admin throws in
            // Given a schema made by a binary that knew only the first `applied` migrations, holding a sample
            let older = Array(embeddedPostgresMigrations.prefix(applied))
            try PostgresMigrator.migrate(admin, schema: location.schema, location: location.displayForm, migrations: older)
            try admin.execute("""
                INSERT INTO gateway (id, name) VALUES (7, 'G1.contoso.com');
                CREATE TABLE online_clients_sample_p202610 PARTITION OF online_clients_sample FOR VALUES FROM (1790812800) TO (1793491200);
                INSERT INTO online_clients_sample (gateway_id, at, count) VALUES (7, 1790812800, 42)
                """)
            #expect(try PostgresMigrator.status(admin, schema: location.schema) == .older(pending: embeddedPostgresMigrations.dropFirst(applied).map(\.identifier)))
            // (a reader refuses it untouched)
            #expect(throws: StoreError.self) { try PostgresDatabase(location, mode: .read) }

            // When this binary opens it to write
            let store = try HistoryStore(location: .postgres(location))

            // Then it is current, its sample is there, and new months come through the month function
            #expect(try PostgresMigrator.status(admin, schema: location.schema) == .current)
            #expect(try store.schemaVersion() == PostgresStore.binarySchemaVersion)
            let samples = try #require(HistoryTable.all.first { $0.name == "online_clients_sample" })
            #expect(try store.snapshot { try $0.rows(samples, after: nil, limit: 10) } == [[.integer(7), .integer(1_790_812_800), .integer(42)]])
            let folder = try TemporaryFolder()
            let added = try importNDJSON(#"{"type":"online_clients","gateway":"G1.contoso.com","at":"2026-11-01T00:00:00Z","count":1}"#,
                                         into: store, folder: folder)
            #expect(added.inserted == 1, "\(added.rejections)")
        }
    }
}
