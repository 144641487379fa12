/// One table of a history as it moves between stores (`db copy`): its name, the columns copied,
/// and the primary key rows are read in order of, so a copy can page through it and resume.
///
/// Every backend's schema holds these tables under these names; a test checks the list against
/// the SQLite schema, so a new column cannot be left behind by a copy.
struct HistoryTable: Sendable, Equatable {
    let name: String
    let columns: [String]
    /// The primary key's columns, a prefix of ``columns``.
    let key: [String]

    init(_ name: String, key: [String], _ values: [String]) {
        self.name = name
        self.key = key
        columns = key + values
    }

    /// The tables in an order that satisfies foreign keys: a row's parents are copied first.
    /// Derived tables (rollups, spans, gateway traffic totals) are copied as they are: pruned
    /// hours have no raw rows to rebuild them from. SQLite's full-text index is not a table of
    /// the history; a SQLite destination rebuilds it.
    static let all: [HistoryTable] = [
        HistoryTable("metric", key: ["id"], ["name"]),
        HistoryTable("gateway", key: ["id"], ["name", "azure_service_id"]),
        HistoryTable("gateway_alias", key: ["alias"], ["gateway_id", "source"]),
        HistoryTable("gateway_config", key: ["gateway_id", "at"], ["site", "region", "vm_size", "instances", "extra"]),
        HistoryTable("alert_config", key: ["gateway_id", "at"],
                     ["egress_threshold_bytes", "egress_warning_pct", "egress_critical_pct", "stop_on_critical",
                      "storage_quota_bytes", "storage_warning_pct", "storage_critical_pct", "extra"]),
        HistoryTable("endpoint", key: ["id"], ["gateway_id", "name", "interval_s"]),
        HistoryTable("connection_point", key: ["id"], ["gateway_id", "server"]),
        HistoryTable("status_snapshot", key: ["gateway_id", "at"], ["state_code", "state", "description", "extra"]),
        HistoryTable("state_span", key: ["gateway_id", "first_seen_at"],
                     ["last_seen_at", "state_code", "state", "description", "snapshot_count", "stale_after_s"]),
        HistoryTable("connection_point_status", key: ["connection_point_id", "at"], ["status"]),
        HistoryTable("online_clients_sample", key: ["gateway_id", "at"], ["count"]),
        HistoryTable("online_clients_by_network", key: ["gateway_id", "at"], ["internet_count", "intranet_count"]),
        HistoryTable("endpoint_traffic_sample", key: ["endpoint_id", "at", "vm_instance"],
                     ["interval_s", "request_count", "request_bytes", "unanswered_count", "response_bytes", "avg_elapsed_ms"]),
        HistoryTable("gateway_traffic_sample", key: ["gateway_id", "at"],
                     ["endpoint_samples", "request_count", "request_bytes", "response_bytes", "elapsed_weighted", "elapsed_requests"]),
        HistoryTable("egress_sample", key: ["gateway_id", "at"], ["interval_s", "bytes"]),
        HistoryTable("storage_sample", key: ["gateway_id", "at"], ["used_bytes"]),
        HistoryTable("reported_egress_sample", key: ["gateway_id", "at"], ["last_14_days_bytes"]),
        HistoryTable("operation", key: ["id"],
                     ["gateway_id", "kind", "requested_at", "completed_at", "outcome", "actor", "note", "extra", "task_key"]),
        HistoryTable("unlinked_operation", key: ["task_key"],
                     ["azure_service_id", "kind", "requested_at", "completed_at", "outcome", "actor", "note", "extra"]),
        HistoryTable("credential", key: ["id"],
                     ["gateway_id", "kind", "name", "subject", "thumbprint", "not_before", "expires_at", "extra", "issuer",
                      "serial_number", "subject_alt_names", "renewed_at"]),
        HistoryTable("log_file", key: ["id"],
                     ["path", "log", "head_length", "head_hash", "size", "offset", "line", "service", "instance", "gateway_id",
                      "first_read_at", "last_read_at"]),
        HistoryTable("log_file_prefix", key: ["length", "hash", "log_file_id"], []),
        HistoryTable("log_entry", key: ["id"],
                     ["log_file_id", "offset", "length", "line", "format", "utc_ms", "local_ms", "local_time", "bias_minutes",
                      "zone_known", "severity", "component", "thread", "source_file", "message"]),
        HistoryTable("log_event", key: ["id"], ["entry_id", "rule", "kind", "severity", "gateway", "fields"]),
        HistoryTable("rollup_hour", key: ["gateway_id", "metric_id", "hour_start"], ["count", "sum", "min", "max", "value_list"]),
        HistoryTable("rollup_day", key: ["gateway_id", "metric_id", "day_start"], ["count", "sum", "min", "max", "value_list"]),
        HistoryTable("retention", key: ["id"], ["raw_kept_from", "pruned_at"]),
        HistoryTable("gateway_merge_conflict", key: ["id"], ["from_gateway", "into_gateway_id", "table_name", "row"]),
        // Digests only: a copied history lets the same tokens in.
        HistoryTable("api_token", key: ["id"], ["name", "scope", "token_hash", "created_at", "last_used_at", "revoked_at"]),
    ]
}

/// One stored value, as it moves between backends: every column of a history is one of these.
enum StoreValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case text(String)
    case blob([UInt8])
}

/// Reads whole tables, a page at a time in key order, for `db copy`.
protocol TableReads {
    /// How many rows `table` holds.
    func rowCount(_ table: HistoryTable) throws -> Int64
    /// Up to `limit` rows of `table` (its ``HistoryTable/columns``, in order) whose key comes
    /// after `key` (all rows when nil), in key order.
    func rows(_ table: HistoryTable, after key: [StoreValue]?, limit: Int) throws -> [[StoreValue]]
    /// The key of the last row of `table` in key order, or nil when it is empty.
    func lastKey(_ table: HistoryTable) throws -> [StoreValue]?
    /// The first and last instant any sample, snapshot or rollup hour holds, or nil for an empty history.
    func dataInstants() throws -> (first: UnixSeconds, last: UnixSeconds)?
}
