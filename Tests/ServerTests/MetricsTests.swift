#if canImport(HummingbirdTesting)
@testable import CMGHistory
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import CMGHistoryServer

/// `GET /metrics`: Prometheus's text format, integers exact, labels escaped, nothing made up.
@Suite("The server's metrics")
struct MetricsTests {
    @Test func gaugesAreWrittenInTheTextFormatWithExactIntegersAndEscapedLabels() {
        let now: UnixSeconds = 2_000_000_000
        let gateways = [
            GatewayNow(gateway: "GraniteFalls.contoso.com", stateCode: 6, state: "Stopped", lastStatusAt: now - 90, stateSince: now - 900, onlineClients: 130,
                       onlineClientsAt: now - 30, clientCapacity: 12_000, egress14dBytes: 9_007_199_254_740_993, egressThresholdBytes: nil,
                       storageBytes: nil, storageQuotaBytes: nil,
                       credentials: [.init(kind: "app_secret", name: "CMG \"Server\" App\\1", expiresAt: now - 5)],
                       connectionPoints: [.init(server: "cmgcp1.contoso.com", status: 2, at: now - 60), .init(server: "cmgcp2.contoso.com", status: 0, at: now - 60)]),
        ]
        let text = MetricsController.text(gateways, now: now)
        #expect(text.contains("# HELP cmg_gateway_ready 1 when the latest status snapshot says Ready, else 0.\n# TYPE cmg_gateway_ready gauge\n"
                              + "cmg_gateway_ready{gateway=\"GraniteFalls.contoso.com\"} 0\n"))
        #expect(text.contains("cmg_gateway_state_code{gateway=\"GraniteFalls.contoso.com\"} 6\n"))
        #expect(text.contains("cmg_gateway_last_status_age_seconds{gateway=\"GraniteFalls.contoso.com\"} 90\n"))
        #expect(text.contains("cmg_gateway_egress_14d_bytes{gateway=\"GraniteFalls.contoso.com\"} 9007199254740993\n"))
        #expect(text.contains(#"cmg_credential_expiry_seconds{gateway="GraniteFalls.contoso.com",kind="app_secret",name="CMG \"Server\" App\\1"} -5"#))
        // Each connection point's status, and the count by status with the zeros, for "none online" rules
        #expect(text.contains("cmg_connection_point_status{gateway=\"GraniteFalls.contoso.com\",server=\"cmgcp2.contoso.com\"} 0\n"))
        #expect(text.contains("cmg_gateway_connection_points{gateway=\"GraniteFalls.contoso.com\",status=\"offline\"} 1\n"
                              + "cmg_gateway_connection_points{gateway=\"GraniteFalls.contoso.com\",status=\"partially_online\"} 0\n"
                              + "cmg_gateway_connection_points{gateway=\"GraniteFalls.contoso.com\",status=\"online\"} 1\n"))
        // A figure not held is no series (its family is still documented)
        #expect(!text.contains("cmg_gateway_storage_bytes{") && !text.contains("cmg_gateway_egress_threshold_bytes{"))
        // Every line is a comment or `name{labels} integer`
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            #expect(line.range(of: #"^[a-z_0-9]+\{[^\n]*\} -?[0-9]+$"#, options: .regularExpression) != nil, "\(line)")
        }
    }

    @Test func metricsNeedAReadTokenAndAnswerInTheTextFormat() async throws {
        let fixture = try ReportsAPITests.fixture()
        try await fixture.application().test(.router) { client in
            try await client.checked(uri: "/metrics", method: .get) { #expect($0.status == .unauthorized) }
            try await client.checked(uri: "/metrics", method: .get, headers: fixture.bearer(fixture.ingest)) { #expect($0.status == .forbidden) }
            try await client.checked(uri: "/metrics", method: .get, headers: fixture.bearer(fixture.read)) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
                let text = String(buffer: response.body)
                #expect(text.contains("cmg_gateway_online_clients{gateway=\"CedarRapids.contoso.com\"} "))
                #expect(text.contains("cmg_gateway_client_capacity{gateway=\"GraniteFalls.contoso.com\"} "))
            }
        }
    }
}
#endif
