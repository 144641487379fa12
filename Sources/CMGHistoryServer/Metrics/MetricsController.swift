#if canImport(Hummingbird)
import CMGHistory
import Foundation
import Hummingbird

/// `GET /metrics`: every gateway as it stands now, as Prometheus gauges, for alert rules in the
/// monitoring a team already runs (README: an Alertmanager rule file). Computed per scrape from
/// one snapshot; a figure the history does not hold is left out, never exported as 0.
struct MetricsController: Sendable {
    let store: HistoryStore
    let work: BlockingWork

    func addRoutes(to group: RouterGroup<ServerContext>) {
        group.get(use: metrics)
    }

    @Sendable func metrics(_ request: Request, context: ServerContext) async throws -> Response {
        let store = self.store
        let now = Int64(Date().timeIntervalSince1970)
        let gateways = try await work.run { try store.gatewaysNow(at: now) }
        return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(string: Self.text(gateways, now: now))))
    }

    static func text(_ gateways: [GatewayNow], now: UnixSeconds) -> String {
        var out = PrometheusText()
        func age(_ at: UnixSeconds?) -> Int64? { at.map { now - $0 } }
        for g in gateways {
            let labels = [("gateway", g.gateway)]
            out.gauge("cmg_gateway_state_code", "ConfigMgr's state code of the latest status snapshot (0 Ready).", labels, g.stateCode)
            out.gauge("cmg_gateway_ready", "1 when the latest status snapshot says Ready, else 0.", labels,
                      g.stateCode.map { $0 == GatewayState.ready.rawValue ? 1 : 0 })
            out.gauge("cmg_gateway_last_status_age_seconds", "Seconds since the latest status snapshot.", labels, age(g.lastStatusAt))
            out.gauge("cmg_gateway_online_clients", "Clients online in the latest sample.", labels, g.onlineClients)
            out.gauge("cmg_gateway_online_clients_age_seconds", "Seconds since the latest online-clients sample.", labels, age(g.onlineClientsAt))
            out.gauge("cmg_gateway_client_capacity", "Clients the configuration in force can serve (instances x clients per instance).",
                      labels, g.clientCapacity)
            out.gauge("cmg_gateway_egress_14d_bytes", "Bytes sent out of Azure in the last 14 days.", labels, g.egress14dBytes)
            out.gauge("cmg_gateway_egress_threshold_bytes", "The 14-day egress alert threshold configured in ConfigMgr.", labels, g.egressThresholdBytes)
            out.gauge("cmg_gateway_storage_bytes", "Storage used in the latest sample.", labels, g.storageBytes)
            out.gauge("cmg_gateway_storage_quota_bytes", "The storage quota configured in ConfigMgr.", labels, g.storageQuotaBytes)
            for credential in g.credentials {
                out.gauge("cmg_credential_expiry_seconds", "Seconds until a credential in force expires (negative: expired).",
                          labels + [("kind", credential.kind), ("name", credential.name)], credential.expiresAt - now)
            }
            for point in g.connectionPoints {
                out.gauge("cmg_connection_point_status", "The latest status of a connection point: 0 all offline, 1 partially online, 2 all online.",
                          labels + [("server", point.server)], point.status)
            }
            // Counts by status, 0 included, so that an alert can say "no connection point all online".
            if !g.connectionPoints.isEmpty {
                for (status, name) in [(Int64(0), "offline"), (1, "partially_online"), (2, "online")] {
                    out.gauge("cmg_gateway_connection_points", "Connection points of the gateway by their latest status.",
                              labels + [("status", name)], Int64(g.connectionPoints.filter { $0.status == status }.count))
                }
            }
        }
        return out.text
    }
}
#endif
