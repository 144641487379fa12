/// What the incident timeline reads from a store snapshot.
///
/// Each requirement returns typed values that a backend answers with one or a few plain SQL
/// queries over its own tables; the timeline (``TimelineBuilder``, ``TimelineCollector``,
/// ``TimelineLogs``, ``TimelineBundle``) computes every item from them. Instants are UTC
/// seconds, log times UTC (or, zone unknown, local) milliseconds, as stored. Row ids are the
/// store's own (`operation.id`, `credential.id`, `log_entry.id`): the timeline cites them
/// (`operation/12`, `log_entry/57`) and an extract keeps them.
///
/// The log entries of a window are read by ``notableLogEntries(fromMilliseconds:toMilliseconds:)``,
/// by time and severity, not by words; searching messages by words is ``LogSearchReads``.
protocol TimelineReads {
    /// The gateways named (by any name they answer to: ``GatewayNames``), in the order named,
    /// each once; every gateway, ordered by name without regard to case, when `names` is empty.
    ///
    /// - throws: ``ReportError/unknownGateway(_:)`` or ``GatewayError/ambiguous(_:matches:)``.
    func gateways(named names: [String]) throws -> [GatewaySelection.Gateway]

    /// The gateway's state spans that start before `end`, by their first snapshot: the
    /// availability report's spans (a snapshot holds until the next, never longer than the
    /// staleness limit the importer built them with).
    func stateSpans(gatewayID: Int64, before end: UnixSeconds) throws -> [AvailabilityCalculator.Span]

    /// The gateway's operations requested before `end` that were requested or completed at or
    /// after `start`, or that are still in progress with no completion time: by request time,
    /// then id.
    func operations(gatewayID: Int64, touchingFrom start: UnixSeconds, to end: UnixSeconds) throws -> [StoredOperation]

    /// The gateway's connection points, by server name without regard to case, then id.
    func connectionPoints(gatewayID: Int64) throws -> [ConnectionPointRecord]

    /// The latest observation of the connection point before `instant`, or (with
    /// `differentFrom`) the latest one before it whose status is not that one.
    func latestConnectionPointStatus(_ connectionPointID: Int64, before instant: UnixSeconds,
                                     differentFrom status: Int64?) throws -> ConnectionPointObservation?

    /// The instant of the connection point's first observation strictly between `start` and `end`.
    func firstConnectionPointStatusTime(_ connectionPointID: Int64, after start: UnixSeconds,
                                        before end: UnixSeconds) throws -> UnixSeconds?

    /// The connection point's observations in `[start, end)`, in time order.
    func connectionPointStatuses(_ connectionPointID: Int64, from start: UnixSeconds, to end: UnixSeconds) throws
        -> [ConnectionPointObservation]

    /// The configuration set by the gateway's records before `instant`, merged field by field,
    /// with no earlier value standing in for a field not yet set (``GatewayConfigHistory/configuration(before:)``).
    func configuration(gatewayID: Int64, before instant: UnixSeconds) throws -> ConfigurationInForce

    /// The gateway's configuration records in `[start, end)`, in time order, as recorded (a
    /// field a record left out is nil).
    func configurationRecords(gatewayID: Int64, from start: UnixSeconds, to end: UnixSeconds) throws -> [ConfigurationRecord]

    /// Every credential record of the gateway (there are few), by kind, expiry, then id.
    func identifiedCredentials(gatewayID: Int64) throws -> [IdentifiedCredential]

    /// The gateway's hourly rollups of `metric` whose hour starts in `[start, end)`, in no
    /// particular order: each hour's sample count and exact sum.
    func hourlyTotals(gatewayID: Int64, metric: RollupMetric, from start: UnixSeconds, to end: UnixSeconds) throws -> [HourlyTotals]

    /// The log entries worth a timeline item whose time (UTC, else local when the zone is
    /// unknown) is in `[from, to)` milliseconds: warnings and errors (severity 2 and up), and
    /// entries a rule made an event of, each with all its events (by rule name).
    ///
    /// In time order, then file and offset in the file. An entry's file may name no gateway.
    func notableLogEntries(fromMilliseconds from: Int64, toMilliseconds to: Int64) throws -> [NotableLogEntry]

    /// The stored entries with these ids, with where their text lies in their file, keyed by id;
    /// an id with no entry is absent.
    func citedLogEntries(_ ids: [Int64]) throws -> [Int64: CitedLogEntry]
}

extension TimelineReads where Self: GatewayReads {
    /// The reports' resolution of names (``GatewaySelection``), so both pick gateways alike;
    /// written once for every backend over its ``GatewayReads``.
    func gateways(named names: [String]) throws -> [GatewaySelection.Gateway] {
        try GatewaySelection.resolve(names, in: self)
    }
}
