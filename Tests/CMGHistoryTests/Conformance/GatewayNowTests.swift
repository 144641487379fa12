import Foundation
import Testing
@testable import CMGHistory

/// A gateway as it stands at an instant (what `/metrics` exports), the same on every backend:
/// the latest status, clients and storage before the instant, capacity from the configuration in
/// force, 14 days of egress, the thresholds, and the credentials in force.
@Suite("A gateway now, on every backend")
struct GatewayNowTests {
    static let g = "GraniteFalls.contoso.com"
    static let lines = [
        #"{"type":"gateway","gateway":"\#(g)","at":"2026-10-01T00:00:00Z","vm_size":"Standard_B2s","instances":2}"#,
        #"{"type":"gateway","gateway":"\#(g)","at":"2026-10-20T00:00:00Z","instances":3}"#,
        #"{"type":"alert_config","gateway":"\#(g)","at":"2026-10-01T00:00:00Z","egress_threshold_gb":10,"storage_quota_gb":2}"#,
        #"{"type":"status","gateway":"\#(g)","at":"2026-10-30T23:00:00Z","state":"Ready","state_code":0}"#,
        #"{"type":"status","gateway":"\#(g)","at":"2026-10-30T23:50:00Z","state":"Stopped","state_code":6,"description":"Stopping"}"#,
        #"{"type":"status","gateway":"\#(g)","at":"2026-10-31T00:00:00Z","state":"Stopped","state_code":6}"#,
        #"{"type":"status","gateway":"\#(g)","at":"2026-11-02T00:00:00Z","state":"Ready","state_code":0}"#,
        #"{"type":"online_clients","gateway":"\#(g)","at":"2026-10-31T11:55:00Z","count":120}"#,
        #"{"type":"online_clients","gateway":"\#(g)","at":"2026-10-31T12:00:00Z","count":130}"#,
        #"{"type":"online_clients","gateway":"\#(g)","at":"2026-10-31T12:05:00Z","count":999}"#,
        #"{"type":"storage","gateway":"\#(g)","at":"2026-10-31T11:00:00Z","used_bytes":5000}"#,
        #"{"type":"egress","gateway":"\#(g)","at":"2026-10-17T12:00:00Z","interval_s":3600,"bytes":1}"#,
        #"{"type":"egress","gateway":"\#(g)","at":"2026-10-17T12:00:01Z","interval_s":3600,"bytes":20}"#,
        #"{"type":"egress","gateway":"\#(g)","at":"2026-10-31T12:00:00Z","interval_s":3600,"bytes":300}"#,
        #"{"type":"egress","gateway":"\#(g)","at":"2026-10-31T12:00:01Z","interval_s":3600,"bytes":4000}"#,
        #"{"type":"connection_point","gateway":"\#(g)","server":"cmgcp2.contoso.com","at":"2026-10-30T08:00:00Z","status":0}"#,
        #"{"type":"connection_point","gateway":"\#(g)","server":"CMGCP1.contoso.com","at":"2026-10-31T11:00:00Z","status":2}"#,
        #"{"type":"connection_point","gateway":"\#(g)","server":"cmgcp1.contoso.com","at":"2026-10-31T12:30:00Z","status":1}"#,
        #"{"type":"credential","gateway":"\#(g)","kind":"server_certificate","name":"cmg.contoso.com","expires_at":"2026-11-15T00:00:00Z"}"#,
        #"{"type":"credential","gateway":"\#(g)","kind":"app_secret","name":"CMG-ServerApp","expires_at":"2026-10-15T00:00:00Z"}"#,
    ]

    @Test(arguments: ConformanceBackend.allCases)
    func theLatestFiguresBeforeTheInstantAndTheCredentialsInForce(_ backend: ConformanceBackend) throws {
        let folder = try TemporaryFolder()
        let store = try backend.makeStore(in: folder)
        let summary = try importNDJSON(Self.lines.joined(separator: "\n"), into: store, folder: folder)
        #expect(summary.rejected == 0, "\(summary.rejections)")
        let now = try #require(Timestamp.parse("2026-10-31T12:00:00Z"))

        let answer = try store.gatewaysNow(at: now)

        let expected = GatewayNow(
            gateway: Self.g, stateCode: 6, state: "Stopped", lastStatusAt: now - 12 * 3600,
            // Stopped since the first of its snapshots, though their descriptions differ
            stateSince: now - 12 * 3600 - 600,
            // The sample at the instant counts, the one after it does not
            onlineClients: 130, onlineClientsAt: now, clientCapacity: 3 * CapacityPolicy.clientsPerInstance(vmSize: "Standard_B2s")!,
            // 14 days: the sample exactly 14 days before is outside, one second later inside, one after the instant outside
            egress14dBytes: 320, egressThresholdBytes: 10_000_000_000, storageBytes: 5_000, storageQuotaBytes: 2_000_000_000,
            // Both credentials in force, soonest first: the app secret expired (a gauge below zero is an alert), the certificate not yet
            credentials: [.init(kind: "app_secret", name: "CMG-ServerApp", expiresAt: try #require(Timestamp.parse("2026-10-15T00:00:00Z"))),
                          .init(kind: "server_certificate", name: "cmg.contoso.com", expiresAt: try #require(Timestamp.parse("2026-11-15T00:00:00Z")))],
            // Each connection point's latest status before the instant (the one after it is not yet), by name without case
            connectionPoints: [.init(server: "CMGCP1.contoso.com", status: 2, at: now - 3600),
                               .init(server: "cmgcp2.contoso.com", status: 0, at: now - 28 * 3600)])
        #expect(answer == [expected])
        // Before anything was stored: nothing to say, nothing made up
        let early = try store.gatewaysNow(at: try #require(Timestamp.parse("2026-09-01T00:00:00Z")))
        #expect(early.first?.onlineClients == nil && early.first?.stateCode == nil && early.first?.egress14dBytes == nil
                && early.first?.storageBytes == nil && early.first?.lastStatusAt == nil)
    }
}
