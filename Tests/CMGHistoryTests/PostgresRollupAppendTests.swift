import Testing
@testable import CMGHistory

/// On the append path the PostgreSQL writer computes a new hour's rollup from the batch's own
/// values instead of reading the raw table back (PostgresRecordWriter+Samples.swift); the hour a
/// batch shares with rows stored before it is still read. Either way the rollups must equal
/// SQLite's, which always recomputes from the rows.
extension PostgresTests {
    @Suite("PostgreSQL record writer: rollups of appended hours")
    struct RollupAppend {
        @Test(arguments: [97, 1_000])
        func batchesInTimeOrderThatSplitHoursGiveSQLitesRollups(batchSize: Int) throws {
            // Given two days of the demo in time order, cut into batches that split hours
            let lines = try RecordWriterFixture.demoLines(days: 2)
            try RecordWriterFixture.withBoth { sqlite, postgres in
                // When both import it batch by batch
                let summary = try sqlite.importLines(lines, batchSize: batchSize)
                let summaryPG = try postgres.importLines(lines, batchSize: batchSize)
                // Then the outcomes agree and every table is equal, hourly and daily rollups included
                RecordWriterFixture.expectSameOutcomes(summary, summaryPG)
                #expect(summaryPG.inserted == lines.count)
                try RecordWriterFixture.expectSameTables(sqlite, postgres)
            }
        }

        @Test func anAppendedBatchAfterAnEarlierHourWasReimportedKeepsBothHoursExact() throws {
            // Given the second day stored first, then the first day (not an append), then the
            // second day's samples again with a later third day (an append after stored rows)
            let lines = try RecordWriterFixture.demoLines(days: 3)
            let instants = lines.map { (try? HistoryRecord(ndjsonLine: $0))?.sampleInstant }
            let start = try #require(instants.compactMap { $0 }.min())
            let day = { (n: Int64) in zip(lines, instants).compactMap { line, at in at.map { ($0 - start) / 86_400 } == n ? line : nil } }
            let order = [day(1), day(0), day(1) + day(2)]
            try RecordWriterFixture.withBoth { sqlite, postgres in
                // When both import the three files
                for (index, part) in order.enumerated() {
                    let summary = try sqlite.importLines(part, batchSize: 500, name: "part\(index).ndjson")
                    let summaryPG = try postgres.importLines(part, batchSize: 500, name: "part\(index).ndjson")
                    RecordWriterFixture.expectSameOutcomes(summary, summaryPG)
                }
                // Then every table is equal
                try RecordWriterFixture.expectSameTables(sqlite, postgres)
            }
        }
    }
}
