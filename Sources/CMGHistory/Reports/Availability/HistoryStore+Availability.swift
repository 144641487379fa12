extension HistoryStore {
    /// Availability and incidents per gateway over `period`, from one snapshot of the database.
    public func availability(period: ReportPeriod, zone: ReportZone, gateways names: [String] = []) throws -> AvailabilityReport {
        try snapshot { reads in
            let gateways = try GatewaySelection.resolve(names, in: reads).map { gateway in
                GatewayAvailability(gateway: gateway.name, figures: try AvailabilityFigures.compute(
                    reads, gatewayID: gateway.id, from: period.start, to: period.end, zone: zone))
            }
            return AvailabilityReport(timeZone: zone.identifier, from: zone.format(period.start), to: zone.format(period.end),
                                      stalenessLimitSeconds: StalenessPolicy.defaultLimitSeconds, gateways: gateways)
        }
    }
}
