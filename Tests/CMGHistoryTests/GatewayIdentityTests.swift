import Foundation
import GRDB
import Testing
@testable import CMGHistory

/// `gateway rename | merge | alias | remove` through the store API.
@Suite("Gateway rename, merge, alias and remove")
struct GatewayIdentityTests {
    static func t(_ text: String) -> Int64 { Timestamp.parse(text) ?? 0 }

    /// Two gateways A and B with overlapping history: B's 10:00 rows equal A's, its 10:05 status
    /// differs, its 10:10 rows are its own; both have endpoint CCM_STS.
    func twoGateways(_ folder: TemporaryFolder) throws -> HistoryStore {
        let store = try folder.store()
        try importNDJSON("""
            {"type":"status","gateway":"A.contoso.com","at":"2026-10-01T10:00:00Z","state":"Ready","state_code":0}
            {"type":"status","gateway":"A.contoso.com","at":"2026-10-01T10:05:00Z","state":"Ready","state_code":0}
            {"type":"online_clients","gateway":"A.contoso.com","at":"2026-10-01T10:00:00Z","count":100}
            {"type":"endpoint_traffic","gateway":"A.contoso.com","endpoint":"CCM_STS","at":"2026-10-01T10:00:00Z","interval_s":300,"request_count":5,"request_bytes":50,"response_count":5,"response_bytes":500,"avg_elapsed_ms":10}
            {"type":"status","gateway":"B","at":"2026-10-01T10:00:00Z","state":"Ready","state_code":0}
            {"type":"status","gateway":"B","at":"2026-10-01T10:05:00Z","state":"Error","state_code":2}
            {"type":"status","gateway":"B","at":"2026-10-01T10:10:00Z","state":"Ready","state_code":0}
            {"type":"online_clients","gateway":"B","at":"2026-10-01T10:00:00Z","count":100}
            {"type":"online_clients","gateway":"B","at":"2026-10-01T10:10:00Z","count":300}
            {"type":"endpoint_traffic","gateway":"B","endpoint":"CCM_STS","at":"2026-10-01T10:00:00Z","interval_s":300,"request_count":5,"request_bytes":50,"response_count":5,"response_bytes":500,"avg_elapsed_ms":10}
            {"type":"endpoint_traffic","gateway":"B","endpoint":"CCM_STS","at":"2026-10-01T10:10:00Z","interval_s":600,"request_count":7,"request_bytes":70,"response_count":7,"response_bytes":700,"avg_elapsed_ms":20}
            {"type":"endpoint_traffic","gateway":"B","endpoint":"SMS_MP","at":"2026-10-01T10:10:00Z","interval_s":300,"request_count":1,"request_bytes":1,"response_count":1,"response_bytes":1}
            {"type":"connection_point","gateway":"B","server":"cmgcp1.contoso.com","at":"2026-10-01T10:00:00Z","status":2}
            {"type":"operation","gateway":"B","kind":"start","requested_at":"2026-10-01T09:00:00Z","outcome":"succeeded"}
            """, into: store, folder: folder)
        return store
    }

    @Test func mergeMovesRowsDropsDuplicatesKeepsConflictsApartAndRecomputes() throws {
        // Given A and B
        let folder = try TemporaryFolder()
        let store = try twoGateways(folder)
        // When B is merged into A
        let summary = try store.mergeGateway("B", into: "A.contoso.com")
        // Then B's own rows moved, equal ones were dropped, the differing status is kept apart
        #expect(summary.from == "B" && summary.into == "A.contoso.com")
        #expect(summary.duplicates == 3, "\(summary)")  // status, online clients, CCM_STS at 10:00
        #expect(summary.conflicts == 1 && summary.conflictRows.count == 1 && summary.conflictRows[0].hasPrefix("status_snapshot: "))
        #expect(summary.moved["status_snapshots"] == 1 && summary.moved["online_client_samples"] == 1
                && summary.moved["endpoint_traffic_samples"] == 2 && summary.moved["operations"] == 1
                && summary.moved["connection_point_statuses"] == 1, "\(summary.moved)")
        #expect(try store.gatewayNames() == ["A.contoso.com"])
        #expect(try store.resolveGateway("b") == "A.contoso.com")
        try store.read { db throws in
            // A's 10:05 Ready is kept; B's Error is in the conflict table as JSON
            #expect(try String.fetchAll(db, sql: "SELECT state FROM status_snapshot ORDER BY at") == ["Ready", "Ready", "Ready"])
            #expect(try String.fetchOne(db, sql: "SELECT json_extract(row, '$.state') FROM gateway_merge_conflict") == "Error")
            // The moved 600 s sample keeps its interval under A's 300 s endpoint
            #expect(try Int64.fetchAll(db, sql: "SELECT interval_s FROM endpoint_traffic WHERE endpoint = 'CCM_STS' ORDER BY at") == [300, 600])
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM endpoint") == 2)
            // Spans: one Ready run from 10:00 to 10:10
            #expect(try Row.fetchAll(db, sql: "SELECT first_seen_at, last_seen_at, snapshot_count FROM state_span").map {
                [try $0.value(0) as Int64, try $0.value(1) as Int64, try $0.value(2) as Int64]
            } == [[Self.t("2026-10-01T10:00:00Z"), Self.t("2026-10-01T10:10:00Z"), 3]])
            // The hour's rollups are A's samples and B's own, once each
            #expect(try Row.fetchOne(db, sql: "SELECT count, sum FROM rollup_hour WHERE metric_id = 1").map {
                [try $0.value(0) as Int64, try $0.value(1) as Int64]
            } == [2, 400])
            #expect(try Row.fetchOne(db, sql: "SELECT count, sum FROM rollup_hour WHERE metric_id = 2").map {
                [try $0.value(0) as Int64, try $0.value(1) as Int64]
            } == [2, 13])
        }
        let check = try store.check()
        #expect(check.isClean, "\(check.problems)")
    }

    @Test func mergeOfPrunedHoursMergesTheirRollups() throws {
        // Given A and B with samples in one hour whose raw rows were pruned
        let folder = try TemporaryFolder()
        let store = try folder.store()
        try importNDJSON("""
            {"type":"online_clients","gateway":"A","at":"2026-10-01T10:00:00Z","count":1}
            {"type":"online_clients","gateway":"B","at":"2026-10-01T10:05:00Z","count":2}
            {"type":"online_clients","gateway":"B","at":"2026-11-01T10:05:00Z","count":4}
            """, into: store, folder: folder)
        _ = try store.prune(keepDays: 10, now: Self.t("2026-11-02T00:00:00Z"))
        // When B is merged into A
        _ = try store.mergeGateway("B", into: "A")
        // Then the pruned hour holds both values, and the kept hour its raw sample
        try store.read { db throws in
            let hours = try Row.fetchAll(db, sql: "SELECT hour_start, count, sum FROM rollup_hour ORDER BY hour_start").map {
                [try $0.value(0) as Int64, try $0.value(1) as Int64, try $0.value(2) as Int64]
            }
            #expect(hours == [[Self.t("2026-10-01T10:00:00Z"), 2, 3], [Self.t("2026-11-01T10:00:00Z"), 1, 4]])
            #expect(try Int64.fetchAll(db, sql: "SELECT sum FROM rollup_day ORDER BY day_start") == [3, 4])
        }
        #expect(try store.check().isClean)
    }

    @Test func aMergeThatCannotMoveARowChangesNothing() throws {
        // Given A and B with clashing rows in a table this version does not know the key of
        let folder = try TemporaryFolder()
        let store = try twoGateways(folder)
        try store.writeTransaction { db in
            try db.execute(sql: "CREATE TABLE later_table (gateway_id INTEGER NOT NULL REFERENCES gateway(id), k INTEGER, UNIQUE (gateway_id, k))")
            try db.execute(sql: "INSERT INTO later_table SELECT id, 1 FROM gateway")
        }
        let before = try store.gateways()
        // When B is merged into A, then the merge is refused whole
        #expect(throws: GatewayError.self) { try store.mergeGateway("B", into: "A.contoso.com") }
        #expect(try store.gateways() == before)
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM gateway_merge_conflict") } == 0)
    }

    @Test func renameKeepsTheOldNameAsAnAlias() throws {
        let folder = try TemporaryFolder()
        let store = try twoGateways(folder)
        // When B is renamed
        #expect(try store.renameGateway("b", to: "B.contoso.com") == "B")
        // Then both names find it, and data stays
        #expect(try store.gatewayNames() == ["A.contoso.com", "B.contoso.com"])
        #expect(try store.resolveGateway("B") == "B.contoso.com")
        #expect(try store.gateways().first { $0.name == "B.contoso.com" }?.records["status_snapshots"] == 3)
        // And it cannot take another gateway's name or alias
        #expect(throws: GatewayError.nameTaken("A.contoso.com", by: "A.contoso.com")) { try store.renameGateway("B.contoso.com", to: "A.contoso.com") }
        try store.addGatewayAlias("A.contoso.com", alias: "GF-A")
        #expect(throws: GatewayError.nameTaken("gf-a", by: "A.contoso.com")) { try store.renameGateway("B.contoso.com", to: "gf-a") }
        // But may take its own alias back
        try store.renameGateway("B.contoso.com", to: "B")
        #expect(try store.gateways().first { $0.name == "B" }?.aliases == ["B.contoso.com"])
        #expect(try store.check().isClean)
    }

    @Test func aliasesResolveEverywhereAndNeverNameTwoGateways() throws {
        let folder = try TemporaryFolder()
        let store = try twoGateways(folder)
        #expect(try store.addGatewayAlias("B", alias: "cmg-west"))
        #expect(try store.addGatewayAlias("B", alias: "CMG-WEST") == false)
        #expect(throws: GatewayError.nameTaken("A.contoso.com", by: "A.contoso.com")) { try store.addGatewayAlias("B", alias: "A.contoso.com") }
        #expect(throws: GatewayError.self) { try store.addGatewayAlias("Nope", alias: "x") }
        // An import naming the alias lands on B
        try importNDJSON(#"{"type":"online_clients","gateway":"Cmg-West","at":"2026-10-02T10:00:00Z","count":1}"#, into: store, folder: folder, name: "b.ndjson")
        #expect(try store.gatewayNames() == ["A.contoso.com", "B"])
        // And a report selecting it by the alias reports B
        let zone = try ReportZone(identifier: "UTC")
        let report = try store.trend(TrendRequest(metric: .onlineClients, bucket: .day,
                                                  period: try ReportPeriod.parse(from: "2026-10-01", to: "2026-10-03", zone: zone), zone: zone,
                                                  gateways: ["cmg-west"]))
        #expect(report.series.map(\.gateway) == ["B"])
    }

    @Test func removeCountsWhatItDeletesAndLeavesACleanDatabase() throws {
        let folder = try TemporaryFolder()
        let store = try twoGateways(folder)
        // When B's removal is planned, then nothing is deleted yet and every kind is counted
        let plan = try store.gatewayRemovalPlan("B")
        #expect(!plan.isEmpty)
        #expect(plan.deletes["status_snapshots"] == 3 && plan.deletes["online_client_samples"] == 2
                && plan.deletes["endpoint_traffic_samples"] == 3 && plan.deletes["endpoints"] == 2
                && plan.deletes["operations"] == 1 && plan.deletes["connection_points"] == 1, "\(plan.deletes)")
        #expect(try store.gatewayNames() == ["A.contoso.com", "B"])
        // When it is removed
        #expect(try store.removeGateway("B") == plan)
        // Then A is untouched and nothing of B is left
        #expect(try store.gatewayNames() == ["A.contoso.com"])
        try store.read { db throws in
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM endpoint_traffic_sample") == 1)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM connection_point_status") == 0)
        }
        #expect(throws: GatewayError.self) { try store.resolveGateway("B") }
        #expect(try store.check().isClean)
        // And a gateway with no data has an empty plan
        try store.writeTransaction { db in try db.execute(sql: "INSERT INTO gateway(name) VALUES ('Empty')") }
        #expect(try store.gatewayRemovalPlan("Empty").isEmpty)
    }

    @Test func unknownNamesSuggestTheClosestGateway() {
        let known = ["GraniteFalls.contoso.com", "Redmond.contoso.com"]
        #expect(GatewayNameSuggestion.closest(to: "GraniteFals.contoso.com", among: known) == "GraniteFalls.contoso.com")
        #expect(GatewayNameSuggestion.closest(to: "redmond", among: known) == "Redmond.contoso.com")
        #expect(GatewayNameSuggestion.closest(to: "Tokyo", among: known) == nil)
        #expect(GatewayError.unknown("GraniteFals.contoso.com", known: known).description
                == "gateway GraniteFals.contoso.com is not known (known gateways: GraniteFalls.contoso.com, Redmond.contoso.com). "
                + "Did you mean GraniteFalls.contoso.com?")
    }
}
