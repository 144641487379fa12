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
}
