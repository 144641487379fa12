import Foundation
import Testing
@testable import CMGHistory

/// The same NDJSON imported into SQLite (NDJSONImporter) and into PostgreSQL (PostgresRecordWriter)
/// leaves the same rows in every table of a history and the same import summaries.
extension PostgresTests {
    @Suite("PostgreSQL record writer: the same rows and outcomes as SQLite")
    struct RecordWriterEquivalence {
        @Test func theDemosFirstTenDaysStoreTheSameRowsAndAReimportStoresNothing() throws {
            // Given the demo history's first 10 days, in the record kinds PostgreSQL stores
            let lines = try RecordWriterFixture.demoLines(days: 10)
            try RecordWriterFixture.withBoth { sqlite, postgres in
                // When both import it, then import it again
                let first = try sqlite.importLines(lines), firstPG = try postgres.importLines(lines)
                let again = try sqlite.importLines(lines), againPG = try postgres.importLines(lines)
                // Then the summaries agree, the second stores nothing, and every table is equal
                RecordWriterFixture.expectSameOutcomes(first, firstPG)
                RecordWriterFixture.expectSameOutcomes(again, againPG)
                #expect(first.inserted == lines.count && first.rejected == 0)
                #expect(againPG.inserted == 0 && againPG.duplicates == lines.count)
                try RecordWriterFixture.expectSameTables(sqlite, postgres)
            }
        }

        @Test func everyRecordTypeStoresTheSameRowsAndAReimportStoresNothing() throws {
            // Given the fixture with every record type
            let url = try #require(Bundle.module.url(forResource: "Fixtures/every-record-type", withExtension: "ndjson"))
            let all = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
            try RecordWriterFixture.withBoth { sqlite, postgres in
                // When both import it, then import it again
                let summary = try sqlite.importLines(all), summaryPG = try postgres.importLines(all)
                let again = try sqlite.importLines(all), againPG = try postgres.importLines(all)
                // Then every line is stored once on both, with the same outcomes and rows
                RecordWriterFixture.expectSameOutcomes(summary, summaryPG)
                RecordWriterFixture.expectSameOutcomes(again, againPG)
                #expect(summaryPG.inserted == all.count && summaryPG.rejected == 0, "\(summaryPG.rejections)")
                #expect(againPG.duplicates == all.count)
                try RecordWriterFixture.expectSameTables(sqlite, postgres)
            }
        }

        @Test func conflictingLinesAreNamedAsOnSQLiteWithinABatchAndAgainstStoredRows() throws {
            // Given two days of demo history, and lines that repeat its keys with other values
            let base = try RecordWriterFixture.demoLines(days: 2)
            let changed = try RecordWriterFixture.conflicting(base)
            #expect(changed.count >= 5)
            try RecordWriterFixture.withBoth { sqlite, postgres in
                // When the base is stored, then a file holding changed lines, repeats and the changed lines twice
                _ = try sqlite.importLines(base)
                _ = try postgres.importLines(base)
                let mixed = changed + Array(base.prefix(50)) + changed
                let summary = try sqlite.importLines(mixed), summaryPG = try postgres.importLines(mixed)
                // Then the same lines conflict with the same differences, and the rest are duplicates
                #expect(summary.conflicts == 2 * changed.count)
                RecordWriterFixture.expectSameOutcomes(summary, summaryPG)
                // And a file whose own lines clash stores the first and names the second
                let fresh = try RecordWriterFixture.conflicting(try RecordWriterFixture.demoLines(days: 1, seed: 7))
                let inner = try RecordWriterFixture.demoLines(days: 1, seed: 7).prefix(200) + fresh
                RecordWriterFixture.expectSameOutcomes(try sqlite.importLines(Array(inner)), try postgres.importLines(Array(inner)))
                try RecordWriterFixture.expectSameTables(sqlite, postgres)
            }
        }

        @Test func shuffledOverlappingPartsInSmallBatchesStoreWhatTheWholeFileStores() throws {
            // Given three days of demo history cut into overlapping parts, each shuffled
            let lines = try RecordWriterFixture.demoLines(days: 3)
            let parts = RecordWriterFixture.overlappingParts(lines, count: 3, seed: 42)
            try RecordWriterFixture.withBoth { sqlite, postgres in
                // When each part is imported in small batches into both
                for (index, part) in parts.enumerated() {
                    let summary = try sqlite.importLines(part, batchSize: 700, name: "part\(index).ndjson")
                    let summaryPG = try postgres.importLines(part, batchSize: 700, name: "part\(index).ndjson")
                    RecordWriterFixture.expectSameOutcomes(summary, summaryPG)
                }
                // Then every table is equal, rollups and spans included
                try RecordWriterFixture.expectSameTables(sqlite, postgres)
            }
        }

        @Test func trafficWhoseGatewayTotalWouldPass64BitsIsRefusedOnTheSameLines() throws {
            // Given ten endpoints of one gateway at one instant, each with the most requests a day
            // may count at the longest average: any two weighted times together pass 64 bits
            let at: UnixSeconds = 1_790_812_800
            let records: [HistoryRecord] = (0..<10).map { n in
                .endpointTraffic(EndpointTrafficSample(
                    gateway: "wide.contoso.com", endpoint: "E\(n)", at: at, intervalSeconds: 86_400, requestCount: 86_400_000_000,
                    requestBytes: 1, responseCount: 0, responseBytes: 0, averageElapsedMilliseconds: 86_400_000))
            }
            let lines = try records.map { try $0.ndjsonLine() }
            try RecordWriterFixture.withBoth { sqlite, postgres in
                // When both import them, then again
                let summary = try sqlite.importLines(lines), summaryPG = try postgres.importLines(lines)
                let again = try sqlite.importLines(lines), againPG = try postgres.importLines(lines)
                // Then the same lines are refused with the same field, and the rest stored once
                #expect(summary.inserted == 1 && summary.rejected == 9 && summary.rejections.first?.line == 2)
                #expect(summary.rejections.first?.problem.field == "avg_elapsed_ms")
                RecordWriterFixture.expectSameOutcomes(summary, summaryPG)
                RecordWriterFixture.expectSameOutcomes(again, againPG)
                try RecordWriterFixture.expectSameTables(sqlite, postgres, minimumTables: 5)
            }
        }

        @Test func samplesBeforeTheRetentionBoundAreRejectedAndCreateNothing() throws {
            try PostgresTestServer.withDatabase { database in
                // Given a history pruned up to 2026-10-01T00:00:00Z
                try database.connection.execute("INSERT INTO retention (id, raw_kept_from, pruned_at) VALUES (1, 1790812800, 1790812800)")
                let lines = [
                    #"{"type":"online_clients","gateway":"old.contoso.com","at":"2026-09-30T23:55:00Z","count":5}"#,
                    #"{"type":"online_clients","gateway":"new.contoso.com","at":"2026-10-01T00:00:00Z","count":6}"#,
                ]
                // When both are imported
                let summary = try PostgresRecordWriter.importBatch(try RecordWriterFixture.records(lines), file: "f", on: database.connection)
                // Then the first is rejected as in a pruned hour and made no gateway
                #expect(summary.inserted == 1 && summary.rejected == 1)
                #expect(summary.rejections.first?.line == 1)
                #expect(summary.rejections.first?.problem.reason.contains("where raw samples were pruned") == true)
                let names = try database.connection.query("SELECT string_agg(name, ',') FROM gateway").string(row: 0, column: 0)
                #expect(names == "new.contoso.com")
            }
        }
    }
}

// MARK: - Fixture

/// Both backends side by side, and what comparing them takes.
enum RecordWriterFixture {
    /// A SQLite store in a temporary folder.
    struct SQLiteSide {
        let folder: TemporaryFolder
        let store: HistoryStore

        func importLines(_ lines: [String], batchSize: Int = 20_000, name: String = "input.ndjson") throws -> ImportSummary {
            let path = try folder.write(name, lines.joined(separator: "\n") + "\n")
            let importer = NDJSONImporter(store: store)
            importer.batchSize = batchSize
            return try importer.importFile(at: path)
        }
    }

    /// A fresh PostgreSQL schema.
    struct PostgresSide {
        let database: PostgresDatabase

        func importLines(_ lines: [String], batchSize: Int = 20_000, name: String = "input.ndjson") throws -> ImportSummary {
            try RecordWriterFixture.importPostgres(lines, on: database.connection, batchSize: batchSize, name: name)
        }
    }

    static func withBoth(_ body: (SQLiteSide, PostgresSide) throws -> Void) throws {
        let folder = try TemporaryFolder()
        let sqlite = SQLiteSide(folder: folder, store: try folder.store())
        try PostgresTestServer.withDatabase { database in try body(sqlite, PostgresSide(database: database)) }
    }

    /// Decodes `lines` (1-based numbers) as the NDJSON importer does.
    static func records(_ lines: [String]) throws -> [NumberedRecord] {
        try lines.enumerated().map { NumberedRecord(line: $0.offset + 1, record: try HistoryRecord(ndjsonLine: $0.element)) }
    }

    /// Imports `lines` into PostgreSQL in batches of `batchSize`, summed as NDJSONImporter sums them.
    static func importPostgres(_ lines: [String], on connection: PGConnection, batchSize: Int, name: String) throws -> ImportSummary {
        let numbered = try records(lines)
        var summary = ImportSummary(file: name, format: "ndjson")
        var start = 0
        while start < numbered.count {
            let end = min(start + batchSize, numbered.count)
            summary.add(try PostgresRecordWriter.importBatch(Array(numbered[start..<end]), file: name, on: connection))
            start = end
        }
        summary.rejections.sort { $0.line < $1.line }
        return summary
    }

    /// The demo history's first `days` days, every record kind; made once per
    /// (days, seed) for the whole run, the generator stopped a day past the last one kept.
    static func demoLines(days: Int, seed: UInt64 = 1) throws -> [String] {
        DemoLinesCache.shared.lines(days: days, seed: seed) {
            let demo = DemoHistory(seed: seed)
            let end = demo.start + Int64(days) * 86_400
            struct Enough: Error {}
            var lines: [String] = []
            do {
                try demo.writeLines { line in
                    guard let record = try? HistoryRecord(ndjsonLine: line) else { return }
                    let at = instant(record)
                    if at >= end + 86_400, record.sampleInstant != nil { throw Enough() }
                    if at < end { lines.append(line) }
                }
            } catch {}
            return lines
        }
    }

    private static func instant(_ record: HistoryRecord) -> UnixSeconds {
        switch record {
        case .status(let r): r.at
        case .connectionPoint(let r): r.at
        case .onlineClients(let r): r.at
        case .endpointTraffic(let r): r.at
        case .egress(let r): r.at
        case .storage(let r): r.at
        case .onlineClientsByNetwork(let r): r.at
        case .reportedEgress(let r): r.at
        case .gateway(let r): r.at
        case .alertConfig(let r): r.at
        case .operation(let r): r.requestedAt
        case .credential(let r): r.expiresAt
        }
    }

    /// Lines with the keys of some of `lines` and other values, one per sample kind found.
    static func conflicting(_ lines: [String]) throws -> [String] {
        var out: [String] = []
        var kinds: Set<String> = []
        for line in lines {
            var record = try HistoryRecord(ndjsonLine: line)
            switch record {
            case .onlineClients(var r): r.count += 1; record = .onlineClients(r)
            case .endpointTraffic(var r): r.requestCount += 1; r.responseCount += 1; record = .endpointTraffic(r)
            case .egress(var r): r.bytes += 1; record = .egress(r)
            case .storage(var r): r.usedBytes += 1; record = .storage(r)
            case .status(var r): r.description += " (changed)"; record = .status(r)
            case .connectionPoint(var r): r.status = (r.status + 1) % 3; record = .connectionPoint(r)
            default: continue
            }
            guard kinds.insert(record.typeName).inserted || out.count < 12 else { continue }
            out.append(try record.ndjsonLine())
        }
        return out
    }

    /// `count` parts of `lines`, each about half of them (so they overlap), shuffled with `seed`.
    static func overlappingParts(_ lines: [String], count: Int, seed: UInt64) -> [[String]] {
        var generator = SplitMix64(seed: seed)
        return (0..<count).map { part in
            var chosen = lines.enumerated().filter { ($0.offset + part) % count != 0 || $0.offset % 2 == 0 }.map(\.element)
            chosen.shuffle(using: &generator)
            return chosen
        }
    }

    /// The counts and the line-by-line rejections and conflicts agree.
    static func expectSameOutcomes(_ sqlite: ImportSummary, _ postgres: ImportSummary, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(sqlite.inserted == postgres.inserted, sourceLocation: sourceLocation)
        #expect(sqlite.updated == postgres.updated, sourceLocation: sourceLocation)
        #expect(sqlite.duplicates == postgres.duplicates, sourceLocation: sourceLocation)
        #expect(sqlite.rejected == postgres.rejected, sourceLocation: sourceLocation)
        #expect(sqlite.conflicts == postgres.conflicts, sourceLocation: sourceLocation)
        #expect(sqlite.insertedByType == postgres.insertedByType, sourceLocation: sourceLocation)
        #expect(sqlite.rejections.map { "\($0.line) \($0.problem)" } == postgres.rejections.map { "\($0.line) \($0.problem)" },
                sourceLocation: sourceLocation)
        #expect(sqlite.conflictList.map { "\($0.line) \($0.problem.message)" }.sorted()
                == postgres.conflictList.map { "\($0.line) \($0.problem.message)" }.sorted(), sourceLocation: sourceLocation)
    }

    /// Every table of ``HistoryTable/all`` holds the same rows on both, read through ``TableReads``
    /// (PostgreSQL's in pages, through its keyset paging).
    static func expectSameTables(_ sqlite: SQLiteSide, _ postgres: PostgresSide, minimumTables: Int = 8,
                                 sourceLocation: SourceLocation = #_sourceLocation) throws {
        let left = try sqlite.store.snapshot { snapshot in try HistoryTable.all.map { try snapshot.rows($0, after: nil, limit: Int.max) } }
        let right = try PostgresSnapshot.read(postgres.database.connection) { snapshot in
            try HistoryTable.all.map { try pagedRows(snapshot, $0) }
        }
        var nonEmpty = 0
        for (table, (a, b)) in zip(HistoryTable.all, zip(left, right)) {
            if !a.isEmpty { nonEmpty += 1 }
            #expect(a.count == b.count, "\(table.name): \(a.count) rows on SQLite, \(b.count) on PostgreSQL", sourceLocation: sourceLocation)
            let sortedA = a.map { "\($0)" }.sorted(), sortedB = b.map { "\($0)" }.sorted()
            if sortedA != sortedB {
                let first = zip(sortedA, sortedB).first { $0 != $1 }
                Issue.record("\(table.name) differs: \(first.map { "SQLite \($0.0) / PostgreSQL \($0.1)" } ?? "in length")",
                             sourceLocation: sourceLocation)
            }
        }
        #expect(nonEmpty >= minimumTables, "too few tables hold rows for the comparison to mean much", sourceLocation: sourceLocation)
    }

    /// All rows of `table`, 500 at a time after the last page's key.
    static func pagedRows(_ snapshot: PostgresSnapshot, _ table: HistoryTable) throws -> [[StoreValue]] {
        var rows: [[StoreValue]] = []
        var key: [StoreValue]?
        while true {
            let page = try snapshot.rows(table, after: key, limit: 500)
            rows += page
            guard page.count == 500, let last = page.last else { break }
            key = Array(last.prefix(table.key.count))
        }
        #expect(try snapshot.rowCount(table) == Int64(rows.count))
        #expect(try snapshot.lastKey(table) == rows.last.map { Array($0.prefix(table.key.count)) })
        return rows
    }
}

/// Demo lines made once per run: generating and decoding 120 days in a debug build takes minutes.
final class DemoLinesCache: @unchecked Sendable {
    static let shared = DemoLinesCache()
    private let lock = NSLock()
    private var made: [String: [String]] = [:]

    /// The lines for (days, seed), made by `make` on first request while others wait.
    func lines(days: Int, seed: UInt64, _ make: () -> [String]) -> [String] {
        lock.lock()
        defer { lock.unlock() }
        let key = "\(days)/\(seed)"
        if let lines = made[key] { return lines }
        let lines = make()
        made[key] = lines
        return lines
    }
}
