// PENDING (issue 13, part R): each read below is answered with plain SQL in its own
// PostgresSnapshot+<Subject>.swift file; this file goes when the last one does.

private func pending(_ read: String = #function) -> StoreError { .notYetOnPostgres(operation: read, location: "PostgreSQL") }

extension PostgresSnapshot: ReportReads {
    func stateSpans(gatewayID: Int64, before end: UnixSeconds) throws -> [AvailabilityCalculator.Span] { throw pending() }
    func statusSnapshotCount(gatewayID: Int64, from start: UnixSeconds, to end: UnixSeconds) throws -> Int64 { throw pending() }
    func statusInterval(gatewayID: Int64, near start: UnixSeconds, _ end: UnixSeconds) throws -> Int64? { throw pending() }
    func stopRequests(gatewayID: Int64, from start: UnixSeconds, to end: UnixSeconds) throws
        -> [(instant: UnixSeconds, outcome: String)] { throw pending() }
    func operationCounts(gatewayID: Int64, from start: UnixSeconds, to end: UnixSeconds) throws -> [(kind: String, count: Int)] { throw pending() }
    func operationRequests(gatewayIDs: [Int64], from start: UnixSeconds, to end: UnixSeconds) throws
        -> [(gateway: String, kind: String, requestedAt: UnixSeconds, outcome: String)] { throw pending() }
    func credentials(gatewayID: Int64) throws -> [CredentialRecord] { throw pending() }
    func appSecretRenewals(gatewayID: Int64) throws -> [(requestedAt: UnixSeconds, outcome: String)] { throw pending() }
}

extension PostgresSnapshot: SampleReads {
    func bucketValues(_ metric: RollupMetric, gatewayID: Int64,
                      buckets: [(start: UnixSeconds, end: UnixSeconds)]) throws -> [[Int64]] { throw pending() }
    func bucketAggregates(_ metric: RollupMetric, gatewayID: Int64,
                          buckets: [(start: UnixSeconds, end: UnixSeconds)]) throws -> [SampleAggregate] { throw pending() }
    func egressSamples(gatewayID: Int64, from start: UnixSeconds, to end: UnixSeconds) throws -> [(at: UnixSeconds, bytes: Int64)] { throw pending() }
    func reportedEgressSamples(gatewayID: Int64, from start: UnixSeconds, to end: UnixSeconds) throws
        -> [(at: UnixSeconds, bytes: Int64)] { throw pending() }
    func trafficStepMarks(gatewayID: Int64, interval: Int64, from start: UnixSeconds, to end: UnixSeconds) throws -> [UnixSeconds] { throw pending() }
    func endpointSamples(_ metric: RollupMetric, endpointID: Int64, from start: UnixSeconds,
                         to end: UnixSeconds) throws -> [(at: UnixSeconds, value: Int64)] { throw pending() }
    func earliestInstant(ofOnlineClients peak: Int64, gatewayID: Int64, from start: UnixSeconds, to end: UnixSeconds) throws -> UnixSeconds? { throw pending() }
    func samplingInterval(_ metric: RollupMetric, gatewayID: Int64, endpointID: Int64?,
                          near start: UnixSeconds, _ end: UnixSeconds) throws -> Int64? { throw pending() }
    func reportedEgressInterval(gatewayID: Int64, near start: UnixSeconds, _ end: UnixSeconds) throws -> Int64? { throw pending() }
    func rawKeptFrom() throws -> UnixSeconds { throw pending() }
}

extension PostgresSnapshot: GatewayReads {
    func allGateways() throws -> [GatewaySelection.Gateway] { throw pending() }
    func resolveGateway(_ name: String) throws -> GatewayNames.Resolution { throw pending() }
    func endpointID(gatewayID: Int64, name: String) throws -> Int64? { throw pending() }
    func configuration(gatewayID: Int64, at: UnixSeconds) throws -> ConfigurationInForce { throw pending() }
    func configurationPeriods(gatewayID: Int64, from start: UnixSeconds, to end: UnixSeconds) throws -> [ConfigurationPeriod] { throw pending() }
    func alertThresholds(gatewayID: Int64, before instant: UnixSeconds) throws -> AlertConfigurationInForce { throw pending() }
}
