import Foundation
import Testing
@testable import CMGHistory

/// Configuration, alert, operation and credential records, short-name folding and the gateway
/// commands give every backend the same outcomes and the same rows: each scenario runs on the
/// backend under test and on a SQLite file beside it, through the store's operations only, and
/// every table of ``HistoryTable/all`` is compared row by row after it.
@Suite("Gateways and their records on every backend")
struct GatewayStoreConformanceTests {
    /// A scenario's store on the backend under test, and a SQLite file doing the same steps.
    struct Pair {
        let folder: TemporaryFolder
        let store: HistoryStore
        let reference: HistoryStore

        init(_ backend: ConformanceBackend) throws {
            folder = try TemporaryFolder()
            store = try backend.makeStore(in: folder)
            reference = try ConformanceBackend.sqliteFile.makeStore(in: folder)
        }

        /// Runs `step` on both stores; the backend's result, after expecting both to be equal.
        @discardableResult
        func both<T: Equatable>(_ step: (HistoryStore) throws -> T, sourceLocation: SourceLocation = #_sourceLocation) throws -> T {
            let expected = try step(reference), actual = try step(store)
            #expect(actual == expected, sourceLocation: sourceLocation)
            return actual
        }

        /// Imports `name` (an export fixture) or NDJSON `lines` into both, expecting the same summary.
        @discardableResult
        func importBoth(fixture name: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> ImportSummary {
            let expected = try ExportFixtures.importFixture(name, into: reference)
            let actual = try ExportFixtures.importFixture(name, into: store)
            RecordWriterFixture.expectSameOutcomes(expected, actual, sourceLocation: sourceLocation)
            #expect(actual.notes == expected.notes, sourceLocation: sourceLocation)
            return actual
        }

        @discardableResult
        func importBoth(lines: [String], name: String = "input.ndjson", sourceLocation: SourceLocation = #_sourceLocation) throws -> ImportSummary {
            let text = lines.joined(separator: "\n") + "\n"
            let expected = try importNDJSON(text, into: reference, folder: folder, name: name)
            let actual = try importNDJSON(text, into: store, folder: folder, name: name)
            RecordWriterFixture.expectSameOutcomes(expected, actual, sourceLocation: sourceLocation)
            #expect(actual.notes == expected.notes, sourceLocation: sourceLocation)
            return actual
        }

        /// Every table holds the same rows on both (ids included).
        func expectSameTables(sourceLocation: SourceLocation = #_sourceLocation) throws {
            let left = try reference.snapshot { s in try HistoryTable.all.map { try Self.allRows(s, $0) } }
            let right = try store.snapshot { s in try HistoryTable.all.map { try Self.allRows(s, $0) } }
            for (table, (a, b)) in zip(HistoryTable.all, zip(left, right)) {
                let sortedA = a.map { "\($0)" }.sorted(), sortedB = b.map { "\($0)" }.sorted()
                if sortedA != sortedB {
                    let first = zip(sortedA, sortedB).first { $0 != $1 }
                    let detail = first.map { "SQLite \($0.0) / here \($0.1)" } ?? "in length"
                    Issue.record("\(table.name) differs (\(a.count) rows on SQLite, \(b.count) here): \(detail)", sourceLocation: sourceLocation)
                }
            }
        }

        /// All rows of `table`, 500 at a time after the last page's key.
        static func allRows(_ snapshot: any StoreSnapshot, _ table: HistoryTable) throws -> [[StoreValue]] {
            var rows: [[StoreValue]] = []
            var key: [StoreValue]?
            while true {
                let page = try snapshot.rows(table, after: key, limit: 500)
                rows += page
                guard page.count == 500, let last = page.last else { return rows }
                key = Array(last.prefix(table.key.count))
            }
        }

        /// The rows of `table` on the backend under test, as text.
        func rows(_ table: String) throws -> [String] {
            guard let table = HistoryTable.all.first(where: { $0.name == table }) else { return [] }
            return try store.snapshot { try Self.allRows($0, table) }.map { "\($0)" }
        }
    }

    @Test(arguments: ConformanceBackend.allCases)
    func everyRecordTypeAndItsReimportGiveTheSameOutcomesAndRows(_ backend: ConformanceBackend) throws {
        // Given every record type, and the same lines again with other values where a merge or conflict can show
        let pair = try Pair(backend)
        let url = try #require(Bundle.module.url(forResource: "Fixtures/every-record-type", withExtension: "ndjson"))
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
        let changed = [
            // another region at a stored instant: a conflict
            #"{"type":"gateway","gateway":"GraniteFalls.contoso.com","at":"2026-10-01T00:00:00Z","region":"EastUS"}"#,
            // a new instant, then a field it lacks: filled in
            #"{"type":"gateway","gateway":"GraniteFalls.contoso.com","at":"2026-10-02T00:00:00Z","site":"PS1"}"#,
            #"{"type":"gateway","gateway":"GraniteFalls.contoso.com","at":"2026-10-02T00:00:00Z","vm_size":"Standard_A4_v2"}"#,
            #"{"type":"alert_config","gateway":"GraniteFalls.contoso.com","at":"2026-10-01T00:00:00Z","egress_warning_pct":60}"#,
            #"{"type":"operation","gateway":"GraniteFalls.contoso.com","kind":"stop","requested_at":"2026-10-03T02:00:00Z","outcome":"in_progress"}"#,
            #"{"type":"operation","gateway":"GraniteFalls.contoso.com","kind":"stop","requested_at":"2026-10-03T02:00:00Z","completed_at":"2026-10-03T02:10:00Z","outcome":"succeeded","actor":"CONTOSO\\admin"}"#,
            #"{"type":"operation","gateway":"GraniteFalls.contoso.com","kind":"stop","requested_at":"2026-10-03T02:00:00Z","completed_at":"2026-10-03T02:10:00Z","outcome":"failed"}"#,
            #"{"type":"credential","gateway":"RiverBend.contoso.com","kind":"app_secret","name":"cmg-server-app","expires_at":"2027-10-01T00:00:00Z"}"#,
        ]
        // When both import them, then all of it again
        let first = try pair.importBoth(lines: lines)
        let second = try pair.importBoth(lines: changed, name: "changed.ndjson")
        let again = try pair.importBoth(lines: lines + changed, name: "again.ndjson")
        // Then nothing is refused as unsupported, the changed lines merge, complete or conflict, and the tables agree
        #expect(first.rejected == 0 && first.inserted == lines.count, "\(first.rejections)")
        #expect(second.updated >= 2 && second.conflicts >= 3, "\(second.conflictList) \(second.updated)")
        #expect(again.inserted == 0 && again.updated == 0)
        try pair.expectSameTables()
    }

    @Test(arguments: ConformanceBackend.allCases)
    func tasksWaitForTheirGatewayAndAreLinkedAndCompletedAsOnSQLite(_ backend: ConformanceBackend) throws {
        // Given a gateway with its AzureServiceID and a tasks export naming it and an unknown service
        let pair = try Pair(backend)
        try pair.importBoth(fixture: "azure-service-ps51.json")
        // When the tasks come, then the unknown service's export, a later tasks export and the first again
        let tasks = try pair.importBoth(fixture: "azure-services-task-wmi.csv")
        #expect(tasks.inserted == 4 && tasks.rejected == 0)
        #expect(try pair.both { try $0.unlinkedOperationCount() } == 1)
        try pair.importBoth(fixture: "azure-service-adminservice.json")
        let later = try pair.importBoth(fixture: "azure-services-task-later.json")
        let again = try pair.importBoth(fixture: "azure-services-task-wmi.csv")
        // Then the waiting task is linked, the in-progress one completed in place, and the re-import changes nothing
        #expect(try pair.both { try $0.unlinkedOperationCount() } == 0)
        #expect(later.updated == 1 && again.inserted == 0 && again.updated == 0)
        #expect(try pair.rows("operation").count == 4)
        try pair.expectSameTables()
    }

    @Test(arguments: ConformanceBackend.allCases)
    func aShortNamedGatewayFoldsIntoTheFullNameInTheImportThatBringsIt(_ backend: ConformanceBackend) throws {
        // Given samples, a status, a configuration and an operation under the short name GraniteFalls
        let pair = try Pair(backend)
        let short = [
            #"{"type":"online_clients","gateway":"GraniteFalls","at":"2026-10-01T10:00:00Z","count":10}"#,
            #"{"type":"online_clients","gateway":"GraniteFalls","at":"2026-10-01T10:05:00Z","count":12}"#,
            #"{"type":"status","gateway":"GraniteFalls","at":"2026-10-01T10:00:00Z","state":"Ready","state_code":0}"#,
            #"{"type":"endpoint_traffic","gateway":"GraniteFalls","endpoint":"CCM_STS","at":"2026-10-01T10:05:00Z","interval_s":300,"request_count":7,"request_bytes":70,"response_count":7,"response_bytes":700}"#,
            #"{"type":"operation","gateway":"GraniteFalls","kind":"start","requested_at":"2026-10-01T09:00:00Z","outcome":"succeeded"}"#,
        ]
        try pair.importBoth(lines: short, name: "short.ndjson")
        // When the export brings GraniteFalls.contoso.com, and the short-named file comes again
        let export = try pair.importBoth(fixture: "azure-service-ps7.json")
        let again = try pair.importBoth(lines: short, name: "short.ndjson")
        // Then one gateway remains under the full name, with the short name as its alias, and the re-import is all duplicates
        #expect(export.notes.contains { $0.hasPrefix("folded gateway GraniteFalls into GraniteFalls.contoso.com: ") }, "\(export.notes)")
        #expect(try pair.both { try $0.gatewayNames() } == ["GraniteFalls.contoso.com"])
        let listed = try #require(try pair.both { try $0.gateways() }.first)
        #expect(listed.aliases == ["GraniteFalls"] && listed.records["operations"] == 1 && listed.records["endpoint_traffic_samples"] == 1)
        #expect(again.duplicates == short.count)
        try pair.expectSameTables()
    }

    @Test(arguments: ConformanceBackend.allCases)
    func renameAliasMergeAndRemoveGiveTheSameAnswersAndRows(_ backend: ConformanceBackend) throws {
        // Given two gateways holding overlapping records, one conflicting, and configuration set by hand
        let pair = try Pair(backend)
        let url = try #require(Bundle.module.url(forResource: "Fixtures/every-record-type", withExtension: "ndjson"))
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
        try pair.importBoth(lines: lines)
        let copy = lines.map { $0.replacingOccurrences(of: "GraniteFalls.contoso.com", with: "Copy.fabrikam.com") }
        let conflicting = #"{"type":"online_clients","gateway":"Copy.fabrikam.com","at":"2026-10-01T00:05:00Z","count":1}"#
        try pair.importBoth(lines: copy.filter { !$0.contains(#""type":"online_clients""#) } + [conflicting], name: "copy.ndjson")
        try pair.both { try $0.setGatewayConfiguration(gateway: "Copy.fabrikam.com", at: 1_790_900_000, vmSize: "standard_a4_v2", instances: 3) }
        try pair.both { try $0.setGatewayConfiguration(gateway: "Copy.fabrikam.com", at: 1_790_900_000, vmSize: "Tiny", instances: nil) }
        // When one is renamed, given an alias, listed, merged into the other, and a third removed
        #expect(try pair.both { try $0.renameGateway("copy.FABRIKAM.com", to: "Twin.fabrikam.com") } == "Copy.fabrikam.com")
        #expect(try pair.both { try $0.addGatewayAlias("Twin.fabrikam.com", alias: "twin-old") } == true)
        #expect(try pair.both { try $0.addGatewayAlias("Twin", alias: "twin-old") } == false)
        #expect(try pair.both { try $0.resolveGateway("Copy.fabrikam.com") } == "Twin.fabrikam.com")
        try pair.both { try $0.gateways() }
        let merge = try pair.both { try $0.mergeGateway("twin-old", into: "GraniteFalls.contoso.com") }
        try pair.importBoth(lines: [#"{"type":"storage","gateway":"Spare.contoso.com","at":"2026-10-01T01:00:00Z","used_bytes":5}"#])
        let plan = try pair.both { try $0.gatewayRemovalPlan("Spare") }
        try pair.both { try $0.removeGateway("Spare.contoso.com") }
        // Then the merge moved the records, kept the conflicting sample aside, and every table agrees
        #expect(merge.conflicts == 1 && merge.duplicates > 0 && merge.movedTotal > 0, "\(merge)")
        #expect(merge.conflictRows.count == 1 && merge.conflictRows[0].hasPrefix("online_clients_sample: {"))
        #expect(plan.deletes["storage_samples"] == 1)
        #expect(try pair.both { try $0.gatewayNames() } == ["GraniteFalls.contoso.com"])
        #expect(throws: GatewayError.self) { try pair.store.resolveGateway("Spare") }
        try pair.both { try $0.gateways() }
        try pair.expectSameTables()
    }
}
