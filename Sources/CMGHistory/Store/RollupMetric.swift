/// A gateway-level metric kept in hourly rollups; raw values are the ids in the `metric` table.
public enum RollupMetric: Int64, CaseIterable, Sendable, Codable {
    case onlineClients = 1
    case requests = 2
    case requestBytes = 3
    case responseBytes = 4
    case averageElapsedMilliseconds = 5
    case egressBytes = 6
    case storageUsedBytes = 7

    /// The name reports and the command line use.
    public var name: String {
        switch self {
        case .onlineClients: "online_clients"
        case .requests: "requests"
        case .requestBytes: "request_bytes"
        case .responseBytes: "response_bytes"
        case .averageElapsedMilliseconds: "avg_elapsed_ms"
        case .egressBytes: "egress_bytes"
        case .storageUsedBytes: "storage_used_bytes"
        }
    }

    public init?(name: String) {
        guard let match = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = match
    }

    /// Whether the metric is measured per endpoint (and summed over endpoints for a gateway).
    public var isEndpointMetric: Bool {
        switch self {
        case .requests, .requestBytes, .responseBytes, .averageElapsedMilliseconds: true
        default: false
        }
    }

    /// The column of `endpoint_traffic` (on every backend) holding an endpoint metric; nil for
    /// a metric endpoints do not report.
    var endpointTrafficColumn: String? {
        switch self {
        case .requests: "request_count"
        case .requestBytes: "request_bytes"
        case .responseBytes: "response_bytes"
        case .averageElapsedMilliseconds: "avg_elapsed_ms"
        default: nil
        }
    }

    /// The raw rows of one gateway-level metric: a query of (at, value) for `gateway_id = ?1`
    /// and `?2 <= at < ?3`, in time order.
    /// The raw table and column of a gauge sampled on its own (online clients, storage), whose
    /// latest sample is a figure in itself; nil for the other metrics.
    var gaugeSampleColumn: (table: String, column: String)? {
        switch self {
        case .onlineClients: ("online_clients_sample", "count")
        case .storageUsedBytes: ("storage_sample", "used_bytes")
        default: nil
        }
    }

    var rawQuery: String {
        switch self {
        case .onlineClients:
            "SELECT at, count FROM online_clients_sample WHERE at >= ?2 AND at < ?3 AND gateway_id = ?1 ORDER BY at"
        case .requests:
            "SELECT at, request_count FROM gateway_traffic_sample WHERE at >= ?2 AND at < ?3 AND gateway_id = ?1 ORDER BY at"
        case .requestBytes:
            "SELECT at, request_bytes FROM gateway_traffic_sample WHERE at >= ?2 AND at < ?3 AND gateway_id = ?1 ORDER BY at"
        case .responseBytes:
            "SELECT at, response_bytes FROM gateway_traffic_sample WHERE at >= ?2 AND at < ?3 AND gateway_id = ?1 ORDER BY at"
        case .averageElapsedMilliseconds:
            // The request-weighted average over endpoints, rounded half up; instants without any
            // average are not samples of this metric. From quotient and remainder: adding half the
            // divisor first could pass 64 bits, and SQLite would then answer a REAL.
            """
            SELECT at, elapsed_weighted / elapsed_requests
                + (elapsed_weighted % elapsed_requests >= elapsed_requests - elapsed_weighted % elapsed_requests)
            FROM gateway_traffic_sample
            WHERE at >= ?2 AND at < ?3 AND gateway_id = ?1 AND elapsed_requests > 0 ORDER BY at
            """
        case .egressBytes:
            "SELECT at, bytes FROM egress_sample WHERE at >= ?2 AND at < ?3 AND gateway_id = ?1 ORDER BY at"
        case .storageUsedBytes:
            "SELECT at, used_bytes FROM storage_sample WHERE at >= ?2 AND at < ?3 AND gateway_id = ?1 ORDER BY at"
        }
    }
}
