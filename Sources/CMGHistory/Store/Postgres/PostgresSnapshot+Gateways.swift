/// ``GatewayReads`` on PostgreSQL: the gateway table in SQLite's order, ``GatewayNames``' rule
/// (``PostgresGatewayNames/resolve(_:_:)``) and the configuration records merged field by field
/// as ``GatewayConfigHistory`` merges them on SQLite.
extension PostgresSnapshot: GatewayReads {
    func allGateways() throws -> [GatewaySelection.Gateway] {
        let result = try rows("SELECT id, name FROM gateway ORDER BY \(Self.nocase("name")), name COLLATE \"C\"")
        return try result.mapRows { GatewaySelection.Gateway(id: try result.int64(row: $0, column: 0), name: try result.string(row: $0, column: 1)) }
    }

    func resolveGateway(_ name: String) throws -> GatewayNames.Resolution {
        try PostgresGatewayNames.resolve(name, connection)
    }

    func endpointID(gatewayID: Int64, name: String) throws -> Int64? {
        try rows("SELECT id FROM endpoint WHERE gateway_id = $1 AND name = $2", [.int64(gatewayID), .text(name)]).firstInt64()
    }

    func configuration(gatewayID: Int64, at: UnixSeconds) throws -> ConfigurationInForce {
        let result = try latestSet(table: "gateway_config", columns: Self.configColumns, gatewayID: gatewayID, atOrBefore: at)
        return ConfigurationInForce(site: try result.optionalString(row: 0, column: 0), region: try result.optionalString(row: 0, column: 1),
                                    vmSize: try result.optionalString(row: 0, column: 2), instances: try result.optionalInt64(row: 0, column: 3))
    }

    func configurationPeriods(gatewayID: Int64, from start: UnixSeconds, to end: UnixSeconds) throws -> [ConfigurationPeriod] {
        guard start < end else { return [] }
        let initial = try configuration(gatewayID: gatewayID, at: start)
        let result = try rows("""
            SELECT at, site, region, vm_size, instances FROM gateway_config
            WHERE gateway_id = $1 AND at > $2 AND at < $3 ORDER BY at
            """, [.int64(gatewayID), .int64(start), .int64(end)])
        let records = try result.mapRows { row in
            (at: try result.int64(row: row, column: 0),
             record: ConfigurationInForce(site: try result.optionalString(row: row, column: 1), region: try result.optionalString(row: row, column: 2),
                                          vmSize: try result.optionalString(row: row, column: 3), instances: try result.optionalInt64(row: row, column: 4)))
        }
        return ConfigurationPeriod.cut(start, end, from: initial, records: records)
    }

    func alertThresholds(gatewayID: Int64, before instant: UnixSeconds) throws -> AlertConfigurationInForce {
        let result = try latestSet(table: "alert_config", columns: Self.alertColumns, gatewayID: gatewayID,
                                   atOrBefore: instant == .min ? .min : instant - 1)
        let value = { (column: Int) throws -> Int64? in try result.optionalInt64(row: 0, column: column) }
        return AlertConfigurationInForce(
            egressThresholdBytes: try value(0), egressWarningPct: try value(1), egressCriticalPct: try value(2),
            stopOnCritical: try value(3).map { $0 == 1 }, storageQuotaBytes: try value(4), storageWarningPct: try value(5),
            storageCriticalPct: try value(6))
    }

    // MARK: - Field by field

    /// The configuration fields, in the order ``configuration(gatewayID:at:)`` reads them.
    private static let configColumns = ["site", "region", "vm_size", "instances"]
    /// The alert fields, in the order ``alertThresholds(gatewayID:before:)`` reads them.
    private static let alertColumns = ["egress_threshold_bytes", "egress_warning_pct", "egress_critical_pct", "stop_on_critical",
                                       "storage_quota_bytes", "storage_warning_pct", "storage_critical_pct"]

    /// One row holding, for each of `columns`, the value of the latest record at or before `at`
    /// that set it, else of the earliest record that set it, else NULL (SQLite's
    /// `GatewayConfigHistory.latestSet` with `orEarliest`). Table and columns are this file's constants.
    private func latestSet(table: String, columns: [String], gatewayID: Int64, atOrBefore at: UnixSeconds) throws -> PGResult {
        let selects = columns.map { column in
            """
            coalesce((SELECT \(column) FROM \(table) WHERE gateway_id = $1 AND at <= $2 AND \(column) IS NOT NULL ORDER BY at DESC LIMIT 1),
                     (SELECT \(column) FROM \(table) WHERE gateway_id = $1 AND \(column) IS NOT NULL ORDER BY at LIMIT 1))
            """
        }
        let result = try rows("SELECT " + selects.joined(separator: ", "), [.int64(gatewayID), .int64(at)])
        guard result.rowCount == 1 else { throw PostgresError(.decoding, message: "a SELECT of scalars returned \(result.rowCount) rows") }
        return result
    }
}
