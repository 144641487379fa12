/// One gateway as it stands at an instant: what `/metrics` exports and the fleet overview shows.
/// Every figure is the latest the history holds before that instant, nil when it holds none.
public struct GatewayNow: Sendable, Equatable, Codable {
    /// A credential in force, and when it expires.
    public struct Credential: Sendable, Equatable, Codable {
        public var kind: String
        public var name: String
        public var expiresAt: UnixSeconds
    }

    /// A connection point and its latest status (0 all offline, 1 partially online, 2 all online).
    public struct ConnectionPoint: Sendable, Equatable, Codable {
        public var server: String
        public var status: Int64
        public var at: UnixSeconds
    }

    public var gateway: String
    /// The state of the latest status snapshot (ConfigMgr's code and name), and when it was seen
    /// last: the instant itself when its run of snapshots goes on past it (they are never more
    /// than the staleness limit apart).
    public var stateCode: Int64?
    public var state: String?
    public var lastStatusAt: UnixSeconds?
    /// Since when the gateway has been in that state: the first snapshot of the run of snapshots
    /// in it, none more than the staleness limit after the one before.
    public var stateSince: UnixSeconds?
    public var onlineClients: Int64?
    public var onlineClientsAt: UnixSeconds?
    /// Clients the configuration in force can serve (instances × the VM size's clients per instance).
    public var clientCapacity: Int64?
    /// Egress over the 14 days before the instant: the samples' sum, else ConfigMgr's own latest figure.
    public var egress14dBytes: Int64?
    public var egressThresholdBytes: Int64?
    public var storageBytes: Int64?
    public var storageQuotaBytes: Int64?
    /// The alert levels in force, in percent of the threshold and of the quota (alert_config).
    public var egressWarningPercent: Int64? = nil
    public var egressCriticalPercent: Int64? = nil
    public var storageWarningPercent: Int64? = nil
    public var storageCriticalPercent: Int64? = nil
    public var credentials: [Credential]
    /// Each connection point with an observation before the instant, by server name.
    public var connectionPoints: [ConnectionPoint] = []
}

extension HistoryStore {
    /// Every gateway (or those named) as it stands at `now`, from one snapshot, side by side.
    ///
    /// - throws: ``ReportError/unknownGateway(_:)`` for a name no gateway answers to.
    public func gatewaysNow(at now: UnixSeconds, gateways names: [String] = []) throws -> [GatewayNow] {
        try snapshot { reads in
            try reads.sideBySide(try GatewaySelection.resolve(names, in: reads)) { reads, gateway in
                try Self.now(reads, gateway, at: now)
            }
        }
    }

    private static func now(_ reads: any StoreSnapshot, _ gateway: GatewaySelection.Gateway, at now: UnixSeconds) throws -> GatewayNow {
        let id = gateway.id
        let (end, overflow) = now.addingReportingOverflow(1)
        let through = overflow ? now : end
        let spans = try reads.stateSpans(gatewayID: id, before: through)
        let span = spans.last
        var since = span?.first
        for (earlier, later) in zip(spans.dropLast(), spans.dropFirst()).reversed() {
            guard earlier.code == later.code, earlier.state == later.state,
                  later.first - earlier.last <= StalenessPolicy.defaultLimitSeconds else { break }
            since = earlier.first
        }
        let online = try reads.latestSample(.onlineClients, gatewayID: id, before: through)
        let storage = try reads.latestSample(.storageUsedBytes, gatewayID: id, before: through)
        let configuration = try reads.configuration(gatewayID: id, at: now)
        let capacity = CapacityPeriods.capacity(CapacityPolicy.clientsPerInstance(vmSize: configuration.vmSize), configuration.instances)
        let alert = try reads.alertThresholds(gatewayID: id, before: through)
        let window = now - CapacityCalculator.fourteenDays
        var egress = WideSum()
        let samples = try reads.egressSamples(gatewayID: id, from: window + 1, to: through)
        for sample in samples { egress.add(sample.bytes) }
        var egressBytes = samples.isEmpty ? nil : egress.int64
        if samples.isEmpty {
            egressBytes = try reads.reportedEgressSamples(gatewayID: id, from: window + 1, to: through).last?.bytes
        }
        let credentials = CredentialsInForce.at(now, try reads.credentials(gatewayID: id))
            .sorted { ($0.expiresAt, $0.kind, $0.label) < ($1.expiresAt, $1.kind, $1.label) }
            .map { GatewayNow.Credential(kind: $0.kind, name: $0.label, expiresAt: $0.expiresAt) }
        return GatewayNow(gateway: gateway.name, stateCode: span?.code, state: span?.state, lastStatusAt: span.map { min($0.last, now) }, stateSince: since,
                          onlineClients: online?.value, onlineClientsAt: online?.at, clientCapacity: capacity,
                          egress14dBytes: egressBytes, egressThresholdBytes: alert.egressThresholdBytes,
                          storageBytes: storage?.value, storageQuotaBytes: alert.storageQuotaBytes,
                          egressWarningPercent: alert.egressWarningPct, egressCriticalPercent: alert.egressCriticalPct,
                          storageWarningPercent: alert.storageWarningPct, storageCriticalPercent: alert.storageCriticalPct,
                          credentials: credentials,
                          connectionPoints: try reads.connectionPoints(gatewayID: id).compactMap { point in
                              try reads.latestConnectionPointStatus(point.id, before: through, differentFrom: nil)
                                  .map { GatewayNow.ConnectionPoint(server: point.server, status: $0.status, at: $0.at) }
                          })
    }
}
