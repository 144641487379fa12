import Foundation
import Testing
@testable import CMGHistory

extension PostgresTests {
    /// `db copy` through PostgreSQL: SQLite → PostgreSQL → SQLite keeps every row, id and search.
    @Suite("PostgreSQL copy: SQLite → PostgreSQL → SQLite equal table by table")
    struct Copy {
        /// Every row of every table, as a sorted list (the backends order text keys differently).
        static func tables(_ store: HistoryStore) throws -> [String: [String]] {
            try store.snapshot { snapshot in
                var all: [String: [String]] = [:]
                for table in HistoryTable.all {
                    all[table.name] = try snapshot.rows(table, after: nil, limit: Int(Int32.max)).map { "\($0)" }.sorted()
                }
                return all
            }
        }

        /// A SQLite history of every record type, two days of samples, a pruned hour, and log entries.
        static func source(in folder: TemporaryFolder) throws -> HistoryStore {
            let store = try folder.store("source.sqlite")
            let url = try #require(Bundle.module.url(forResource: "Fixtures/every-record-type", withExtension: "ndjson"))
            try importNDJSON(String(contentsOf: url, encoding: .utf8), into: store, folder: folder)
            try importNDJSON(StoreConformanceTests.twoDays.joined(separator: "\n"), into: store, folder: folder, name: "days.ndjson")
            _ = try store.prune(keepDays: 1, now: StoreConformanceTests.period.end)
            let lines = LogSearchTests.messages.enumerated().map { n, message in
                "<![LOG[\(message)]LOG]!><time=\"10:00:0\(n).000+0\" date=\"08-21-2026\" component=\"CloudMgr\" context=\"\" type=\"2\" thread=\"1\" file=\"\">\r\n"
            }
            _ = try LogIngester(store: store, rules: try LogRuleSet.defaults(), now: 1_790_900_000)
                .ingestFile(at: try folder.write("CloudMgr.log", lines.joined()))
            return store
        }

        @Test func aHistoryCopiedToPostgresAndBackEqualsTheSource() throws {
            guard PostgresTestServer.isAvailable else { return }
            // Given a SQLite history
            let folder = try TemporaryFolder()
            let source = try Self.source(in: folder)
            let expected = try Self.tables(source)
            #expect(expected["log_entry"]?.count == LogSearchTests.messages.count)

            // When it is copied to PostgreSQL, and from there into a new SQLite file
            let postgres = try ConformanceBackend.postgres.makeStore(in: folder)
            let there = try source.copy(to: postgres)
            let back = try folder.store("back.sqlite")
            let again = try postgres.copy(to: back)

            // Then each end holds the source's rows, table by table, ids and all
            #expect(try Self.tables(postgres) == expected)
            #expect(try Self.tables(back) == expected)
            // And both ends answer the source's capacity reports
            let months: [(year: Int, month: Int)] = [(2026, 10)]
            #expect(there.reportDigest == (try source.reportDigest(months: months)))
            #expect(again.reportDigest == (try source.reportDigest(months: months)))
            #expect(try back.reportDigest(months: months) == source.reportDigest(months: months))
            // And PostgreSQL's search finds the copied messages by the writer's tokens
            var filter = LogEntryFilter()
            filter.text = "echoue"
            #expect(try postgres.snapshot { try $0.logEntries(matching: filter) }.map(\.entry.message) == [LogSearchTests.messages[2]])
            // And a later import gets fresh ids past the copied ones, and a second copy adds nothing
            let added = try importNDJSON(#"{"type":"online_clients","gateway":"New.contoso.com","at":"2026-10-05T00:00:00Z","count":1}"#,
                                         into: postgres, folder: folder, name: "new.ndjson")
            #expect(added.inserted == 1 && added.rejected == 0, "\(added.rejections)")
            let second = try source.copy(to: back)
            #expect(second.tables.allSatisfy { $0.copiedRows == 0 })
        }

        @Test func anInterruptedCopyToPostgresIsCompletedByTheNextRun() throws {
            guard PostgresTestServer.isAvailable else { return }
            // Given a PostgreSQL destination holding only the first rows of some tables
            let folder = try TemporaryFolder()
            let source = try Self.source(in: folder)
            let postgres = try ConformanceBackend.postgres.makeStore(in: folder)
            for table in HistoryTable.all.prefix(12) {
                _ = try postgres.insertCopied(try source.snapshot { try $0.rows(table, after: nil, limit: 100) }, into: table)
            }
            // (a page given twice is stored once)
            let first = try #require(HistoryTable.all.first { $0.name == "online_clients_sample" })
            #expect(try postgres.insertCopied(try source.snapshot { try $0.rows(first, after: nil, limit: 100) }, into: first) == 0)

            // When the copy runs
            _ = try source.copy(to: postgres)

            // Then the result is whole
            #expect(try Self.tables(postgres) == Self.tables(source))
        }

        @Test func aPostgresDestinationHoldingAnotherHistoryIsRefusedUntouched() throws {
            guard PostgresTestServer.isAvailable else { return }
            // Given a PostgreSQL destination with a gateway of its own
            let folder = try TemporaryFolder()
            let source = try Self.source(in: folder)
            let postgres = try ConformanceBackend.postgres.makeStore(in: folder)
            try importNDJSON(#"{"type":"online_clients","gateway":"Other.fabrikam.com","at":"2026-10-01T00:00:00Z","count":1}"#,
                             into: postgres, folder: folder, name: "other.ndjson")
            let before = try Self.tables(postgres)

            // When the copy runs, then it is refused, and the destination holds what it held
            let error = #expect(throws: StoreError.self) { try source.copy(to: postgres) }
            #expect("\(String(describing: error))".contains("Other.fabrikam.com"))
            #expect(try Self.tables(postgres) == before)
        }
    }
}
