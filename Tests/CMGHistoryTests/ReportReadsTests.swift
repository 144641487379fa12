import Foundation
import Testing
@testable import CMGHistory

/// Issue 13: reports read typed values through ``ReportReads``; these hold what the SQLite
/// snapshot answers for the reads that were SQL inside the reports before.
@Suite("Report reads: typed values from one store snapshot")
struct ReportReadsTests {
    static func t(_ text: String) -> Int64 { Timestamp.parse(text) ?? 0 }

    @Test func alertThresholdsAreBytesMergedFieldByFieldAndTakenBeforeTheInstant() throws {
        // Given a full alert configuration on 09-01 and one on 10-15 that sets only the
        // egress threshold and stop-on-critical
        let folder = try TemporaryFolder()
        let store = try folder.store()
        try importNDJSON([
            #"{"type":"alert_config","gateway":"G1","at":"2026-09-01T00:00:00Z","egress_threshold_gb":10000,"egress_warning_pct":50,"egress_critical_pct":90,"stop_on_critical":false,"storage_quota_gb":2,"storage_warning_pct":60,"storage_critical_pct":95}"#,
            #"{"type":"alert_config","gateway":"G1","at":"2026-10-15T00:00:00Z","egress_threshold_gb":20000,"stop_on_critical":true}"#,
        ].joined(separator: "\n"), into: store, folder: folder)
        // When the thresholds are read before 10-15, just after it, and before any record
        let (atChange, afterChange, beforeAny) = try store.snapshot { reads in
            let id = try #require(try reads.allGateways().first).id
            return (try reads.alertThresholds(gatewayID: id, before: Self.t("2026-10-15T00:00:00Z")),
                    try reads.alertThresholds(gatewayID: id, before: Self.t("2026-10-15T00:00:01Z")),
                    try reads.alertThresholds(gatewayID: id, before: Self.t("2026-08-01T00:00:00Z")))
        }
        // Then a record at the instant itself is not yet in force, and sizes are in bytes (10^9 per GB)
        let first = AlertConfigurationInForce(egressThresholdBytes: 10_000_000_000_000, egressWarningPct: 50, egressCriticalPct: 90,
                                              stopOnCritical: false, storageQuotaBytes: 2_000_000_000, storageWarningPct: 60,
                                              storageCriticalPct: 95)
        #expect(atChange == first)
        // A record that leaves fields out keeps the earlier ones
        var second = first
        second.egressThresholdBytes = 20_000_000_000_000
        second.stopOnCritical = true
        #expect(afterChange == second)
        // Before the first record, the earliest values stand
        #expect(beforeAny == first)
    }

    @Test func operationsAreCountedByKindAndListedByInstantThenGateway() throws {
        // Given operations of two gateways, two of them at the same instant, one before October
        let folder = try TemporaryFolder()
        let store = try folder.store()
        func operation(_ gateway: String, _ kind: String, _ at: String, _ outcome: String = "succeeded") -> String {
            #"{"type":"operation","gateway":"\#(gateway)","kind":"\#(kind)","requested_at":"\#(at)","outcome":"\#(outcome)"}"#
        }
        try importNDJSON([
            operation("G2", "start", "2026-10-02T00:00:00Z"), operation("G1", "stop", "2026-10-02T00:00:00Z", "failed"),
            operation("G1", "start", "2026-10-03T00:00:00Z"), operation("G1", "start", "2026-10-04T00:00:00Z"),
            operation("G1", "stop", "2026-09-30T23:59:59Z"), operation("G1", "sync_config", "2026-11-01T00:00:00Z"),
        ].joined(separator: "\n"), into: store, folder: folder)
        let (october, november) = (Self.t("2026-10-01T00:00:00Z"), Self.t("2026-11-01T00:00:00Z"))
        // When October is read
        let (counts, requests, none) = try store.snapshot { reads in
            let ids = try reads.allGateways().map(\.id)
            return (try reads.operationCounts(gatewayID: ids[0], from: october, to: november),
                    try reads.operationRequests(gatewayIDs: ids, from: october, to: november),
                    try reads.operationRequests(gatewayIDs: [], from: october, to: november))
        }
        // Then G1 has two starts and one stop in it (the periods are half-open)
        #expect(counts.sorted { $0.kind < $1.kind }.map { "\($0.kind) \($0.count)" } == ["start 2", "stop 1"])
        // And the marks come by instant, then gateway name, each with its outcome
        #expect(requests.map { "\($0.gateway) \($0.kind) \(Timestamp.format($0.requestedAt)) \($0.outcome)" } == [
            "G1 stop 2026-10-02T00:00:00Z failed", "G2 start 2026-10-02T00:00:00Z succeeded",
            "G1 start 2026-10-03T00:00:00Z succeeded", "G1 start 2026-10-04T00:00:00Z succeeded",
        ])
        #expect(none.isEmpty)
    }

    @Test func aReportsGatewaysAreTheOnesNamedByAnyNameOrAllByName() throws {
        // Given three gateways whose names sort differently with and without case
        let folder = try TemporaryFolder()
        let store = try folder.store()
        try importNDJSON(["beta.contoso.com", "alpha2.contoso.com", "Alpha.contoso.com"].map {
            #"{"type":"online_clients","gateway":"\#($0)","at":"2026-10-01T00:00:00Z","count":1}"#
        }.joined(separator: "\n"), into: store, folder: folder)
        // When reports resolve no name, then a short name, a full name in other case and a repeat
        let (all, named) = try store.snapshot { reads in
            (try GatewaySelection.resolve([], in: reads).map(\.name),
             try GatewaySelection.resolve(["beta", "ALPHA.contoso.com", "beta.contoso.com"], in: reads).map(\.name))
        }
        // Then no name is every gateway by name without regard to case, and names keep their order, once each
        #expect(all == ["Alpha.contoso.com", "alpha2.contoso.com", "beta.contoso.com"])
        #expect(named == ["beta.contoso.com", "Alpha.contoso.com"])
        // And a name no gateway answers to is refused with that name
        #expect(throws: ReportError.unknownGateway("gamma")) {
            try store.snapshot { reads in try GatewaySelection.resolve(["gamma"], in: reads) }
        }
    }
}
