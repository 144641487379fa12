import GRDB

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

    /// This cache if every id in it still names a row, else an empty one (another process may
    /// have changed the database between two batches). Batches skip per-row foreign key checks
    /// because of this: every id they use is either checked here or found in the same transaction.
    func validated(in db: Database) throws -> SeriesKeyCache {
        let stillThere = try Self.allExist(Set(gateways.values), in: "gateway", db)
            && Self.allExist(Set(endpoints.values.map(\.id)), in: "endpoint", db)
            && Self.allExist(Set(connectionPoints.values), in: "connection_point", db)
        return stillThere ? self : SeriesKeyCache()
    }

    private static func allExist(_ ids: Set<Int64>, in table: String, _ db: Database) throws -> Bool {
        guard !ids.isEmpty else { return true }
        let list = ids.map(String.init).joined(separator: ",")
        return try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table) WHERE id IN (\(list))") == ids.count
    }
}
