// PENDING (issue 13, part T): each read below is answered with plain SQL in its own
// PostgresSnapshot+<Subject>.swift file; this file goes when the last one does.
// stateSpans(gatewayID:before:) and gateways(named:) are shared with ReportReads/GatewayReads.

private func pending(_ read: String = #function) -> StoreError { .notYetOnPostgres(operation: read, location: "PostgreSQL") }

extension PostgresSnapshot: TimelineReads {
    func operations(gatewayID: Int64, touchingFrom start: UnixSeconds, to end: UnixSeconds) throws -> [StoredOperation] { throw pending() }
    func connectionPoints(gatewayID: Int64) throws -> [ConnectionPointRecord] { throw pending() }
    func latestConnectionPointStatus(_ connectionPointID: Int64, before instant: UnixSeconds,
                                     differentFrom status: Int64?) throws -> ConnectionPointObservation? { throw pending() }
    func firstConnectionPointStatusTime(_ connectionPointID: Int64, after start: UnixSeconds,
                                        before end: UnixSeconds) throws -> UnixSeconds? { throw pending() }
    func connectionPointStatuses(_ connectionPointID: Int64, from start: UnixSeconds, to end: UnixSeconds) throws
        -> [ConnectionPointObservation] { throw pending() }
    func configuration(gatewayID: Int64, before instant: UnixSeconds) throws -> ConfigurationInForce { throw pending() }
    func configurationRecords(gatewayID: Int64, from start: UnixSeconds, to end: UnixSeconds) throws -> [ConfigurationRecord] { throw pending() }
    func identifiedCredentials(gatewayID: Int64) throws -> [IdentifiedCredential] { throw pending() }
    func hourlyTotals(gatewayID: Int64, metric: RollupMetric, from start: UnixSeconds, to end: UnixSeconds) throws -> [HourlyTotals] { throw pending() }
    func notableLogEntries(fromMilliseconds from: Int64, toMilliseconds to: Int64) throws -> [NotableLogEntry] { throw pending() }
    func citedLogEntries(_ ids: [Int64]) throws -> [Int64: CitedLogEntry] { throw pending() }
}

extension PostgresSnapshot: StoreSnapshot {}
