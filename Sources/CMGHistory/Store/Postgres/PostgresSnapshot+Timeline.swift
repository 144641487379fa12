// MARK: - Configuration, credentials, hourly totals

/// The timeline's reads on PostgreSQL, each the same rows in the same order as SQLite's
/// (SQLiteSnapshot+Timeline.swift); text orders compare bytes (`COLLATE "C"`), as SQLite's do.
extension PostgresSnapshot: TimelineReads {
    /// One backward walk of `gateway_config`'s (gateway_id, at) key per field, as
    /// ``GatewayConfigHistory/configuration(before:)`` walks it on SQLite.
    func configuration(gatewayID: Int64, before instant: UnixSeconds) throws -> ConfigurationInForce {
        let selects = GatewayConfigHistory.configColumns.map { column in
            "(SELECT \(column) FROM gateway_config WHERE gateway_id = $1 AND at <= $2 AND \(column) IS NOT NULL ORDER BY at DESC LIMIT 1)"
        }
        // Records at the instant are not yet known just before it.
        let result = try connection.query("SELECT " + selects.joined(separator: ", "),
                                          [.int64(gatewayID), .int64(instant == .min ? .min : instant - 1)], binaryResults: true)
        return ConfigurationInForce(site: try result.optionalString(row: 0, column: 0), region: try result.optionalString(row: 0, column: 1),
                                    vmSize: try result.optionalString(row: 0, column: 2), instances: try result.optionalInt64(row: 0, column: 3))
    }

    /// A range of `gateway_config`'s (gateway_id, at) key.
    func configurationRecords(gatewayID: Int64, from start: UnixSeconds, to end: UnixSeconds) throws -> [ConfigurationRecord] {
        let result = try connection.query("""
            SELECT at, vm_size, instances FROM gateway_config WHERE gateway_id = $1 AND at >= $2 AND at < $3 ORDER BY at
            """, [.int64(gatewayID), .int64(start), .int64(end)], binaryResults: true)
        return try (0..<result.rowCount).map { row in
            ConfigurationRecord(at: try result.int64(row: row, column: 0), vmSize: try result.optionalString(row: row, column: 1),
                                instances: try result.optionalInt64(row: row, column: 2))
        }
    }

    /// The gateway's `credential` rows (their `extra` JSON is not read); kinds compare bytewise, as on SQLite.
    func identifiedCredentials(gatewayID: Int64) throws -> [IdentifiedCredential] {
        let result = try connection.query("""
            SELECT id, kind, name, subject, thumbprint, not_before, expires_at, renewed_at FROM credential
            WHERE gateway_id = $1 ORDER BY kind COLLATE "C", expires_at, id
            """, [.int64(gatewayID)], binaryResults: true)
        return try (0..<result.rowCount).map { row in
            IdentifiedCredential(id: try result.int64(row: row, column: 0), credential: CredentialRecord(
                kind: try result.string(row: row, column: 1), name: try result.string(row: row, column: 2),
                subject: try result.string(row: row, column: 3), thumbprint: try result.string(row: row, column: 4),
                notBefore: try result.optionalInt64(row: row, column: 5), expiresAt: try result.int64(row: row, column: 6),
                renewedAt: try result.optionalInt64(row: row, column: 7)))
        }
    }

    /// A range of `rollup_hour`'s (gateway_id, metric_id, hour_start) key; the value lists are not read.
    func hourlyTotals(gatewayID: Int64, metric: RollupMetric, from start: UnixSeconds, to end: UnixSeconds) throws -> [HourlyTotals] {
        let result = try connection.query("""
            SELECT hour_start, count, sum FROM rollup_hour
            WHERE gateway_id = $1 AND metric_id = $2 AND hour_start >= $3 AND hour_start < $4
            """, [.int64(gatewayID), .int64(metric.rawValue), .int64(start), .int64(end)], binaryResults: true)
        return try (0..<result.rowCount).map { row in
            HourlyTotals(hourStart: try result.int64(row: row, column: 0), count: try result.int64(row: row, column: 1),
                         sum: try result.int64(row: row, column: 2))
        }
    }
}

// MARK: - Operations and connection points

extension PostgresSnapshot {
    /// The gateway's `operation` rows, in ``StoredOperation/columns(gateway:)``'s order (`id` is SQLite's rowid).
    func operations(gatewayID: Int64, touchingFrom start: UnixSeconds, to end: UnixSeconds) throws -> [StoredOperation] {
        let result = try connection.query("""
            SELECT id, gateway_id, kind, requested_at, completed_at, outcome, actor, note, extra::text, task_key FROM operation
            WHERE gateway_id = $1 AND requested_at < $2
              AND (requested_at >= $3 OR completed_at >= $3 OR (completed_at IS NULL AND outcome = 'in_progress'))
            ORDER BY requested_at, id
            """, [.int64(gatewayID), .int64(end), .int64(start)], binaryResults: true)
        return try (0..<result.rowCount).map { row in
            StoredOperation(rowID: try result.int64(row: row, column: 0), gatewayID: try result.optionalInt64(row: row, column: 1),
                            kind: try result.string(row: row, column: 2), requestedAt: try result.int64(row: row, column: 3),
                            completedAt: try result.optionalInt64(row: row, column: 4), outcome: try result.string(row: row, column: 5),
                            actor: try result.string(row: row, column: 6), note: try result.string(row: row, column: 7),
                            extra: try result.optionalString(row: row, column: 8), taskKey: try result.optionalString(row: row, column: 9))
        }
    }

    /// The gateway's `connection_point` rows, ordered in Swift: SQLite's `COLLATE NOCASE` folds
    /// ASCII letters only and then compares bytes, which no server collation does.
    func connectionPoints(gatewayID: Int64) throws -> [ConnectionPointRecord] {
        let result = try connection.query("SELECT id, server FROM connection_point WHERE gateway_id = $1",
                                          [.int64(gatewayID)], binaryResults: true)
        let points = try (0..<result.rowCount).map { row in
            ConnectionPointRecord(id: try result.int64(row: row, column: 0), server: try result.string(row: row, column: 1))
        }
        return points.map { (key: Self.noCaseKey($0.server), point: $0) }.sorted { left, right in
            left.key != right.key ? left.key.lexicographicallyPrecedes(right.key) : left.point.id < right.point.id
        }.map(\.point)
    }

    /// The bytes SQLite's NOCASE collation compares: UTF-8 with `A`–`Z` folded to lower case.
    static func noCaseKey(_ text: String) -> [UInt8] {
        text.utf8.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 + 32 : $0 }
    }

    /// The point's latest `connection_point_status` row before the instant.
    func latestConnectionPointStatus(_ connectionPointID: Int64, before instant: UnixSeconds,
                                     differentFrom status: Int64?) throws -> ConnectionPointObservation? {
        let result = if let status {
            try connection.query("""
                SELECT at, status FROM connection_point_status WHERE connection_point_id = $1 AND at < $2 AND status != $3
                ORDER BY at DESC LIMIT 1
                """, [.int64(connectionPointID), .int64(instant), .int64(status)], binaryResults: true)
        } else {
            try connection.query("""
                SELECT at, status FROM connection_point_status WHERE connection_point_id = $1 AND at < $2 ORDER BY at DESC LIMIT 1
                """, [.int64(connectionPointID), .int64(instant)], binaryResults: true)
        }
        guard result.rowCount > 0 else { return nil }
        return ConnectionPointObservation(at: try result.int64(row: 0, column: 0), status: try result.int64(row: 0, column: 1))
    }

    /// `min(at)` of the point's `connection_point_status` rows in the range.
    func firstConnectionPointStatusTime(_ connectionPointID: Int64, after start: UnixSeconds,
                                        before end: UnixSeconds) throws -> UnixSeconds? {
        try connection.query("""
            SELECT min(at) FROM connection_point_status WHERE connection_point_id = $1 AND at > $2 AND at < $3
            """, [.int64(connectionPointID), .int64(start), .int64(end)], binaryResults: true).optionalInt64(row: 0, column: 0)
    }

    /// The point's `connection_point_status` rows in the range.
    func connectionPointStatuses(_ connectionPointID: Int64, from start: UnixSeconds, to end: UnixSeconds) throws
        -> [ConnectionPointObservation] {
        let result = try connection.query("""
            SELECT at, status FROM connection_point_status WHERE connection_point_id = $1 AND at >= $2 AND at < $3 ORDER BY at
            """, [.int64(connectionPointID), .int64(start), .int64(end)], binaryResults: true)
        return try (0..<result.rowCount).map { row in
            ConnectionPointObservation(at: try result.int64(row: row, column: 0), status: try result.int64(row: row, column: 1))
        }
    }
}

/// Every read a report or the timeline makes, on one snapshot.
extension PostgresSnapshot: StoreSnapshot {}
