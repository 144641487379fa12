import Foundation
import GRDB
import Testing
@testable import CMGHistory

/// The search tokenizer PostgreSQL's index is fed from cuts every text as SQLite's FTS5 does:
/// checked against FTS5 itself, so it runs without a server.
@Suite("Log search tokens: the same as FTS5's unicode61")
struct LogSearchTokenizerTests {
    /// FTS5's tokens of `text`, in order, from its `fts5vocab` instance table.
    static func fts5Tokens(_ texts: [String]) throws -> [[String]] {
        let queue = try DatabaseQueue()
        return try queue.write { db in
            try db.execute(sql: "CREATE VIRTUAL TABLE t USING fts5(m); CREATE VIRTUAL TABLE v USING fts5vocab(t, instance)")
            for (index, text) in texts.enumerated() {
                try db.execute(sql: "INSERT INTO t(rowid, m) VALUES (?, ?)", arguments: [index + 1, text])
            }
            var tokens = Array(repeating: [String](), count: texts.count)
            for row in try Row.fetchAll(db, sql: "SELECT doc, term FROM v ORDER BY doc, offset") {
                let doc: Int = row[0]
                tokens[doc - 1].append(row[1])
            }
            return tokens
        }
    }

    static let tricky = [
        "The remote server returned an error: (403) Forbidden.", "CMGConnector_Clientcertificaterequired for CCM_STS",
        "Déploiement échoué ÉCHOUÉ", "straße ﬁx İstanbul Ωmega ά ǅemal", "x\u{301}y \u{301}alone", "कि हिन्दी",
        "GraniteFalls.contoso.com https://GraniteFalls.contoso.com/CCM_Proxy_MutualAuth/72057594037928022/SMS_MP 5.00.9012.1000",
        "tab\tnew\nline ~~ 3.14 1e5 -12 0x1F user@contoso.com C:\\Windows\\ccmsetup.log", "日本語のテキスト、句読点。", "Ⅻ ² ½ ٣",
        "emoji 🎉 here", "\u{E000}private", "", "   ",
    ]

    @Test func trickyTextsGiveFTS5sTokens() throws {
        // Given texts with every kind of separator, case, accent and script
        // When both tokenizers cut them, Then the tokens are the same, in the same order
        let expected = try Self.fts5Tokens(Self.tricky)
        for (text, tokens) in zip(Self.tricky, expected) {
            #expect(LogSearchTokenizer.tokens(text).map { String(decoding: $0, as: UTF8.self) } == tokens, "\(text.debugDescription)")
        }
        // A NUL separates (a bound parameter would end at it here; the log path's stored value
        // does not, and FTS5 indexes all of it: the PostgreSQL suite searches such an entry)
        #expect(LogSearchTokenizer.tokens("a\u{0}b") == [[UInt8(ascii: "a")], [UInt8(ascii: "b")]])
    }

    @Test(.enabled(if: LogRealSampleTests.available, "skipped: ../shared/samples/real-logs is absent beside the package"))
    func everyMessageOfTheRealLogsGivesFTS5sTokens() throws {
        // Given every entry of the real logs and the fixtures
        var messages: [String] = []
        for url in PostgresLogTests.sampleFiles() {
            messages += LogParser.entries(in: [UInt8](try Data(contentsOf: url))).map(\.message)
        }
        #expect(messages.count > 500)
        // When both tokenizers cut them, Then the tokens are the same
        let expected = try Self.fts5Tokens(messages)
        let mismatched = zip(messages, expected).filter { LogSearchTokenizer.tokens($0.0).map { String(decoding: $0, as: UTF8.self) } != $0.1 }
        #expect(mismatched.isEmpty, "\(mismatched.prefix(3).map(\.0))")
    }

    @Test func aQueryIsOnePhrasePerWordAndWordsWithoutTokensAreDropped() {
        #expect(PostgresSearchVector.query("CCM_STS (403)") == .matching("('ccm' <-> 'sts') & ('403')"))
        #expect(PostgresSearchVector.query(" \t ") == .none)
        #expect(PostgresSearchVector.query("---") == .nothing)
        #expect(PostgresSearchVector.query("--- Échoué") == .matching("('echoue')"))
        #expect(PostgresSearchVector.query(String(repeating: "a", count: 2048)) == .nothing)
    }
}

/// The log path on PostgreSQL stores what SQLite stores and finds what SQLite finds.
enum PostgresLogTests {
    /// The real logs (not their `.source.txt` notes) and the log fixtures.
    static func sampleFiles() -> [URL] {
        var files: [URL] = []
        if LogRealSampleTests.available {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: LogRealSampleTests.folder.path)) ?? []
            files += names.filter { !$0.hasSuffix(".source.txt") }.sorted().map { LogRealSampleTests.folder.appendingPathComponent($0) }
        }
        for name in ["CMG-GraniteFalls-ProxyService_IN_0-CMGService", "CloudMgr", "quirks-cmtrace", "server-format"] {
            if let url = Bundle.module.url(forResource: "Fixtures/logs/" + name, withExtension: "log") { files.append(url) }
        }
        return files
    }
}

extension PostgresTests {
    @Suite("PostgreSQL log path: the same rows and searches as SQLite")
    struct Logs {
        static let now: UnixSeconds = 1_790_900_000
        static let tables = ["log_file", "log_file_prefix", "log_entry", "log_event"]
        static let searchMessages = LogSearchTests.messages + ["ÉCHOUÉ à GraniteFalls.contoso.com", "x\u{301}y a\u{0}b", "日本語、テキスト"]

        /// Copies the sample files into `folder` (one search file more) and returns their paths.
        static func files(in folder: TemporaryFolder) throws -> [String] {
            var paths: [String] = []
            for url in PostgresLogTests.sampleFiles() {
                paths.append(try folder.write(url.lastPathComponent, String(decoding: try Data(contentsOf: url), as: UTF8.self)))
            }
            let lines = searchMessages.enumerated().map { n, message in
                "<![LOG[\(message)]LOG]!><time=\"10:00:\(10 + n).000+0\" date=\"08-21-2026\" component=\"CloudMgr\" context=\"\" type=\"\(1 + n % 3)\" thread=\"1\" file=\"\">\r\n"
            }
            paths.append(try folder.write("CloudMgr-search.log", lines.joined()))
            return paths
        }

        /// The tables the statistics lines' traffic samples fill, through the record path.
        static let trafficTables = ["gateway", "endpoint", "endpoint_traffic_sample", "gateway_traffic_sample", "rollup_hour", "rollup_day"]

        /// Both stores, each fed `paths` by its ingester; returns the summaries, SQLite's first.
        static func ingest(_ paths: [String], sqlite: HistoryStore, postgres: HistoryStore) throws -> ([LogIngestSummary], [LogIngestSummary]) {
            let rules = try LogRuleSet.defaults()
            let onSQLite = LogIngester(store: sqlite, rules: rules, now: now)
            let onPostgres = LogIngester(store: postgres, rules: rules, now: now)
            return (try paths.map { try onSQLite.ingestFile(at: $0) }, try paths.map { try onPostgres.ingestFile(at: $0) })
        }

        /// Every row of `name`, its columns as ``HistoryTable/all`` lists them, in key order,
        /// through the store's snapshot's ``TableReads``.
        static func rows(_ name: String, _ store: HistoryStore) throws -> [[StoreValue]] {
            let table = try #require(HistoryTable.all.first { $0.name == name })
            return try store.snapshot { try $0.rows(table, after: nil, limit: 10_000_000) }
        }

        /// Expects `tables` equal on both, row for row.
        static func expectSameRows(_ sqlite: HistoryStore, _ postgres: HistoryStore, tables: [String] = tables) throws {
            for name in tables {
                #expect(firstDifference(try rows(name, sqlite), try rows(name, postgres)) == nil, "\(name)")
            }
        }

        /// Expects the same events on both, each as its entry, kind, rule, severity, gateway and
        /// details: an event added after others were removed gets the next free rowid on SQLite
        /// and the next sequence value on PostgreSQL, so the ids themselves may differ.
        static func expectSameEvents(_ sqlite: HistoryStore, _ postgres: HistoryStore) throws {
            func events(_ store: HistoryStore) throws -> [[StoreValue]] {
                try rows("log_event", store).map { Array($0.dropFirst()) }.sorted { "\($0)" < "\($1)" }
            }
            #expect(firstDifference(try events(sqlite), try events(postgres)) == nil, "log_event")
        }

        /// The first row where `a` and `b` differ, described; nil when they are equal.
        static func firstDifference<T: Equatable>(_ a: [T], _ b: [T]) -> String? {
            guard a != b else { return nil }
            guard let (x, y) = zip(a, b).first(where: { $0 != $1 }) else { return "\(a.count) rows against \(b.count)" }
            return "\(x)\n  against \(y)"
        }

        /// A SQLite store and a PostgreSQL store on a fresh schema, and the folder of the test's
        /// files; nil without a server.
        @discardableResult
        static func withStores<T>(_ body: (HistoryStore, HistoryStore, TemporaryFolder) throws -> T) throws -> T? {
            try PostgresTestServer.withFreshSchema { location, _ in
                let folder = try TemporaryFolder()
                return try body(try folder.store(), try HistoryStore(location: .postgres(location)), folder)
            }
        }

        @Test func ingestingTheRealLogsStoresTheSameRowsAsSQLiteAndTheSameCounts() throws {
            try Self.withStores { store, postgresStore, folder in
                // Given the real logs and fixtures, ingested into SQLite and into PostgreSQL
                let paths = try Self.files(in: folder)
                let (sqlite, postgres) = try Self.ingest(paths, sqlite: store, postgres: postgresStore)
                // Then both stored the same entries, events and files, row for row
                try Self.expectSameRows(store, postgresStore)
                // (31 entries in the fixtures alone, 600 more with the real logs beside the package)
                #expect(try Self.rows("log_entry", postgresStore).count > (LogRealSampleTests.available ? 500 : 30))
                #expect(try Self.rows("log_event", postgresStore).count > 0)
                for (s, p) in zip(sqlite, postgres) {
                    #expect((s.entriesRead, s.counts.inserted, s.counts.duplicates, s.counts.events, s.bytesHeldBack)
                            == (p.entriesRead, p.counts.inserted, p.counts.duplicates, p.counts.events, p.bytesHeldBack), "\(s.file)")
                    // And the statistics lines' traffic samples took the record path on both alike
                    #expect((s.counts.trafficSamples, s.counts.trafficConflicts, s.counts.trafficWarnings, s.counts.notes)
                            == (p.counts.trafficSamples, p.counts.trafficConflicts, p.counts.trafficWarnings, p.counts.notes), "\(s.file)")
                }
                #expect(sqlite.reduce(0) { $0 + $1.counts.trafficSamples } > 0)
                try Self.expectSameRows(store, postgresStore, tables: Self.trafficTables)
            }
        }

        @Test func aReingestStoresNothingAndAnAppendedFileOnlyItsNewLines() throws {
            try Self.withStores { store, postgresStore, folder in
                // Given the logs ingested once into both
                let paths = try Self.files(in: folder)
                _ = try Self.ingest(paths, sqlite: store, postgres: postgresStore)
                let before = try Self.rows("log_entry", postgresStore).count
                let samples = try Self.rows("endpoint_traffic_sample", postgresStore).count
                // When they are ingested again, Then nothing is stored twice
                let (_, again) = try Self.ingest(paths, sqlite: store, postgres: postgresStore)
                #expect(again.allSatisfy { $0.counts.inserted == 0 && $0.counts.events == 0 && $0.counts.trafficSamples == 0 })
                #expect(try Self.rows("log_entry", postgresStore).count == before)
                #expect(try Self.rows("endpoint_traffic_sample", postgresStore).count == samples)
                // When a log grows by three lines, Then only those are stored, on both alike
                let grown = try #require(paths.last)
                let handle = try #require(FileHandle(forWritingAtPath: grown))
                handle.seekToEndOfFile()
                for n in 0..<3 {
                    handle.write(Data("<![LOG[Appended line \(n): (403) Forbidden]LOG]!><time=\"11:00:0\(n).000+0\" date=\"08-21-2026\" component=\"CloudMgr\" context=\"\" type=\"3\" thread=\"1\" file=\"\">\r\n".utf8))
                }
                try handle.close()
                let (sqlite, postgres) = try Self.ingest([grown], sqlite: store, postgres: postgresStore)
                #expect(sqlite.first?.counts.inserted == 3 && postgres.first?.counts.inserted == 3)
                #expect(postgres.first?.resumed == true)
                #expect(try Self.rows("log_entry", postgresStore).count == before + 3)
                try Self.expectSameRows(store, postgresStore)
                try Self.expectSameRows(store, postgresStore, tables: Self.trafficTables)
            }
        }

        @Test func searchesFindTheSameEntriesAsOnSQLite() throws {
            try Self.withStores { store, postgresStore, folder in
                // Given the logs ingested into both
                _ = try Self.ingest(try Self.files(in: folder), sqlite: store, postgres: postgresStore)
                // When the same filters are asked of both, Then they answer the same entries in the same order
                var filters: [LogEntryFilter] = []
                for words in ["FORBIDDEN", "forbid", "(403)", "CCM_STS", "sts ccm", "STS_CCM", "echoue", "ÉCHOUÉ", "error forbidden",
                              "error forbiddenness", "Clientcertificaterequired", " \t ", "contoso", "GraniteFalls.contoso.com", "xy",
                              "---", "--- forbidden", "ReadyRole", "RequestCount", "ccmsetup", "https", "日本語", "a b", "0x1F"] {
                    var filter = LogEntryFilter()
                    filter.text = words
                    filter.limit = 10_000
                    filters.append(filter)
                }
                var warnings = LogEntryFilter()
                warnings.minimumSeverity = .warning
                warnings.limit = 10_000
                var component = LogEntryFilter()
                component.component = "cloudmgr"
                var gateway = LogEntryFilter()
                gateway.gateway = "graniteFALLS"
                gateway.text = "RequestCount"
                var window = LogEntryFilter()
                window.fromMilliseconds = 1_575_000_000_000
                window.toMilliseconds = 1_700_000_000_000
                window.limit = 7
                var everything = LogEntryFilter()
                everything.limit = 100_000
                filters += [warnings, component, gateway, window, everything, LogEntryFilter()]
                for filter in filters {
                    #expect(Self.firstDifference(try store.logEntries(filter), try postgresStore.logEntries(filter)) == nil, "\(filter.text ?? "")")
                }
                // And the events, filtered the same ways and by kind, are the same in the same order
                var eventFilters = filters.map { entries in
                    var filter = LogEventFilter()
                    filter.entries = entries
                    return filter
                }
                for kinds in [["role_instance_state"], ["ROLE_INSTANCE_STATE", "Proxy_Connector_Error"], ["no such kind"]] {
                    var filter = LogEventFilter()
                    filter.kinds = kinds
                    eventFilters.append(filter)
                }
                for filter in eventFilters {
                    #expect(Self.firstDifference(try store.logEvents(filter), try postgresStore.logEvents(filter)) == nil,
                            "\(filter.entries.text ?? "") \(filter.kinds)")
                }
                let events = try postgresStore.logEvents(limit: 100_000)
                let sqliteEvents = try store.logEvents(limit: 100_000)
                #expect(!events.isEmpty && events == sqliteEvents)
                // And accents, case and phrases answer as LogSearchTests says
                var accent = LogEntryFilter()
                accent.text = "echoue"
                #expect(try postgresStore.logEntries(accent).map(\.entry.message) == ["Déploiement échoué", "ÉCHOUÉ à GraniteFalls.contoso.com"])
                accent.text = "contoso"
                #expect(try postgresStore.logEntries(accent).map(\.entry.message).contains("ÉCHOUÉ à GraniteFalls.contoso.com"))
            }
        }

        /// Rules that keep one default rule at another severity, add one and drop the others.
        static let changedRules = """
            [role_instance_state]
            kind = role_instance_state
            severity = warning
            contains = Deployment instance status for service
            match = Deployment instance status for service (?<gateway>\\S+?) is (?<state>[A-Za-z]+)Role\\b

            [busy]
            kind = busy_role
            severity = warning
            contains = BusyRole

            """

        @Test func reclassifyingChangesTheSameEventsAsOnSQLite() throws {
            try Self.withStores { store, postgresStore, folder in
                // Given the logs ingested into both under the default rules
                _ = try Self.ingest(try Self.files(in: folder), sqlite: store, postgres: postgresStore)
                // When both are reclassified under rules that drop some, change some and add one
                let rules = try LogRuleSet.parse(Self.changedRules, source: "changed.rules")
                let sqlite = try store.reclassifyLogs(rules: rules)
                let postgres = try postgresStore.reclassifyLogs(rules: rules)
                // Then the summaries and the events are the same, and something did change
                #expect(sqlite == postgres)
                #expect(postgres.removed > 0 && postgres.added > 0)
                try Self.expectSameEvents(store, postgresStore)
                // And running it again changes nothing
                let again = try postgresStore.reclassifyLogs(rules: rules)
                #expect(again.added == 0 && again.updated == 0 && again.removed == 0 && again.unchanged == postgres.unchanged + postgres.added + postgres.updated)
                // And back to the defaults, the events are the ingest's again, on both alike
                #expect(try store.reclassifyLogs(rules: .defaults()) == postgresStore.reclassifyLogs(rules: .defaults()))
                try Self.expectSameEvents(store, postgresStore)
            }
        }

        @Test func twoCollectorsIngestingTheSameLogsAtOnceStoreEachEntryOnce() throws {
            try PostgresTestServer.withFreshSchema { location, _ in
                // Given two collectors, each with its own store on one schema, and the same logs
                let folder = try TemporaryFolder()
                let paths = try Self.files(in: folder)
                let first = try HistoryStore(location: .postgres(location))
                // When both ingest all of them at the same moment
                let failures = runConcurrently(2) { index in
                    let collector = try HistoryStore(location: .postgres(location))
                    let ingester = LogIngester(store: collector, rules: try LogRuleSet.defaults(), now: Self.now)
                    for path in index == 0 ? paths : paths.reversed() { _ = try ingester.ingestFile(at: path) }
                }
                // Then neither failed, and the rows are those of one ingest into SQLite
                #expect(failures == [nil, nil])
                let store = try folder.store()
                let rules = try LogRuleSet.defaults()
                for path in paths { _ = try LogIngester(store: store, rules: rules, now: Self.now).ingestFile(at: path) }
                let entries = { (rows: [[StoreValue]]) in Set(rows.map { Array($0.dropFirst()) }) }
                #expect(entries(try Self.rows("log_entry", first)).count == entries(try Self.rows("log_entry", store)).count)
                #expect(try Self.rows("log_file", first).count == Self.rows("log_file", store).count)
                // And each statistics sample once, its rollups those of the one ingest
                #expect(try Self.rows("endpoint_traffic_sample", first).count == Self.rows("endpoint_traffic_sample", store).count)
                #expect(try Self.rows("rollup_hour", first).map { Array($0.dropFirst()) } == Self.rows("rollup_hour", store).map { Array($0.dropFirst()) })
            }
        }

        @Test func aBatchOutsideATransactionIsRefusedAndStoresNothing() throws {
            try PostgresTestServer.withDatabase { database in
                // Given a file opened in its own transaction
                let connection = database.connection
                let state = try connection.transaction {
                    try PostgresLogFiles.open(connection, path: "/logs/CloudMgr.log", name: LogFileName("CloudMgr.log"),
                                              head: Array(String(repeating: "x", count: 80).utf8), size: 80, now: Self.now)
                }
                // When a batch is stored without one, Then it is refused and the file's offset stays
                let batch = LogBatch(fileID: state.id, file: "/logs/CloudMgr.log", gateway: nil, offset: 80, line: 2, size: 80, now: Self.now)
                #expect(throws: PostgresError.self) { try PostgresLogWriter.store(batch, on: connection) }
                let offset = try connection.query("SELECT \"offset\" FROM log_file WHERE id = $1", [.int64(state.id)], binaryResults: true)
                #expect(try offset.int64(row: 0, column: 0) == 0)
            }
        }
    }
}
