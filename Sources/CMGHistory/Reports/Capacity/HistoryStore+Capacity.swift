extension HistoryStore {
    /// The monthly capacity report for `year-month` in `zone`, from one snapshot of the database.
    public func capacity(year: Int, month: Int, zone: ReportZone, gateways names: [String] = []) throws -> CapacityReport {
        guard (1...12).contains(month), let bounds = zone.month(year: year, month: month),
              let previous = zone.month(year: month == 1 ? year - 1 : year, month: month == 1 ? 12 : month - 1)
        else { throw ReportError.invalidMonth("\(year)-\(month)") }
        let monthText = "\(year)-\(month < 10 ? "0" : "")\(month)"
        return try snapshot { reads in
            // Each gateway's section reads only its own rows: side by side where the backend can.
            let gateways = try reads.sideBySide(try GatewaySelection.resolve(names, in: reads)) { reads, gateway in
                try CapacityCalculator(reads: reads, gateway: gateway, month: bounds, previous: previous, zone: zone).compute()
            }
            return CapacityReport(month: monthText, timeZone: zone.identifier, from: zone.format(bounds.start),
                                  to: zone.format(bounds.end), gateways: gateways)
        }
    }
}
