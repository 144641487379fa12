import Foundation
import Testing
@testable import CMGHistory

extension PostgresTests {
    /// `db info` on PostgreSQL: the same rows and coverage as SQLite for the same imported data.
    @Suite("PostgreSQL db info: what SQLite's says, for a schema")
    struct Info {
        @Test func infoListsTheSameRowsAndCoverageAsSQLite() throws {
            guard PostgresTestServer.isAvailable else { return }
            // Given the same samples and status imported into both backends
            let folder = try TemporaryFolder()
            let sqlite = try ConformanceBackend.sqliteFile.makeStore(in: folder)
            let postgres = try ConformanceBackend.postgres.makeStore(in: folder)
            let status = #"{"type":"status","gateway":"A2.contoso.com","at":"2026-10-01T00:00:00Z","state":"Ready"}"#
            let lines = (StoreConformanceTests.twoDays + [status]).joined(separator: "\n")
            for store in [sqlite, postgres] { try importNDJSON(lines, into: store, folder: folder) }

            // When each is described
            let mine = try postgres.info(), theirs = try sqlite.info()

            // Then every table both have holds the same rows, in SQLite's order, and each gateway's coverage is the same
            let shared = Set(mine.tables.map(\.table)).intersection(theirs.tables.map(\.table))
            #expect(mine.tables.filter { shared.contains($0.table) } == theirs.tables.filter { shared.contains($0.table) })
            #expect(Set(HistoryTable.all.map(\.name)).isSubset(of: Set(mine.tables.map(\.table))))
            #expect(!mine.tables.contains { $0.table.hasPrefix("online_clients_sample_p") || $0.table == PostgresMigrator.migrationsTable })
            #expect(mine.gateways == theirs.gateways)
            #expect(mine.gateways.map(\.gateway) == ["A2.contoso.com", "G1.contoso.com"])
            // And the version is the schema's, the size the schema's relations', and the path has no password
            #expect(mine.schemaVersion == PostgresStore.binarySchemaVersion && mine.binarySchemaVersion == mine.schemaVersion)
            #expect(mine.fileBytes > 0)
            #expect(mine.path == postgres.path && mine.path.hasPrefix("postgres://"))
        }
    }
}
