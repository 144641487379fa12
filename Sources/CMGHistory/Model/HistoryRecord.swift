/// One validated input record, ready to be stored. Every importer produces these; the store's
/// batch writer is the single path they take into the database.
public enum HistoryRecord: Sendable, Equatable {
    case gateway(GatewayConfig)
    case alertConfig(AlertConfig)
    case status(StatusSnapshot)
    case connectionPoint(ConnectionPointStatus)
    case onlineClients(OnlineClientsSample)
    case endpointTraffic(EndpointTrafficSample)
    case egress(EgressSample)
    case storage(StorageSample)
    case operation(GatewayOperation)
    case credential(Credential)
    case onlineClientsByNetwork(OnlineClientsByNetwork)
    case reportedEgress(ReportedEgressSample)

    /// The gateway the record belongs to.
    public var gateway: String {
        switch self {
        case .gateway(let r): r.gateway
        case .alertConfig(let r): r.gateway
        case .status(let r): r.gateway
        case .connectionPoint(let r): r.gateway
        case .onlineClients(let r): r.gateway
        case .endpointTraffic(let r): r.gateway
        case .egress(let r): r.gateway
        case .storage(let r): r.gateway
        case .operation(let r): r.gateway
        case .credential(let r): r.gateway
        case .onlineClientsByNetwork(let r): r.gateway
        case .reportedEgress(let r): r.gateway
        }
    }
}

/// A gateway's configuration as observed at an instant.
public struct GatewayConfig: Sendable, Equatable, Codable {
    public var gateway: String
    public var at: UnixSeconds
    public var azureServiceID: String?
    public var site: String?
    public var region: String?
    public var vmSize: String?
    public var instances: Int64?
    /// Input fields with no column of their own, as a JSON object.
    public var extra: String?
}

/// Alert thresholds as configured at an instant.
public struct AlertConfig: Sendable, Equatable, Codable {
    public var gateway: String
    public var at: UnixSeconds
    /// The 14-day egress threshold in bytes (its GB figure × 10^9, exactly).
    public var egressThresholdBytes: Int64?
    public var egressWarningPct: Int64?
    public var egressCriticalPct: Int64?
    public var stopOnCritical: Bool?
    /// The storage quota in bytes (its GB figure × 10^9, exactly).
    public var storageQuotaBytes: Int64?
    public var storageWarningPct: Int64?
    public var storageCriticalPct: Int64?
    public var extra: String?
}

/// One observation of a gateway's state.
public struct StatusSnapshot: Sendable, Equatable, Codable {
    public var gateway: String
    public var at: UnixSeconds
    /// The numeric code, or nil for a text with no known code.
    public var stateCode: Int64?
    /// The state text as written (canonical casing for known states).
    public var state: String
    public var description: String
    public var extra: String?
}

/// A connection point's status observed at an instant: 0 all offline, 1 partially online, 2 all online.
public struct ConnectionPointStatus: Sendable, Equatable, Codable {
    public var gateway: String
    public var server: String
    public var at: UnixSeconds
    public var status: Int64
}

/// The number of clients online through a gateway at an instant.
public struct OnlineClientsSample: Sendable, Equatable, Codable {
    public var gateway: String
    public var at: UnixSeconds
    public var count: Int64
}

/// Requests through one endpoint over `(at - intervalSeconds, at]`.
public struct EndpointTrafficSample: Sendable, Equatable, Codable {
    public var gateway: String
    public var endpoint: String
    public var at: UnixSeconds
    public var intervalSeconds: Int64
    public var requestCount: Int64
    public var requestBytes: Int64
    public var responseCount: Int64
    public var responseBytes: Int64
    public var averageElapsedMilliseconds: Int64?
    /// Which VM instance served the requests: 0 for the gateway as a whole (a source that names
    /// no instance), n + 1 for `ProxyService_IN_n` (``LogFileName/vmInstanceKey``).
    public var vmInstance: Int64 = 0
}

/// Bytes sent out of Azure over `(at - intervalSeconds, at]`.
public struct EgressSample: Sendable, Equatable, Codable {
    public var gateway: String
    public var at: UnixSeconds
    public var intervalSeconds: Int64
    public var bytes: Int64
}

/// Storage used by a gateway at an instant.
public struct StorageSample: Sendable, Equatable, Codable {
    public var gateway: String
    public var at: UnixSeconds
    public var usedBytes: Int64
}

/// Something done to a gateway, with its outcome once known (not `Foundation.Operation`, which
/// the name `Operation` shadowed).
public struct GatewayOperation: Sendable, Equatable, Codable {
    public var gateway: String
    public var kind: OperationKind
    public var requestedAt: UnixSeconds
    public var completedAt: UnixSeconds?
    public var outcome: OperationOutcome
    public var actor: String
    public var note: String
    public var extra: String?
    /// ConfigMgr's identity of the operation (`SiteCode/TaskID` of SMS_AzureServicesTask): a later
    /// record with the same key updates this one instead of adding another.
    public var taskKey: String? = nil
    /// ConfigMgr's key of the gateway, for an operation that names its gateway only by it
    /// (`gateway` is then empty): it is linked to the gateway once one with this key is stored.
    public var azureServiceID: String? = nil
}

/// A credential's public facts: who it names and when it expires. Never the secret itself.
public struct Credential: Sendable, Equatable, Codable {
    public var gateway: String
    public var kind: CredentialKind
    public var name: String
    public var subject: String
    /// Uppercase hex without separators, as Windows shows it; empty when unknown.
    public var thumbprint: String
    public var notBefore: UnixSeconds?
    public var expiresAt: UnixSeconds
    public var extra: String?
    /// The issuer's distinguished name; empty when unknown.
    public var issuer: String = ""
    /// Uppercase hex without separators, as Windows shows it; empty when unknown.
    public var serialNumber: String = ""
    /// `DNS:name`, `IP:address`, `URI:…`, `email:…`, in the certificate's order.
    public var subjectAlternativeNames: [String] = []
    /// When this credential replaced the one before it (an app secret renewal).
    public var renewedAt: UnixSeconds? = nil
}

extension HistoryRecord {
    /// The NDJSON `type` of the record, also used to name it in import summaries.
    public var typeName: String {
        switch self {
        case .gateway: "gateway"
        case .alertConfig: "alert_config"
        case .status: "status"
        case .connectionPoint: "connection_point"
        case .onlineClients: "online_clients"
        case .endpointTraffic: "endpoint_traffic"
        case .egress: "egress"
        case .storage: "storage"
        case .operation: "operation"
        case .credential: "credential"
        case .onlineClientsByNetwork: "online_clients_by_network"
        case .reportedEgress: "reported_egress"
        }
    }
}

extension HistoryRecord {
    /// The instant of a sample that feeds the hourly rollups, or nil for other records.
    var sampleInstant: UnixSeconds? {
        switch self {
        case .onlineClients(let r): r.at
        case .endpointTraffic(let r): r.at
        case .egress(let r): r.at
        case .storage(let r): r.at
        default: nil
        }
    }
}
