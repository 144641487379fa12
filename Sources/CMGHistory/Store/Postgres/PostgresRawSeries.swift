/// Where a gateway-level metric's raw samples are on PostgreSQL: SQLite's
/// ``RollupMetric/rawQuery`` as a table, a value expression over its alias `r`, and the
/// condition that makes a row a sample, so that a statement can join it to a set of ranges.
struct PostgresRawSeries {
    /// The table, aliased `r` in ``value`` and ``condition``.
    let table: String
    /// The sample's value, a bigint.
    let value: String
    /// What else a row must satisfy to be a sample (`TRUE` when nothing).
    let condition: String

    /// The series of `metric`.
    init(_ metric: RollupMetric) {
        switch metric {
        case .onlineClients: (table, value, condition) = ("online_clients_sample", "r.count", "TRUE")
        case .requests: (table, value, condition) = ("gateway_traffic_sample", "r.request_count", "TRUE")
        case .requestBytes: (table, value, condition) = ("gateway_traffic_sample", "r.request_bytes", "TRUE")
        case .responseBytes: (table, value, condition) = ("gateway_traffic_sample", "r.response_bytes", "TRUE")
        case .averageElapsedMilliseconds:
            // The request-weighted average, rounded half up from quotient and remainder as on
            // SQLite (adding half the divisor first could pass 64 bits).
            (table, value, condition) = ("gateway_traffic_sample", """
                r.elapsed_weighted / r.elapsed_requests
                    + (r.elapsed_weighted % r.elapsed_requests >= r.elapsed_requests - r.elapsed_weighted % r.elapsed_requests)::int
                """, "r.elapsed_requests > 0")
        case .egressBytes: (table, value, condition) = ("egress_sample", "r.bytes", "TRUE")
        case .storageUsedBytes: (table, value, condition) = ("storage_sample", "r.used_bytes", "TRUE")
        }
    }
}
