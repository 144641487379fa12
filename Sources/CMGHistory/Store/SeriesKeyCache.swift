/// Remembers the database ids of gateways, endpoints and connection points across batches.
///
/// Ids found or created inside a batch are kept aside until that batch commits: a rolled-back
/// batch takes the rows it created with it, so its ids must not outlive it.
struct SeriesKeyCache: Sendable {
    private(set) var gateways: [String: Int64] = [:]
    private(set) var endpoints: [SeriesKey: Endpoint] = [:]
    private(set) var connectionPoints: [SeriesKey: Int64] = [:]

    /// An endpoint's id and the interval its samples store as NULL.
    struct Endpoint: Sendable {
        var id: Int64
        var gatewayID: Int64
        var intervalSeconds: Int64
    }

    struct SeriesKey: Hashable, Sendable {
        var gatewayID: Int64
        var name: String
    }

    /// Folds ids learnt by a committed batch into the cache.
    mutating func merge(_ other: SeriesKeyCache) {
        gateways.merge(other.gateways) { $1 }
        endpoints.merge(other.endpoints) { $1 }
        connectionPoints.merge(other.connectionPoints) { $1 }
    }

    mutating func setGateway(_ key: String, _ id: Int64) { gateways[key] = id }
    mutating func setEndpoint(_ key: SeriesKey, _ endpoint: Endpoint) { endpoints[key] = endpoint }
    mutating func setConnectionPoint(_ key: SeriesKey, _ id: Int64) { connectionPoints[key] = id }
    mutating func forgetGateway(_ key: String) { gateways[key] = nil }
    mutating func forgetEndpoint(_ key: SeriesKey) { endpoints[key] = nil }
    mutating func forgetConnectionPoint(_ key: SeriesKey) { connectionPoints[key] = nil }

}
