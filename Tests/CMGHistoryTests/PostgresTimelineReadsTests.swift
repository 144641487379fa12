import Foundation
import Testing
@testable import CMGHistory

extension PostgresTests {
    /// The timeline's reads and its extract on PostgreSQL answer what SQLite answers over the same
    /// rows: a SQLite history mirrored row for row into a fresh schema (``PostgresMirror``), then
    /// every read asked of both.
    @Suite("PostgreSQL timeline reads and extract: the same as SQLite's over the same rows")
    struct TimelineReads {
        /// A PostgreSQL store on a fresh schema holding `source`'s rows; nil without a server.
        @discardableResult
        static func withMirror<T>(of source: HistoryStore, _ body: (HistoryStore) throws -> T) throws -> T? {
            try PostgresTestServer.withFreshSchema { location, _ in
                let store = try HistoryStore(location: .postgres(location))
                guard case .postgres(let postgres) = store.backend else { throw PostgresTestServer.Unavailable() }
                let copied = try postgres.pool.withConnection { try PostgresMirror.copy(source, into: $0) }
                #expect(copied > 0)
                return try body(store)
            }
        }

        /// `read` of both stores' snapshots, expected equal; returns SQLite's answer.
        @discardableResult
        static func expectSame<T: Equatable>(_ sqlite: HistoryStore, _ postgres: HistoryStore, _ what: String,
                                             sourceLocation: SourceLocation = #_sourceLocation,
                                             _ read: (any StoreSnapshot) throws -> T) throws -> T {
            let expected = try sqlite.snapshot(read)
            let actual = try postgres.snapshot(read)
            #expect(expected == actual, "\(what)", sourceLocation: sourceLocation)
            return expected
        }

        /// Every row of every history table of both stores, expected equal table by table.
        static func expectSameTables(_ a: HistoryStore, _ b: HistoryStore, sourceLocation: SourceLocation = #_sourceLocation) throws {
            for table in HistoryTable.all {
                let left = try a.snapshot { try $0.rows(table, after: nil, limit: Int.max) }
                let right = try b.snapshot { try $0.rows(table, after: nil, limit: Int.max) }
                #expect(left.count == right.count && left == right, "\(table.name): \(left.count) rows against \(right.count)",
                        sourceLocation: sourceLocation)
            }
        }

        /// Instants across `span`: its ends, a step past each, and points between.
        static func instants(_ span: (first: UnixSeconds, last: UnixSeconds)) -> [UnixSeconds] {
            let step = max(1, (span.last - span.first) / 7)
            return [.min, span.first - 1, span.first, span.first + 1] + (1...6).map { span.first + Int64($0) * step }
                + [span.last, span.last + 1, span.last + 86_400]
        }

        @Test func everyTimelineReadOfTheDemoIsSQLitesOverTheSameRows() throws {
            // Given the demo history (every record kind) in SQLite, and its rows mirrored into PostgreSQL
            let sqlite = try GoldenReportTests.demo.get()
            let gateways = try sqlite.snapshot { try $0.allGateways() }
            let span = try #require(try sqlite.snapshot { try $0.dataInstants() })
            let instants = Self.instants(span)
            let ranges = zip(instants.dropLast(), instants.dropFirst()).map { ($0, $1) } + [(span.first, span.last + 1), (.min, .max)]
            try Self.withMirror(of: sqlite) { postgres in
                var counts = (points: 0, statuses: 0, records: 0, credentials: 0, hours: 0, operations: 0)
                for gateway in gateways {
                    let id = gateway.id
                    // When each read is asked of both, Then both answer the same, in the same order
                    let points = try Self.expectSame(sqlite, postgres, "connection points of \(gateway.name)") { try $0.connectionPoints(gatewayID: id) }
                    counts.points += points.count
                    for point in points {
                        for instant in instants {
                            for status in [nil, 0, 1, 2] as [Int64?] {
                                try Self.expectSame(sqlite, postgres, "latest status of \(point.server) before \(instant) not \(String(describing: status))") {
                                    try $0.latestConnectionPointStatus(point.id, before: instant, differentFrom: status)
                                }
                            }
                        }
                        for (start, end) in ranges {
                            try Self.expectSame(sqlite, postgres, "first status of \(point.server) in \(start)..\(end)") {
                                try $0.firstConnectionPointStatusTime(point.id, after: start, before: end)
                            }
                            counts.statuses += try Self.expectSame(sqlite, postgres, "statuses of \(point.server) in \(start)..\(end)") {
                                try $0.connectionPointStatuses(point.id, from: start, to: end)
                            }.count
                        }
                    }
                    for instant in instants {
                        try Self.expectSame(sqlite, postgres, "configuration of \(gateway.name) before \(instant)") {
                            try $0.configuration(gatewayID: id, before: instant)
                        }
                    }
                    counts.credentials += try Self.expectSame(sqlite, postgres, "credentials of \(gateway.name)") {
                        try $0.identifiedCredentials(gatewayID: id)
                    }.count
                    for (start, end) in ranges {
                        counts.records += try Self.expectSame(sqlite, postgres, "configuration records of \(gateway.name) in \(start)..\(end)") {
                            try $0.configurationRecords(gatewayID: id, from: start, to: end)
                        }.count
                        counts.operations += try Self.expectSame(sqlite, postgres, "operations of \(gateway.name) in \(start)..\(end)") {
                            try $0.operations(gatewayID: id, touchingFrom: start, to: end)
                        }.count
                        for metric in RollupMetric.allCases {
                            counts.hours += try Self.expectSame(sqlite, postgres, "hourly \(metric) of \(gateway.name) in \(start)..\(end)") {
                                try $0.hourlyTotals(gatewayID: id, metric: metric, from: start, to: end).sorted { $0.hourStart < $1.hourStart }
                            }.count
                        }
                    }
                }
                // And the demo gave each read rows to answer with
                #expect(gateways.count >= 2 && counts.credentials > 0 && counts.records > 0 && counts.hours > 0 && counts.operations > 0,
                        "\(counts)")
            }
        }

        @Test func theExtractOfTheDemosIncidentIsSQLitesAndGivesTheSameTimeline() throws {
            // Given the demo mirrored into PostgreSQL, and the app secret incident's timeline on SQLite
            let sqlite = try GoldenReportTests.demo.get()
            let zone = try ReportZone(identifier: "America/Los_Angeles")
            let window = TimelineRequest.window(around: Timestamp.parse("2026-10-08T18:00:00Z") ?? 0, width: 16 * 3600)
            let request = TimelineRequest(window: window, zone: zone)
            let timeline = try sqlite.timeline(request)
            let scope = timeline.extractScope
            try Self.withMirror(of: sqlite) { postgres in
                // When the incident's extract is written from each
                let folder = try TemporaryFolder()
                try sqlite.writeExtract(of: scope, to: folder.path("from-sqlite.sqlite"))
                try postgres.writeExtract(of: scope, to: folder.path("from-postgres.sqlite"))
                let fromSQLite = try HistoryStore(path: folder.path("from-sqlite.sqlite"), access: .readOnly)
                let fromPostgres = try HistoryStore(path: folder.path("from-postgres.sqlite"), access: .readOnly)
                // Then both hold the same rows, table by table, and something of the incident
                try Self.expectSameTables(fromSQLite, fromPostgres)
                #expect(try fromPostgres.snapshot { try $0.rowCount(try #require(HistoryTable.all.first { $0.name == "credential" })) } > 0)
                // And the timeline of the extract is the source's, byte for byte
                let extracted = try JSONRender.render(try fromPostgres.timeline(request))
                #expect(extracted == (try JSONRender.render(try fromSQLite.timeline(request))))
                #expect(extracted == (try JSONRender.render(timeline)))
            }
        }

        @Test(arguments: ["app secret", "connector"])
        func theExtractOfAStoryIsSQLitesAndGivesTheSameTimeline(_ story: String) throws {
            // Given a timeline story in SQLite (a credential with extra fields; connection points),
            // mirrored into PostgreSQL
            let folder = try TemporaryFolder()
            let sqlite: HistoryStore
            let window: ReportPeriod
            if story == "connector" {
                sqlite = try TimelineTests().connectorStory(folder)
                window = ReportPeriod(start: TimelineTests.t("2026-08-21T08:00:00Z"), end: TimelineTests.t("2026-08-21T13:00:00Z"))
            } else {
                sqlite = try folder.store()
                try importNDJSON(TimelineTests.appSecretStory(), into: sqlite, folder: folder)
                window = ReportPeriod(start: TimelineTests.t("2026-10-08T18:00:00Z"), end: TimelineTests.t("2026-10-09T02:00:00Z"))
            }
            let request = TimelineRequest(window: window, zone: .utc)
            let timeline = try sqlite.timeline(request)
            try Self.withMirror(of: sqlite) { postgres in
                // When its extract is written from each
                try sqlite.writeExtract(of: timeline.extractScope, to: folder.path("story-sqlite.sqlite"))
                try postgres.writeExtract(of: timeline.extractScope, to: folder.path("story-postgres.sqlite"))
                let fromSQLite = try HistoryStore(path: folder.path("story-sqlite.sqlite"), access: .readOnly)
                let fromPostgres = try HistoryStore(path: folder.path("story-postgres.sqlite"), access: .readOnly)
                // Then both hold the same rows (credentials without their extra fields) and give the source's timeline
                try Self.expectSameTables(fromSQLite, fromPostgres)
                #expect(!timeline.items.isEmpty)
                let rendered = try JSONRender.render(try fromPostgres.timeline(request))
                #expect(rendered == (try JSONRender.render(try fromSQLite.timeline(request))))
                #expect(rendered == (try JSONRender.render(timeline)))
            }
        }

        @Test func logReadsAndTheirExtractAreSQLitesOverTheSameRows() throws {
            // Given the real logs and fixtures ingested into SQLite (entries, events, a gateway's
            // statistics), mirrored into PostgreSQL
            let folder = try TemporaryFolder()
            let sqlite = try folder.store()
            let rules = try LogRuleSet.defaults()
            for path in try Logs.files(in: folder) { _ = try LogIngester(store: sqlite, rules: rules, now: Logs.now).ingestFile(at: path) }
            try Self.withMirror(of: sqlite) { postgres in
                // When the notable entries of windows across them are read, and every one cited
                let times = try sqlite.snapshot { reads -> [Int64] in
                    try reads.notableLogEntries(fromMilliseconds: .min, toMilliseconds: .max).compactMap { $0.utcMilliseconds ?? $0.localMilliseconds }
                }
                let first = try #require(times.min()), last = try #require(times.max())
                let step = max(1, (last - first) / 5)
                let bounds = [Int64.min, first - 1, first] + (1...4).map { first + $0 * step } + [last, last + 1, .max]
                var notable: [NotableLogEntry] = []
                for (from, to) in zip(bounds.dropLast(), bounds.dropFirst()) {
                    notable += try Self.expectSame(sqlite, postgres, "notable entries in \(from)..\(to)") {
                        try $0.notableLogEntries(fromMilliseconds: from, toMilliseconds: to)
                    }
                }
                // Then both answer the same entries with the same events, and cite them alike
                // (20 in the fixtures alone, 66 with the real logs beside the package)
                #expect(notable.count >= (LogRealSampleTests.available ? 60 : 20) && notable.contains { $0.events.count > 0 })
                let ids = notable.map(\.id) + [0, -1, 9_999_999]
                let cited = try Self.expectSame(sqlite, postgres, "cited entries") { try $0.citedLogEntries(ids) }
                #expect(cited.count == notable.count)
                // And an extract of the logs' window holds the same rows from either
                let window = ReportPeriod(start: first.floorDivided(by: 1000), end: last.floorDivided(by: 1000) + 1)
                let names = try sqlite.snapshot { try $0.allGateways().map(\.name) }
                let scope = ExtractScope(gateways: names, window: window, evidenceStart: window.start)
                try sqlite.writeExtract(of: scope, to: folder.path("logs-sqlite.sqlite"))
                try postgres.writeExtract(of: scope, to: folder.path("logs-postgres.sqlite"))
                let fromSQLite = try HistoryStore(path: folder.path("logs-sqlite.sqlite"), access: .readOnly)
                let fromPostgres = try HistoryStore(path: folder.path("logs-postgres.sqlite"), access: .readOnly)
                try Self.expectSameTables(fromSQLite, fromPostgres)
                #expect(try fromPostgres.logEntries(LogEntryFilter()).count > 0)
                // And its full-text index was rebuilt: words find entries in it
                var search = LogEntryFilter()
                search.text = "Forbidden"
                #expect(try fromPostgres.logEntries(search) == (try fromSQLite.logEntries(search)))
            }
        }
    }
}
