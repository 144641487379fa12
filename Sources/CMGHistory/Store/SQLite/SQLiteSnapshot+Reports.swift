import GRDB

/// The status, operation and credential reads of ``ReportReads`` over SQLite.
extension SQLiteSnapshot {
    // MARK: - Status

    func stateSpans(gatewayID: Int64, before end: UnixSeconds) throws -> [AvailabilityCalculator.Span] {
        try AvailabilityReads.stateSpans(db, gatewayID: gatewayID, before: end)
    }

    func statusSnapshotCount(gatewayID: Int64, from start: UnixSeconds, to end: UnixSeconds) throws -> Int64 {
        try AvailabilityReads.snapshotCount(db, gatewayID: gatewayID, from: start, to: end)
    }

    func statusInterval(gatewayID: Int64, near start: UnixSeconds, _ end: UnixSeconds) throws -> Int64? {
        try SamplingInterval.statusSeconds(db, gatewayID: gatewayID, near: start, end)
    }

    // MARK: - Operations

    func stopRequests(gatewayID: Int64, from start: UnixSeconds, to end: UnixSeconds) throws
        -> [(instant: UnixSeconds, outcome: String)] {
        try AvailabilityReads.stopRequests(db, gatewayID: gatewayID, from: start, to: end)
    }

    func operationCounts(gatewayID: Int64, from start: UnixSeconds, to end: UnixSeconds) throws -> [(kind: String, count: Int)] {
        try Row.fetchAll(db, sql: """
            SELECT kind, count(*) FROM operation WHERE gateway_id = ? AND requested_at >= ? AND requested_at < ? GROUP BY kind
            """, arguments: [gatewayID, start, end]).map { try ($0.value(0), $0.value(1)) }
    }

    func operationRequests(gatewayIDs: [Int64], from start: UnixSeconds, to end: UnixSeconds) throws
        -> [(gateway: String, kind: String, requestedAt: UnixSeconds, outcome: String)] {
        guard !gatewayIDs.isEmpty else { return [] }
        // Ids are integers, so writing them into the statement cannot inject anything.
        return try Row.fetchAll(db, sql: """
            SELECT g.name, o.kind, o.requested_at, o.outcome FROM operation o JOIN gateway g ON g.id = o.gateway_id
            WHERE o.requested_at >= ? AND o.requested_at < ? AND o.gateway_id IN (\(gatewayIDs.map(String.init).joined(separator: ",")))
            ORDER BY o.requested_at, g.name, o.kind
            """, arguments: [start, end]).map { try ($0.value(0), $0.value(1), $0.value(2), $0.value(3)) }
    }

    // MARK: - Credentials

    func credentials(gatewayID: Int64) throws -> [CredentialRecord] {
        try CredentialRows.fetch(db, gatewayID: gatewayID)
    }

    func appSecretRenewals(gatewayID: Int64) throws -> [(requestedAt: UnixSeconds, outcome: String)] {
        try CredentialRows.appSecretRenewals(db, gatewayID: gatewayID)
    }
}
