extension HistoryStore {
    /// Availability and incidents per gateway over `period`, from one snapshot of the database.
    public func availability(period: ReportPeriod, zone: ReportZone, gateways names: [String] = []) throws -> AvailabilityReport {
        try read { db in
            let gateways = try GatewaySelection.resolve(names, in: db).map { gateway -> GatewayAvailability in
                let calculator = try AvailabilityCalculator.load(db, gatewayID: gateway.id, before: period.end)
                let seconds = calculator.seconds(from: period.start, to: period.end)
                let observed = seconds.ready + seconds.notReady
                return GatewayAvailability(
                    gateway: gateway.name, readySeconds: seconds.ready, notReadySeconds: seconds.notReady,
                    unknownSeconds: seconds.unknown, ratio: observed > 0 ? Double(seconds.ready) / Double(observed) : nil,
                    incidents: calculator.incidents(from: period.start, to: period.end, zone: zone))
            }
            return AvailabilityReport(timeZone: zone.identifier, from: zone.format(period.start), to: zone.format(period.end),
                                      stalenessLimitSeconds: StalenessPolicy.defaultLimitSeconds, gateways: gateways)
        }
    }
}
