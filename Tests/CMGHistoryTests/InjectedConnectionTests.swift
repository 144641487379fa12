import Foundation
import GRDB
import Testing
@testable import CMGHistory

/// A store over a connection the caller made (GRDB's `AppDatabase` pattern): in memory for
/// tests, or a pool the caller configured.
@Suite struct InjectedConnectionTests {
    private static func memory() throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        return try DatabaseQueue(configuration: configuration)
    }

    @Test func anInMemoryStoreIsMigratedAndAnswersReports() throws {
        // Given a store over an in-memory queue
        let store = try HistoryStore(Self.memory())
        #expect(try store.schemaVersion() == SchemaMigrations.latestVersion)

        // When a day of online-client samples is imported through the record API
        let records = stride(from: Int64(0), to: 86_400, by: 300).map { at in
            HistoryRecord.onlineClients(OnlineClientsSample(gateway: "G1", at: 1_788_220_800 + at, count: at / 300))
        }
        let summary = try store.importRecords(records, source: "code")

        // Then every sample is stored and the daily trend reads them back
        #expect(summary.inserted == 288)
        let trend = try store.trend(TrendRequest(metric: .onlineClients, bucket: .day,
                                                 period: ReportPeriod(start: 1_788_220_800, end: 1_788_307_200), zone: .utc))
        #expect(trend.series.first?.points.first?.max == 287)
        #expect(trend.series.first?.points.first?.count == 288)
    }

    @Test func anInjectedConnectionHoldingANewerSchemaIsRefusedUntouched() throws {
        // Given an in-memory database that a newer release migrated
        let queue = try Self.memory()
        _ = try HistoryStore(queue)
        try queue.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('9999_from_the_future')")
        }

        // When it is handed to a store again, then it is refused, and nothing was added
        #expect(throws: StoreError.self) { try HistoryStore(queue) }
        let applied = try queue.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(applied.count == embeddedMigrations.count + 1)
    }

    @Test func aPoolTheCallerConfiguredKeepsItsFile() throws {
        // Given a WAL pool on a file the caller opened
        let folder = try TemporaryFolder()
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        let pool = try DatabasePool(path: folder.path("own.sqlite"), configuration: configuration)

        // When a store wraps it and imports
        let store = try HistoryStore(pool)
        _ = try store.importRecords([.onlineClients(OnlineClientsSample(gateway: "G1", at: 1_788_220_800, count: 5))], source: "code")

        // Then the rows are in the caller's file
        #expect(store.path == folder.path("own.sqlite"))
        #expect(try pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM online_clients_sample") } == 1)
    }
}
