import GRDB

// MARK: - Gateways, status, configuration, credentials

extension SQLiteSnapshot {
    /// One backward walk of `gateway_config`'s (gateway_id, at) key per field.
    func configuration(gatewayID: Int64, before instant: UnixSeconds) throws -> ConfigurationInForce {
        try GatewayConfigHistory(db: db, gatewayID: gatewayID).configuration(before: instant)
    }

    /// A range of `gateway_config`'s (gateway_id, at) key.
    func configurationRecords(gatewayID: Int64, from start: UnixSeconds, to end: UnixSeconds) throws -> [ConfigurationRecord] {
        try Row.fetchAll(db, sql: """
            SELECT at, vm_size, instances FROM gateway_config WHERE gateway_id = ? AND at >= ? AND at < ? ORDER BY at
            """, arguments: [gatewayID, start, end]).map { row in
            try ConfigurationRecord(at: row.value("at"), vmSize: row.value("vm_size"), instances: row.value("instances"))
        }
    }

    /// The gateway's `credential` rows (their `extra` JSON is not read).
    func identifiedCredentials(gatewayID: Int64) throws -> [IdentifiedCredential] {
        try Row.fetchAll(db, sql: """
            SELECT id, kind, name, subject, thumbprint, not_before, expires_at, renewed_at FROM credential
            WHERE gateway_id = ? ORDER BY kind, expires_at, id
            """, arguments: [gatewayID]).map { row in
            try IdentifiedCredential(id: row.value("id"), credential: CredentialRecord(
                kind: row.value("kind"), name: row.value("name"), subject: row.value("subject"), thumbprint: row.value("thumbprint"),
                notBefore: row.value("not_before"), expiresAt: row.value("expires_at"), renewedAt: row.value("renewed_at")))
        }
    }

    /// A range of `rollup_hour`'s (gateway_id, metric_id, hour_start) key; the value lists are not read.
    func hourlyTotals(gatewayID: Int64, metric: RollupMetric, from start: UnixSeconds, to end: UnixSeconds) throws -> [HourlyTotals] {
        try Row.fetchAll(db, sql: """
            SELECT hour_start, count, sum FROM rollup_hour
            WHERE gateway_id = ? AND metric_id = ? AND hour_start >= ? AND hour_start < ?
            """, arguments: [gatewayID, metric.rawValue, start, end]).map { row in
            // `value` throws (damage, named as such) where `row[…]` trapped on a damaged page's blob.
            try HourlyTotals(hourStart: row.value("hour_start"), count: row.value("count"), sum: row.value("sum"))
        }
    }
}

// MARK: - Operations and connection points

extension SQLiteSnapshot {
    /// The gateway's `operation` rows, through ``StoredOperation/init(row:)``.
    func operations(gatewayID: Int64, touchingFrom start: UnixSeconds, to end: UnixSeconds) throws -> [StoredOperation] {
        try Row.fetchAll(db, sql: """
            SELECT \(StoredOperation.columns(gateway: "gateway_id")) FROM operation
            WHERE gateway_id = ? AND requested_at < ?
              AND (requested_at >= ? OR completed_at >= ? OR (completed_at IS NULL AND outcome = 'in_progress'))
            ORDER BY requested_at, id
            """, arguments: [gatewayID, end, start, start]).map(StoredOperation.init(row:))
    }

    /// The gateway's `connection_point` rows.
    func connectionPoints(gatewayID: Int64) throws -> [ConnectionPointRecord] {
        try Row.fetchAll(db, sql: "SELECT id, server FROM connection_point WHERE gateway_id = ? ORDER BY server COLLATE NOCASE, id",
                         arguments: [gatewayID]).map { try ConnectionPointRecord(id: $0.value("id"), server: $0.value("server")) }
    }

    /// The point's latest `connection_point_status` row before the instant.
    func latestConnectionPointStatus(_ connectionPointID: Int64, before instant: UnixSeconds,
                                     differentFrom status: Int64?) throws -> ConnectionPointObservation? {
        let row = if let status {
            try Row.fetchOne(db, sql: """
                SELECT at, status FROM connection_point_status WHERE connection_point_id = ? AND at < ? AND status != ?
                ORDER BY at DESC LIMIT 1
                """, arguments: [connectionPointID, instant, status])
        } else {
            try Row.fetchOne(db, sql: """
                SELECT at, status FROM connection_point_status WHERE connection_point_id = ? AND at < ? ORDER BY at DESC LIMIT 1
                """, arguments: [connectionPointID, instant])
        }
        return try row.map { try ConnectionPointObservation(at: $0.value("at"), status: $0.value("status")) }
    }

    /// `min(at)` of the point's `connection_point_status` rows in the range.
    func firstConnectionPointStatusTime(_ connectionPointID: Int64, after start: UnixSeconds,
                                        before end: UnixSeconds) throws -> UnixSeconds? {
        try Int64.fetchOne(db, sql: """
            SELECT min(at) FROM connection_point_status WHERE connection_point_id = ? AND at > ? AND at < ?
            """, arguments: [connectionPointID, start, end])
    }

    /// The point's `connection_point_status` rows in the range.
    func connectionPointStatuses(_ connectionPointID: Int64, from start: UnixSeconds, to end: UnixSeconds) throws
        -> [ConnectionPointObservation] {
        try Row.fetchAll(db, sql: """
            SELECT at, status FROM connection_point_status WHERE connection_point_id = ? AND at >= ? AND at < ? ORDER BY at
            """, arguments: [connectionPointID, start, end]).map { try ConnectionPointObservation(at: $0.value("at"), status: $0.value("status")) }
    }
}
