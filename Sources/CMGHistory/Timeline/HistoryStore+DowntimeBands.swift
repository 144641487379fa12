extension HistoryStore {
    /// The incidents of `period` per gateway as chart bands, each marked planned by the
    /// timeline's rule (``CauseRanking/plannedBy(gateway:start:states:items:leadUp:)``: only
    /// Stopping, Stopped or Starting, after a stop requested in its lead-up).
    ///
    /// Only what that rule needs is read (snapshots and operations), not the whole timeline:
    /// a 60-day trend page must not parse 60 days of logs.
    public func downtimeBands(period: ReportPeriod, zone: ReportZone, gateways names: [String] = [],
                              leadUpSeconds: Int64 = TimelinePolicy.leadUpSeconds) throws -> [ChartBand] {
        try read { db in
            var bands: [ChartBand] = []
            for gateway in try GatewaySelection.resolve(names, in: db) {
                let calculator = try AvailabilityCalculator.load(db, gatewayID: gateway.id, before: period.end)
                let incidents = calculator.incidents(from: period.start, to: period.end, zone: zone)
                guard let earliest = incidents.map(\.startInstant).min() else { continue }
                let collector = TimelineCollector(db: db, zone: zone, window: period, rangeStart: min(period.start, earliest - leadUpSeconds),
                                                  gateway: gateway)
                let operations = try collector.operationItems()
                for incident in incidents {
                    let planned = CauseRanking.plannedBy(gateway: gateway.name, start: incident.startInstant, states: incident.states,
                                                         items: operations, leadUp: leadUpSeconds) != nil
                    let text = "\(gateway.name): \(planned ? "planned, " : "")\(incident.states.joined(separator: " > ")), "
                        + "\(incident.start) to \(incident.end ?? "ongoing")"
                    bands.append(ChartBand(gateway: gateway.name, start: incident.startInstant, end: incident.endInstant,
                                           planned: planned, text: text))
                }
            }
            return bands
        }
    }
}
