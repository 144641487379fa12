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
public struct GatewayConfig: Sendable, Equatable {
    /// The gateway's name (any name it answers to, folded to its stored name on import).
    public var gateway: String
    /// The instant observed (the end of the interval for an interval sample).
    public var at: UnixSeconds
    /// ConfigMgr's key of the gateway (`AzureServiceID`), when known.
    public var azureServiceID: String?
    /// The ConfigMgr site code (`PS1`).
    public var site: String?
    /// The Azure region (`WestUS`).
    public var region: String?
    /// The VM size of each instance (`Standard_A2_v2`).
    public var vmSize: String?
    /// The number of VM instances, 1 to 16.
    public var instances: Int64?
    /// Input fields with no column of their own, as a JSON object.
    public var extra: String?

    /// A configuration record; fields left nil were not observed.
    public init(gateway: String, at: UnixSeconds, azureServiceID: String? = nil, site: String? = nil, region: String? = nil,
                vmSize: String? = nil, instances: Int64? = nil, extra: String? = nil) {
        self.gateway = gateway
        self.at = at
        self.azureServiceID = azureServiceID
        self.site = site
        self.region = region
        self.vmSize = vmSize
        self.instances = instances
        self.extra = extra
    }
}

/// Alert thresholds as configured at an instant.
public struct AlertConfig: Sendable, Equatable {
    /// The gateway's name (any name it answers to, folded to its stored name on import).
    public var gateway: String
    /// The instant observed (the end of the interval for an interval sample).
    public var at: UnixSeconds
    /// The 14-day egress threshold in bytes (its GB figure × 10^9, exactly).
    public var egressThresholdBytes: Int64?
    /// The share of the egress threshold that raises a warning, in percent.
    public var egressWarningPct: Int64?
    /// The share of the egress threshold that is critical, in percent.
    public var egressCriticalPct: Int64?
    /// Whether the gateway stops when egress reaches the critical share.
    public var stopOnCritical: Bool?
    /// The storage quota in bytes (its GB figure × 10^9, exactly).
    public var storageQuotaBytes: Int64?
    /// The share of the storage quota that raises a warning, in percent.
    public var storageWarningPct: Int64?
    /// The share of the storage quota that is critical, in percent.
    public var storageCriticalPct: Int64?
    /// Input fields with no column of their own, as a JSON object.
    public var extra: String?

    /// An alert configuration record; thresholds left nil were not observed.
    public init(gateway: String, at: UnixSeconds, egressThresholdBytes: Int64? = nil, egressWarningPct: Int64? = nil,
                egressCriticalPct: Int64? = nil, stopOnCritical: Bool? = nil, storageQuotaBytes: Int64? = nil,
                storageWarningPct: Int64? = nil, storageCriticalPct: Int64? = nil, extra: String? = nil) {
        self.gateway = gateway
        self.at = at
        self.egressThresholdBytes = egressThresholdBytes
        self.egressWarningPct = egressWarningPct
        self.egressCriticalPct = egressCriticalPct
        self.stopOnCritical = stopOnCritical
        self.storageQuotaBytes = storageQuotaBytes
        self.storageWarningPct = storageWarningPct
        self.storageCriticalPct = storageCriticalPct
        self.extra = extra
    }
}

/// One observation of a gateway's state.
public struct StatusSnapshot: Sendable, Equatable {
    /// The gateway's name (any name it answers to, folded to its stored name on import).
    public var gateway: String
    /// The instant observed (the end of the interval for an interval sample).
    public var at: UnixSeconds
    /// The numeric code, or nil for a text with no known code.
    public var stateCode: Int64?
    /// The state text as written (canonical casing for known states).
    public var state: String
    /// ConfigMgr's status details; empty when none.
    public var description: String
    /// Input fields with no column of their own, as a JSON object.
    public var extra: String?

    /// A status observation; give a known state's code and canonical text together.
    public init(gateway: String, at: UnixSeconds, stateCode: Int64? = nil, state: String, description: String = "", extra: String? = nil) {
        self.gateway = gateway
        self.at = at
        self.stateCode = stateCode
        self.state = state
        self.description = description
        self.extra = extra
    }
}

/// A connection point's status observed at an instant: 0 all offline, 1 partially online, 2 all online.
public struct ConnectionPointStatus: Sendable, Equatable {
    /// The gateway's name (any name it answers to, folded to its stored name on import).
    public var gateway: String
    /// The connection point's server name.
    public var server: String
    /// The instant observed (the end of the interval for an interval sample).
    public var at: UnixSeconds
    /// The status: 0 all offline, 1 partially online, 2 all online.
    public var status: Int64

    /// A connection point observation.
    public init(gateway: String, server: String, at: UnixSeconds, status: Int64) {
        self.gateway = gateway
        self.server = server
        self.at = at
        self.status = status
    }
}

/// The number of clients online through a gateway at an instant.
public struct OnlineClientsSample: Sendable, Equatable {
    /// The gateway's name (any name it answers to, folded to its stored name on import).
    public var gateway: String
    /// The instant observed (the end of the interval for an interval sample).
    public var at: UnixSeconds
    /// Clients online.
    public var count: Int64

    /// An online-clients sample.
    public init(gateway: String, at: UnixSeconds, count: Int64) {
        self.gateway = gateway
        self.at = at
        self.count = count
    }
}

/// Requests through one endpoint over `(at - intervalSeconds, at]`.
public struct EndpointTrafficSample: Sendable, Equatable {
    /// The gateway's name (any name it answers to, folded to its stored name on import).
    public var gateway: String
    /// The role endpoint (`CCM_STS`, `SMS_MP`, a `/CCM_Proxy_MutualAuth/<id>/…` path).
    public var endpoint: String
    /// The instant observed (the end of the interval for an interval sample).
    public var at: UnixSeconds
    /// The length of the interval the sample covers, in seconds.
    public var intervalSeconds: Int64
    /// Requests received.
    public var requestCount: Int64
    /// Bytes of those requests.
    public var requestBytes: Int64
    /// Responses sent.
    public var responseCount: Int64
    /// Bytes of those responses.
    public var responseBytes: Int64
    /// The mean time a request took, in milliseconds, when reported.
    public var averageElapsedMilliseconds: Int64?
    /// Which VM instance served the requests: 0 for the gateway as a whole (a source that names
    /// no instance), n + 1 for `ProxyService_IN_n` (``LogFileName/vmInstanceKey``).
    public var vmInstance: Int64 = 0

    /// A traffic sample of one endpoint; `vmInstance` 0 for the gateway as a whole.
    public init(gateway: String, endpoint: String, at: UnixSeconds, intervalSeconds: Int64, requestCount: Int64,
                requestBytes: Int64, responseCount: Int64, responseBytes: Int64,
                averageElapsedMilliseconds: Int64? = nil, vmInstance: Int64 = 0) {
        self.gateway = gateway
        self.endpoint = endpoint
        self.at = at
        self.intervalSeconds = intervalSeconds
        self.requestCount = requestCount
        self.requestBytes = requestBytes
        self.responseCount = responseCount
        self.responseBytes = responseBytes
        self.averageElapsedMilliseconds = averageElapsedMilliseconds
        self.vmInstance = vmInstance
    }
}

/// Bytes sent out of Azure over `(at - intervalSeconds, at]`.
public struct EgressSample: Sendable, Equatable {
    /// The gateway's name (any name it answers to, folded to its stored name on import).
    public var gateway: String
    /// The instant observed (the end of the interval for an interval sample).
    public var at: UnixSeconds
    /// The length of the interval the sample covers, in seconds.
    public var intervalSeconds: Int64
    /// Bytes sent out of Azure.
    public var bytes: Int64

    /// An egress sample over `(at - intervalSeconds, at]`.
    public init(gateway: String, at: UnixSeconds, intervalSeconds: Int64, bytes: Int64) {
        self.gateway = gateway
        self.at = at
        self.intervalSeconds = intervalSeconds
        self.bytes = bytes
    }
}

/// Storage used by a gateway at an instant.
public struct StorageSample: Sendable, Equatable {
    /// The gateway's name (any name it answers to, folded to its stored name on import).
    public var gateway: String
    /// The instant observed (the end of the interval for an interval sample).
    public var at: UnixSeconds
    /// Storage used, in bytes.
    public var usedBytes: Int64

    /// A storage sample.
    public init(gateway: String, at: UnixSeconds, usedBytes: Int64) {
        self.gateway = gateway
        self.at = at
        self.usedBytes = usedBytes
    }
}

/// Something done to a gateway, with its outcome once known (not `Foundation.Operation`, which
/// the name `Operation` shadowed).
public struct GatewayOperation: Sendable, Equatable {
    /// The gateway's name (any name it answers to, folded to its stored name on import).
    public var gateway: String
    /// What was done.
    public var kind: OperationKind
    /// When it was asked for.
    public var requestedAt: UnixSeconds
    /// When it ended; nil while it runs.
    public var completedAt: UnixSeconds?
    /// How it ended, or that it has not.
    public var outcome: OperationOutcome
    /// Who asked for it (`CONTOSO\\admin`); empty when unknown.
    public var actor: String
    /// Free text about it (secrets redacted); empty when none.
    public var note: String
    /// Input fields with no column of their own, as a JSON object.
    public var extra: String?
    /// ConfigMgr's identity of the operation (`SiteCode/TaskID` of SMS_AzureServicesTask): a later
    /// record with the same key updates this one instead of adding another.
    public var taskKey: String? = nil
    /// ConfigMgr's key of the gateway, for an operation that names its gateway only by it
    /// (`gateway` is then empty): it is linked to the gateway once one with this key is stored.
    public var azureServiceID: String? = nil

    /// An operation record; without `completedAt` its outcome is usually ``OperationOutcome/inProgress``.
    public init(gateway: String, kind: OperationKind, requestedAt: UnixSeconds, completedAt: UnixSeconds? = nil,
                outcome: OperationOutcome, actor: String = "", note: String = "", extra: String? = nil,
                taskKey: String? = nil, azureServiceID: String? = nil) {
        self.gateway = gateway
        self.kind = kind
        self.requestedAt = requestedAt
        self.completedAt = completedAt
        self.outcome = outcome
        self.actor = actor
        self.note = note
        self.extra = extra
        self.taskKey = taskKey
        self.azureServiceID = azureServiceID
    }
}

/// A credential's public facts: who it names and when it expires. Never the secret itself.
public struct Credential: Sendable, Equatable {
    /// The gateway's name (any name it answers to, folded to its stored name on import).
    public var gateway: String
    /// What kind of credential it is.
    public var kind: CredentialKind
    /// Its name (an app secret's app); empty when unknown.
    public var name: String
    /// A certificate's subject (`CN=…`); empty when none.
    public var subject: String
    /// Uppercase hex without separators, as Windows shows it; empty when unknown.
    public var thumbprint: String
    /// When it became valid, when known.
    public var notBefore: UnixSeconds?
    /// When it expires.
    public var expiresAt: UnixSeconds
    /// Input fields with no column of their own, as a JSON object.
    public var extra: String?
    /// The issuer's distinguished name; empty when unknown.
    public var issuer: String = ""
    /// Uppercase hex without separators, as Windows shows it; empty when unknown.
    public var serialNumber: String = ""
    /// `DNS:name`, `IP:address`, `URI:…`, `email:…`, in the certificate's order.
    public var subjectAlternativeNames: [String] = []
    /// When this credential replaced the one before it (an app secret renewal).
    public var renewedAt: UnixSeconds? = nil

    /// A credential record: its public facts only.
    public init(gateway: String, kind: CredentialKind, name: String = "", subject: String = "", thumbprint: String = "",
                notBefore: UnixSeconds? = nil, expiresAt: UnixSeconds, extra: String? = nil, issuer: String = "",
                serialNumber: String = "", subjectAlternativeNames: [String] = [], renewedAt: UnixSeconds? = nil) {
        self.gateway = gateway
        self.kind = kind
        self.name = name
        self.subject = subject
        self.thumbprint = thumbprint
        self.notBefore = notBefore
        self.expiresAt = expiresAt
        self.extra = extra
        self.issuer = issuer
        self.serialNumber = serialNumber
        self.subjectAlternativeNames = subjectAlternativeNames
        self.renewedAt = renewedAt
    }
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
