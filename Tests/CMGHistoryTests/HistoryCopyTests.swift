import Foundation
import GRDB
import Testing
@testable import CMGHistory

/// `db copy`: a whole history into another store, resumable, idempotent, checked at the end.
@Suite struct HistoryCopyTests {
    /// A store holding every record type, two days of samples, and a pruned hour's rollups.
    private static func source(in folder: TemporaryFolder) throws -> HistoryStore {
        let store = try folder.store("source.sqlite")
        let url = try #require(Bundle.module.url(forResource: "Fixtures/every-record-type", withExtension: "ndjson"))
        try importNDJSON(String(contentsOf: url, encoding: .utf8), into: store, folder: folder)
        try importNDJSON(StoreConformanceTests.twoDays.joined(separator: "\n"), into: store, folder: folder, name: "days.ndjson")
        _ = try store.prune(keepDays: 1, now: StoreConformanceTests.period.end)
        return store
    }

    @Test func aCopyHoldsEveryRowAndGivesTheSameReports() throws {
        // Given a history
        let folder = try TemporaryFolder()
        let source = try Self.source(in: folder)

        // When it is copied into a new store
        let destination = try folder.store("copy.sqlite")
        let summary = try source.copy(to: destination)

        // Then every table holds the source's rows, and the months' capacity reports are identical
        #expect(summary.tables.allSatisfy { $0.destinationRows == $0.sourceRows })
        #expect(summary.tables.first { $0.name == "rollup_hour" }?.copiedRows ?? 0 > 0)
        #expect(summary.digestMonths == ["2026-10"])
        #expect(try destination.reportDigest(months: [(2026, 10)]) == summary.reportDigest)
        // And the log search index was rebuilt, and a second run copies nothing
        #expect(try destination.copy(to: folder.store("third.sqlite")).reportDigest == summary.reportDigest)
        #expect(try source.copy(to: destination).tables.allSatisfy { $0.copiedRows == 0 })
    }

    @Test func anInterruptedCopyIsCompletedByTheNextRun() throws {
        // Given a destination holding only the first rows of some tables, as a stopped copy leaves it
        let folder = try TemporaryFolder()
        let source = try Self.source(in: folder)
        let destination = try folder.store("copy.sqlite")
        for table in HistoryTable.all.prefix(12) {
            let rows = try source.snapshot { try $0.rows(table, after: nil, limit: 100) }
            _ = try destination.insertCopied(rows, into: table)
        }

        // When the copy runs
        let summary = try source.copy(to: destination)

        // Then it adds only what was missing, and the result is whole
        let samples = try #require(summary.tables.first { $0.name == "online_clients_sample" })
        #expect(samples.copiedRows == samples.sourceRows - 100)
        #expect(summary.tables.allSatisfy { $0.destinationRows == $0.sourceRows })
    }

    @Test func aDestinationHoldingAnotherHistoryIsRefusedUntouched() throws {
        // Given a destination with a gateway of its own
        let folder = try TemporaryFolder()
        let source = try Self.source(in: folder)
        let destination = try folder.store("other.sqlite")
        _ = try destination.importRecords([.onlineClients(OnlineClientsSample(gateway: "Other.fabrikam.com", at: 1_790_812_800, count: 1))],
                                          source: "code")

        // When the copy runs, then it is refused, and the destination holds what it held
        #expect(throws: StoreError.self) { try source.copy(to: destination) }
        #expect(try destination.snapshot { try $0.rowCount(HistoryTable.all[10]) } == 1)
    }

    @Test func theTableListHoldsEveryColumnOfTheSchema() throws {
        // Given a new database's schema
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let schema = try store.read { db in
            try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'log_entry_fts%'
                AND name NOT IN ('grdb_migrations', 'sqlite_sequence') ORDER BY name
                """).map { table in (table, try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?)", arguments: [table])) }
        }

        // Then each table is in the copy's list with all of its columns
        for (table, columns) in schema {
            let listed = HistoryTable.all.first { $0.name == table }
            #expect(listed != nil, "\(table) is not copied")
            #expect(Set(listed?.columns ?? []) == Set(columns), "\(table): the copy's columns differ from the schema's")
        }
        #expect(HistoryTable.all.count == schema.count)
    }
}

extension HistoryCopyTests {
    @Test func rowsTheSourceGainedBelowAnInterruptedCopysLastKeyAreCopiedToo() throws {
        // Given a copy stopped after the first 100 samples, and a late sample of the first hour since
        let folder = try TemporaryFolder()
        let source = try folder.store("source.sqlite")
        let lines = StoreConformanceTests.twoDays
        try importNDJSON(lines.enumerated().filter { $0.offset != 3 }.map(\.element).joined(separator: "\n"), into: source, folder: folder)
        let destination = try folder.store("copy.sqlite")
        for table in HistoryTable.all.prefix(11) {
            _ = try destination.insertCopied(try source.snapshot { try $0.rows(table, after: nil, limit: 100) }, into: table)
        }
        try importNDJSON(lines[3], into: source, folder: folder, name: "late.ndjson")

        // When the copy runs again, then every sample is there and the reports agree
        let summary = try source.copy(to: destination)
        #expect(summary.tables.first { $0.name == "online_clients_sample" }?.destinationRows == 576)
    }
}
