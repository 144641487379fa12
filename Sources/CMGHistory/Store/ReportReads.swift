/// What the reports (trend, capacity, availability, expiry, charts) read from a store snapshot.
///
/// Every requirement returns typed values: instants in ``UnixSeconds`` (UTC), counts and bytes
/// in `Int64`, the store's own value types. A backend answers each with plain SQL over its tables;
/// reports compute over what it returns and hold no SQL. Samples and rollups are
/// ``SampleReads``, gateways and the configuration in force ``GatewayReads``; status, operations
/// and credentials are here.
///
/// Gateway ids are the store's own (``GatewaySelection/Gateway/id``): valid inside the snapshot
/// they were read from.
protocol ReportReads: SampleReads, GatewayReads {
    // MARK: - Status

    /// The gateway's state spans that start before `end`, in time order of their first snapshot.
    ///
    /// A span is a run of snapshots of one state, none further apart than the staleness limit
    /// (``StateSpanMaintainer``); ``AvailabilityCalculator`` turns them into seconds and incidents.
    func stateSpans(gatewayID: Int64, before end: UnixSeconds) throws -> [AvailabilityCalculator.Span]

    /// Status snapshots of the gateway taken in `[start, end)`.
    func statusSnapshotCount(gatewayID: Int64, from start: UnixSeconds, to end: UnixSeconds) throws -> Int64

    /// The median spacing of the gateway's status snapshots in `[start, end)`, else of the ones
    /// just before it, else just after it (``SamplingInterval``); nil with fewer than two.
    func statusInterval(gatewayID: Int64, near start: UnixSeconds, _ end: UnixSeconds) throws -> Int64?

    // MARK: - Operations

    /// `stop` requests of the gateway in `[start, end)` with their outcome, in time order: what
    /// makes downtime planned (``PlannedDowntime``).
    func stopRequests(gatewayID: Int64, from start: UnixSeconds, to end: UnixSeconds) throws
        -> [(instant: UnixSeconds, outcome: String)]

    /// How many operations of each kind the gateway requested in `[start, end)`, by kind; kinds
    /// with none are left out.
    func operationCounts(gatewayID: Int64, from start: UnixSeconds, to end: UnixSeconds) throws -> [(kind: String, count: Int)]

    /// Operations of `gatewayIDs` requested in `[start, end)`, each with its gateway's name,
    /// ordered by request instant, then gateway name, then kind: the marks on a trend's time axis.
    func operationRequests(gatewayIDs: [Int64], from start: UnixSeconds, to end: UnixSeconds) throws
        -> [(gateway: String, kind: String, requestedAt: UnixSeconds, outcome: String)]

    // MARK: - Credentials

    /// Every credential record of the gateway (never a secret: subject, thumbprint, dates), by
    /// kind, then expiry, then the order they were stored in.
    func credentials(gatewayID: Int64) throws -> [CredentialRecord]

    /// The gateway's `renew_app_secret` operations, when each was requested and its outcome, in
    /// request order.
    func appSecretRenewals(gatewayID: Int64) throws -> [(requestedAt: UnixSeconds, outcome: String)]
}
