/// ``ReportReads``' status, operation and credential reads on PostgreSQL: the statements of
/// SQLite's (AvailabilityReads, CredentialRows, SQLiteSnapshot+Reports), text ordered by its
/// bytes (`COLLATE "C"`, SQLite's BINARY) and gateway names by their ASCII-folded bytes
/// (``PostgresSnapshot/nocase(_:)``, SQLite's NOCASE).
extension PostgresSnapshot: ReportReads {
    // MARK: - Status

    func stateSpans(gatewayID: Int64, before end: UnixSeconds) throws -> [AvailabilityCalculator.Span] {
        let result = try rows("""
            SELECT first_seen_at, last_seen_at, state_code, state, description FROM state_span
            WHERE gateway_id = $1 AND first_seen_at < $2 ORDER BY first_seen_at
            """, [.int64(gatewayID), .int64(end)])
        return try result.mapRows { row in
            AvailabilityCalculator.Span(first: try result.int64(row: row, column: 0), last: try result.int64(row: row, column: 1),
                                        code: try result.optionalInt64(row: row, column: 2), state: try result.string(row: row, column: 3),
                                        description: try result.string(row: row, column: 4))
        }
    }

    func statusSnapshotCount(gatewayID: Int64, from start: UnixSeconds, to end: UnixSeconds) throws -> Int64 {
        try rows("SELECT count(*) FROM status_snapshot WHERE gateway_id = $1 AND at >= $2 AND at < $3",
                 [.int64(gatewayID), .int64(start), .int64(end)]).firstInt64() ?? 0
    }

    func statusInterval(gatewayID: Int64, near start: UnixSeconds, _ end: UnixSeconds) throws -> Int64? {
        try PostgresSamplingInterval(snapshot: self).medianSpacing(table: "status_snapshot", gatewayID: gatewayID, start: start, end: end)
    }

    // MARK: - Operations

    func stopRequests(gatewayID: Int64, from start: UnixSeconds, to end: UnixSeconds) throws
        -> [(instant: UnixSeconds, outcome: String)] {
        let result = try rows("""
            SELECT requested_at, outcome FROM operation WHERE gateway_id = $1 AND kind = $2 AND requested_at >= $3 AND requested_at < $4
            ORDER BY requested_at
            """, [.int64(gatewayID), .text(OperationKind.stop.rawValue), .int64(start), .int64(end)])
        return try result.mapRows { (try result.int64(row: $0, column: 0), try result.string(row: $0, column: 1)) }
    }

    func operationCounts(gatewayID: Int64, from start: UnixSeconds, to end: UnixSeconds) throws -> [(kind: String, count: Int)] {
        // SQLite's GROUP BY hands groups out in key order: so does this.
        let result = try rows("""
            SELECT kind, count(*) FROM operation WHERE gateway_id = $1 AND requested_at >= $2 AND requested_at < $3
            GROUP BY kind ORDER BY kind COLLATE "C"
            """, [.int64(gatewayID), .int64(start), .int64(end)])
        return try result.mapRows { (try result.string(row: $0, column: 0), Int(clamping: try result.int64(row: $0, column: 1))) }
    }

    func operationRequests(gatewayIDs: [Int64], from start: UnixSeconds, to end: UnixSeconds) throws
        -> [(gateway: String, kind: String, requestedAt: UnixSeconds, outcome: String)] {
        guard !gatewayIDs.isEmpty else { return [] }
        let result = try rows("""
            SELECT g.name, o.kind, o.requested_at, o.outcome FROM operation o JOIN gateway g ON g.id = o.gateway_id
            WHERE o.requested_at >= $1 AND o.requested_at < $2 AND o.gateway_id = ANY($3::bigint[])
            ORDER BY o.requested_at, \(Self.nocase("g.name")), o.kind COLLATE "C"
            """, [.int64(start), .int64(end), .text(PostgresBatchWriter.array(gatewayIDs))])
        return try result.mapRows { row in
            (try result.string(row: row, column: 0), try result.string(row: row, column: 1),
             try result.int64(row: row, column: 2), try result.string(row: row, column: 3))
        }
    }

    // MARK: - Credentials

    func credentials(gatewayID: Int64) throws -> [CredentialRecord] {
        let result = try rows("""
            SELECT kind, name, subject, thumbprint, not_before, expires_at, renewed_at FROM credential
            WHERE gateway_id = $1 ORDER BY kind COLLATE "C", expires_at, id
            """, [.int64(gatewayID)])
        return try result.mapRows { row in
            CredentialRecord(kind: try result.string(row: row, column: 0), name: try result.string(row: row, column: 1),
                             subject: try result.string(row: row, column: 2), thumbprint: try result.string(row: row, column: 3),
                             notBefore: try result.optionalInt64(row: row, column: 4), expiresAt: try result.int64(row: row, column: 5),
                             renewedAt: try result.optionalInt64(row: row, column: 6))
        }
    }

    func appSecretRenewals(gatewayID: Int64) throws -> [(requestedAt: UnixSeconds, outcome: String)] {
        let result = try rows("""
            SELECT requested_at, outcome FROM operation WHERE gateway_id = $1 AND kind = 'renew_app_secret' ORDER BY requested_at
            """, [.int64(gatewayID)])
        return try result.mapRows { (try result.int64(row: $0, column: 0), try result.string(row: $0, column: 1)) }
    }

    // MARK: - Ordering

    /// An ORDER BY term sorting text `expression` as SQLite's NOCASE does: A-Z folded to a-z
    /// and nothing else, then compared byte by byte.
    static func nocase(_ expression: String) -> String {
        "translate(\(expression), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') COLLATE \"C\""
    }
}
