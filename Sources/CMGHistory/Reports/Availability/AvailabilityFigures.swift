/// One gateway's availability over a period with planned downtime apart: what the availability
/// and capacity reports both print.
struct AvailabilityFigures {
    var ready: Int64
    var notReady: Int64
    var unknown: Int64
    /// Incidents overlapping the period, each marked planned or not (``PlannedDowntime``).
    var incidents: [Incident]
    /// Not-ready seconds inside the period that belong to planned incidents.
    var plannedSeconds: Int64
    var coverage: Coverage

    /// The gateway's figures over `[start, end)`, incidents formatted in `zone`.
    static func compute(_ reads: some ReportReads, gatewayID: Int64, from start: UnixSeconds, to end: UnixSeconds,
                        zone: ReportZone) throws -> AvailabilityFigures {
        let calculator = try AvailabilityCalculator.load(reads, gatewayID: gatewayID, before: end)
        let seconds = calculator.seconds(from: start, to: end)
        var incidents = calculator.incidents(from: start, to: end, zone: zone)
        try PlannedDowntime.mark(&incidents, reads, gatewayID: gatewayID, leadUp: TimelinePolicy.leadUpSeconds, zone: zone)
        var planned: Int64 = 0
        for incident in incidents where incident.planned {
            let inPeriod = calculator.seconds(from: max(start, incident.startInstant), to: min(end, incident.endInstant ?? end))
            planned += inPeriod.notReady
        }
        let snapshots = try reads.statusSnapshotCount(gatewayID: gatewayID, from: start, to: end)
        let interval = try reads.statusInterval(gatewayID: gatewayID, near: start, end)
        let expected = interval.map { Coverage.expected(over: end - start, every: $0) }
        return AvailabilityFigures(ready: seconds.ready, notReady: seconds.notReady, unknown: seconds.unknown, incidents: incidents,
                                   plannedSeconds: planned,
                                   coverage: .observed(snapshots: snapshots, expectedSnapshots: expected, unknown: seconds.unknown,
                                                       start: start, end: end))
    }

    /// Whether anything was observed in the period itself: time carried in by the last snapshot
    /// before it (up to the staleness limit) is no basis for a figure, so a month without a
    /// snapshot says `no data` rather than 100 %.
    var hasData: Bool { coverage.samples > 0 && ready + notReady > 0 }

    /// ready / (ready + not ready), planned downtime included.
    var ratio: Double? { hasData ? Double(ready) / Double(ready + notReady) : nil }

    /// ready / (ready + unplanned not ready): availability over the time the gateway was meant to run.
    var unplannedRatio: Double? {
        let unplanned = max(0, notReady - plannedSeconds)
        return hasData && ready + unplanned > 0 ? Double(ready) / Double(ready + unplanned) : nil
    }

    var unplannedIncidents: Int { incidents.filter { !$0.planned }.count }

    var plannedStops: [PlannedStop] {
        incidents.filter(\.planned).map { PlannedStop(stopRequestedAt: $0.plannedBy ?? $0.start, start: $0.start, end: $0.end,
                                                      durationSeconds: $0.durationSeconds, states: $0.states) }
    }
}

/// A planned stop: the request, and the downtime it explains.
public struct PlannedStop: Sendable, Equatable, Codable {
    public var stopRequestedAt: String
    public var start: String
    public var end: String?
    public var durationSeconds: Int64
    public var states: [String]
}
