extension HistoryStore {
    /// The incidents of `period` per gateway as chart bands, each marked planned by the one rule
    /// (``PlannedDowntime``: only Stopping, Stopped or Starting, after a stop requested in its
    /// lead-up) as availability marks them.
    ///
    /// Only what that rule needs is read (spans and stop requests), not the whole timeline:
    /// a 60-day trend page must not parse 60 days of logs.
    public func downtimeBands(period: ReportPeriod, zone: ReportZone, gateways names: [String] = [],
                              leadUpSeconds: Int64 = TimelinePolicy.leadUpSeconds) throws -> [ChartBand] {
        try snapshot { reads in
            var bands: [ChartBand] = []
            for gateway in try GatewaySelection.resolve(names, in: reads) {
                let calculator = try AvailabilityCalculator.load(reads, gatewayID: gateway.id, before: period.end)
                var incidents = calculator.incidents(from: period.start, to: period.end, zone: zone)
                try PlannedDowntime.mark(&incidents, reads, gatewayID: gateway.id, leadUp: leadUpSeconds, zone: zone)
                for incident in incidents {
                    let text = "\(gateway.name): \(incident.planned ? "planned, " : "")\(incident.states.joined(separator: " > ")), "
                        + "\(incident.start) to \(incident.end ?? "ongoing")"
                    bands.append(ChartBand(gateway: gateway.name, start: incident.startInstant, end: incident.endInstant,
                                           planned: incident.planned, text: text))
                }
            }
            return bands
        }
    }
}
