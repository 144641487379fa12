import Foundation
import Testing
@testable import CMGHistory

extension PostgresTests {
    /// `db prune` on PostgreSQL: whole months detached and dropped, never a long DELETE.
    @Suite("PostgreSQL prune: whole month partitions, rollups first, imports go on")
    struct Prune {
        /// 2026-11-01T00:00:00Z, the month after the conformance suite's two days.
        static let november: UnixSeconds = 1_793_491_200

        /// `count` 5-minute online-client samples of G1 from `start`.
        static func samples(from start: UnixSeconds, count: Int, gateway: String = "G1.contoso.com") -> String {
            (0..<count).map { step in
                #"{"type":"online_clients","gateway":"\#(gateway)","at":"\#(Timestamp.format(start + Int64(step) * 300))","count":\#(step % 500 + 1)}"#
            }.joined(separator: "\n")
        }

        static func partitions(_ store: HistoryStore, _ folder: TemporaryFolder) throws -> Set<String> {
            guard case let .postgres(postgres) = store.backend else { return [] }
            return try postgres.pool.withConnection { try PostgresPartitions.partitions($0, table: "online_clients_sample") }
        }

        static func table(_ name: String, _ store: HistoryStore) throws -> [[StoreValue]] {
            let table = try #require(HistoryTable.all.first { $0.name == name })
            return try store.snapshot { try $0.rows(table, after: nil, limit: Int(Int32.max)) }
        }

        @Test func theCutRoundsDownToItsMonthAndWholeMonthsAreDropped() throws {
            guard PostgresTestServer.isAvailable else { return }
            // Given October's two days and a day of November
            let folder = try TemporaryFolder()
            let store = try ConformanceBackend.postgres.makeStore(in: folder)
            try importNDJSON(StoreConformanceTests.twoDays.joined(separator: "\n"), into: store, folder: folder)
            try importNDJSON(Self.samples(from: Self.november, count: 288), into: store, folder: folder, name: "nov.ndjson")
            let rollups = try Self.table("rollup_hour", store)

            // When a prune keeps 1 day on October 2: the cut rounds down to October 1, so nothing goes
            let early = try store.prune(keepDays: 1, now: StoreConformanceTests.period.start + 2 * 86_400)
            #expect(early.rawKeptFrom == "2026-10-01T00:00:00Z")
            #expect(early.deletedRows["online_clients_sample"] == 0)
            #expect(early.wholeMonths == true)
            // And on November 2: the cut is November 1, and October's partition is dropped
            let summary = try store.prune(keepDays: 1, now: Self.november + 86_400 + 7_200)

            // Then every October sample is gone with its partition, November's stay, and rollups are untouched
            #expect(summary.rawKeptFrom == "2026-11-01T00:00:00Z")
            #expect(summary.deletedRows["online_clients_sample"] == 576)
            #expect(summary.deletedRows.keys.sorted() == SQLiteStore.prunableTables.sorted())
            #expect(summary.freedBytes > 0)
            #expect(try Self.partitions(store, folder) == ["online_clients_sample_p202611"])
            #expect(try Self.table("online_clients_sample", store).count == 288)
            #expect(try Self.table("rollup_hour", store) == rollups)
            #expect(PruneSummaryText.render(summary).contains("PostgreSQL drops whole months"))
            // And a later import of a pruned instant is refused as on SQLite, creating no partition
            let late = try importNDJSON(StoreConformanceTests.twoDays[5], into: store, folder: folder, name: "late.ndjson")
            #expect(late.rejected == 1)
            #expect(late.rejections.first?.problem.reason.contains("pruned") == true, "\(late.rejections)")
            // And a second prune finds nothing more to drop
            #expect(try store.prune(keepDays: 1, now: Self.november + 86_400).deletedRows.values.reduce(0, +) == 0)
        }

        @Test func missingRollupHoursAreBuiltFromTheRawRowsBeforeTheirMonthIsDropped() throws {
            guard PostgresTestServer.isAvailable else { return }
            // Given October's samples and their rollups, some of which were lost
            let folder = try TemporaryFolder()
            let store = try ConformanceBackend.postgres.makeStore(in: folder)
            try importNDJSON(StoreConformanceTests.twoDays.joined(separator: "\n"), into: store, folder: folder)
            let rollups = try Self.table("rollup_hour", store)
            guard case let .postgres(postgres) = store.backend else { return }
            try postgres.pool.withConnection { connection in
                _ = try connection.query("DELETE FROM rollup_hour WHERE hour_start < $1", [.int64(StoreConformanceTests.period.start + 3 * 3600)])
            }
            #expect(try Self.table("rollup_hour", store).count == rollups.count - 3)

            // When October is pruned
            let summary = try store.prune(keepDays: 1, now: Self.november + 86_400)

            // Then the three hours were computed first, equal to what the import had made
            #expect(summary.rollupsBuilt == 3)
            #expect(summary.deletedRows["online_clients_sample"] == 576)
            #expect(try Self.table("rollup_hour", store) == rollups)
        }

        @Test func aMonthAnInterruptedPruneDetachedButDidNotDropIsDroppedByTheNext() throws {
            guard PostgresTestServer.isAvailable else { return }
            // Given October's samples, whose partition a prune detached before it stopped
            let folder = try TemporaryFolder()
            let store = try ConformanceBackend.postgres.makeStore(in: folder)
            try importNDJSON(StoreConformanceTests.twoDays.joined(separator: "\n"), into: store, folder: folder)
            guard case let .postgres(postgres) = store.backend else { return }
            try postgres.pool.withConnection { connection in
                _ = try connection.execute("ALTER TABLE online_clients_sample DETACH PARTITION online_clients_sample_p202610")
            }

            // When the prune runs again
            let summary = try store.prune(keepDays: 1, now: Self.november + 86_400)

            // Then the detached month is counted and dropped
            #expect(summary.deletedRows["online_clients_sample"] == 576)
            let left = try postgres.pool.withConnection { connection in
                try connection.query("SELECT count(*) FROM pg_class WHERE relname = 'online_clients_sample_p202610' AND relnamespace = current_schema()::regnamespace")
                    .int64(row: 0, column: 0)
            }
            #expect(left == 0)
        }

        @Test func importsIntoTheCurrentMonthGoOnWhilePruneDropsOldMonths() throws {
            guard PostgresTestServer.isAvailable else { return }
            // Given four months of samples (July to October), with their rollups
            let folder = try TemporaryFolder()
            let store = try ConformanceBackend.postgres.makeStore(in: folder)
            let july: UnixSeconds = 1_782_864_000
            try importNDJSON(Self.samples(from: july, count: 34_000), into: store, folder: folder, name: "old.ndjson")
            let before = try Self.table("rollup_hour", store).filter { row in
                if case .integer(let hour) = row[2] { return hour < Self.november } else { return false }
            }
            let files = try (0..<12).map { part in
                try folder.write("nov\(part).ndjson", Self.samples(from: Self.november + Int64(part) * 24 * 3600, count: 288, gateway: "G\(part % 3).contoso.com"))
            }

            // When one thread prunes everything before November while another imports November, file by file
            let results = runConcurrently(2) { index in
                if index == 0 {
                    let summary = try store.prune(keepDays: 1, now: Self.november + 86_400)
                    guard summary.deletedRows["online_clients_sample"] == 34_000 else { throw PostgresError(.statement, message: "\(summary)") }
                } else {
                    for file in files {
                        let imported = try NDJSONImporter(store: store).importFile(at: file)
                        guard imported.inserted == 288 else { throw PostgresError(.statement, message: "\(imported)") }
                    }
                }
            }

            // Then both finished without error, November holds every sample, and the pruned months' rollups are intact
            #expect(results.allSatisfy { $0 == nil }, "\(results)")
            #expect(try Self.table("online_clients_sample", store).count == 12 * 288)
            #expect(try Self.partitions(store, folder) == ["online_clients_sample_p202611"])
            let after = try Self.table("rollup_hour", store).filter { row in
                if case .integer(let hour) = row[2] { return hour < Self.november } else { return false }
            }
            #expect(after == before)
        }
    }
}
