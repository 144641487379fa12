/// Remembers the database ids of gateways, endpoints and connection points across batches.
///
/// Ids found or created inside a batch are kept aside until that batch commits: a rolled-back
/// batch takes the rows it created with it, so its ids must not outlive it.
struct SeriesKeyCache: Sendable {
    private(set) var gateways: [String: Int64] = [:]
    private(set) var endpoints: [SeriesKey: Int64] = [:]
    private(set) var connectionPoints: [SeriesKey: Int64] = [:]

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
    mutating func setEndpoint(_ key: SeriesKey, _ id: Int64) { endpoints[key] = id }
    mutating func setConnectionPoint(_ key: SeriesKey, _ id: Int64) { connectionPoints[key] = id }
}
