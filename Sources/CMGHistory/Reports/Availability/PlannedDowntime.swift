/// Planned downtime: the one rule the timeline, availability and capacity reports share.
///
/// An incident is planned when every state it passes through is `Stopping`, `Stopped` or
/// `Starting` and a `stop` operation of its gateway (not failed or cancelled) was requested in
/// its lead-up (``TimelinePolicy/leadUpSeconds`` before its start, up to the start): the admin
/// stopped the gateway, and it stayed stopped until the next start.
enum PlannedDowntime {
    /// States of planned downtime.
    static let states: Set<String> = [GatewayState.stopping.text, GatewayState.stopped.text, GatewayState.starting.text]

    /// The latest of `candidates` (in time order) that is a stop request making an incident of
    /// `states` starting at `start` planned, or nil. `stop` gives a candidate's request instant
    /// and outcome when it is a `stop` request of the incident's gateway, nil otherwise.
    static func stop<Candidate>(states incidentStates: [String], start: UnixSeconds, leadUp: Int64, among candidates: [Candidate],
                                _ stop: (Candidate) -> (instant: UnixSeconds, outcome: String?)?) -> Candidate? {
        guard !incidentStates.isEmpty, incidentStates.allSatisfy(states.contains) else { return nil }
        let (leadStart, before) = start.subtractingReportingOverflow(leadUp)
        return candidates.last { candidate in
            guard let request = stop(candidate) else { return false }
            return request.outcome != OperationOutcome.failed.rawValue && request.outcome != OperationOutcome.cancelled.rawValue
                && (before || leadStart <= request.instant) && request.instant <= start
        }
    }

    /// Marks each of `incidents` of the gateway planned (``Incident/planned``, with the stop's
    /// instant in ``Incident/plannedBy``) by reading its stop requests once: the one reader the
    /// availability and capacity figures and the charts' shading share. The timeline applies
    /// ``stop(states:start:leadUp:among:_:)`` to its own operation items, which cite the request.
    static func mark(_ incidents: inout [Incident], _ reads: some ReportReads, gatewayID: Int64, leadUp: Int64, zone: ReportZone) throws {
        guard let earliest = incidents.map(\.startInstant).min(), let last = incidents.map(\.startInstant).max() else { return }
        // Saturating: a damaged span may start at any instant.
        let (leadStart, before) = earliest.subtractingReportingOverflow(leadUp)
        let (end, after) = last.addingReportingOverflow(1)
        let stops = try reads.stopRequests(gatewayID: gatewayID, from: before ? Int64.min : leadStart, to: after ? Int64.max : end)
        for index in incidents.indices {
            let incident = incidents[index]
            guard let stop = stop(states: incident.states, start: incident.startInstant, leadUp: leadUp, among: stops,
                                  { ($0.instant, $0.outcome) }) else { continue }
            incidents[index].planned = true
            incidents[index].plannedBy = zone.format(stop.instant)
        }
    }
}
