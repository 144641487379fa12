import GRDB

/// Reads the configuration records of one gateway, merged field by field.
struct GatewayConfigHistory {
    let db: Database
    let gatewayID: Int64

    static let configColumns = ["site", "region", "vm_size", "instances"]
    static let alertColumns = ["egress_threshold_bytes", "egress_warning_pct", "egress_critical_pct", "stop_on_critical",
                               "storage_quota_bytes", "storage_warning_pct", "storage_critical_pct"]

    /// The configuration in force at `at` (records at `at` included).
    func configuration(at: UnixSeconds) throws -> ConfigurationInForce {
        let row = try latestSet(table: "gateway_config", columns: Self.configColumns, atOrBefore: at, orEarliest: true)
        return try ConfigurationInForce(site: row.value("site"), region: row.value("region"),
                                        vmSize: row.value("vm_size"), instances: row.value("instances"))
    }

    /// The configuration set by records before `instant` only, with no earlier value standing in
    /// for a field not yet set: what a reader of the history knew just before it.
    func configuration(before instant: UnixSeconds) throws -> ConfigurationInForce {
        let row = try latestSet(table: "gateway_config", columns: Self.configColumns, atOrBefore: instant == .min ? .min : instant - 1, orEarliest: false)
        return try ConfigurationInForce(site: row.value("site"), region: row.value("region"),
                                        vmSize: row.value("vm_size"), instances: row.value("instances"))
    }

    /// The alert thresholds in force just before `instant` (a month's end).
    func alertConfiguration(before instant: UnixSeconds) throws -> AlertConfigurationInForce {
        let row = try latestSet(table: "alert_config", columns: Self.alertColumns, atOrBefore: instant == .min ? .min : instant - 1, orEarliest: true)
        let stop: Int64? = try row.value("stop_on_critical")
        return try AlertConfigurationInForce(
            egressThresholdBytes: row.value("egress_threshold_bytes"), egressWarningPct: row.value("egress_warning_pct"),
            egressCriticalPct: row.value("egress_critical_pct"), stopOnCritical: stop.map { $0 == 1 },
            storageQuotaBytes: row.value("storage_quota_bytes"), storageWarningPct: row.value("storage_warning_pct"),
            storageCriticalPct: row.value("storage_critical_pct"))
    }

    /// `[start, end)` cut where the VM size or instance count in force changes, in time order;
    /// at least one period when `start < end`.
    func periods(from start: UnixSeconds, to end: UnixSeconds) throws -> [ConfigurationPeriod] {
        guard start < end else { return [] }
        let current = try configuration(at: start)
        let rows = try Row.fetchAll(db, sql: """
            SELECT at, site, region, vm_size, instances FROM gateway_config
            WHERE gateway_id = ? AND at > ? AND at < ? ORDER BY at
            """, arguments: [gatewayID, start, end])
        let records = try rows.map { row in
            (at: try row.value("at") as UnixSeconds,
             record: ConfigurationInForce(site: try row.value("site"), region: try row.value("region"),
                                          vmSize: try row.value("vm_size"), instances: try row.value("instances")))
        }
        return ConfigurationPeriod.cut(start, end, from: current, records: records)
    }

    /// One row holding, for each of `columns`, the value of the latest record at or before `at`
    /// that set it, else (with `orEarliest`) of the earliest record that set it, else null.
    ///
    /// Table and column names are this file's constants. Each column is one backward walk of
    /// the table's (gateway_id, at) key, stopping at the first row that set it.
    private func latestSet(table: String, columns: [String], atOrBefore at: UnixSeconds, orEarliest: Bool) throws -> Row {
        let selects = columns.map { column in
            let latest = "(SELECT \(column) FROM \(table) WHERE gateway_id = :g AND at <= :t AND \(column) IS NOT NULL ORDER BY at DESC LIMIT 1)"
            guard orEarliest else { return "\(latest) AS \(column)" }
            let earliest = "(SELECT \(column) FROM \(table) WHERE gateway_id = :g AND \(column) IS NOT NULL ORDER BY at LIMIT 1)"
            return "coalesce(\(latest), \(earliest)) AS \(column)"
        }
        let sql = "SELECT " + selects.joined(separator: ", ")
        guard let row = try Row.fetchOne(db.cachedStatement(sql: sql), arguments: ["g": gatewayID, "t": at]) else {
            throw DatabaseError(resultCode: .SQLITE_ERROR, message: "a SELECT of scalars returned no row")
        }
        return row
    }
}
