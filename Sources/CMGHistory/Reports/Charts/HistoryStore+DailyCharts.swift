extension HistoryStore {
    /// Per gateway, the days of `period` in `zone` with their peak clients, capacity in force,
    /// egress, rolling 14-day egress and alert levels, and coverage (``DailyChart``).
    public func dailyCharts(period: ReportPeriod, zone: ReportZone, gateways names: [String] = []) throws -> [DailyChart] {
        let days = try TrendBucket.day.buckets(covering: period, in: zone)
        guard let first = days.first, let last = days.last else { return [] }
        return try read { db in
            let reader = SampleReader(db: db)
            return try GatewaySelection.resolve(names, in: db).map { gateway in
                let inputs = ChartInputs(db: db, gatewayID: gateway.id)
                let clients = try reader.bucketAggregates(.onlineClients, gatewayID: gateway.id, buckets: days)
                let egress = try reader.bucketAggregates(.egressBytes, gatewayID: gateway.id, buckets: days)
                let samples = try reader.egressSamples(gatewayID: gateway.id, from: first.start - ChartPolicy.egressWindowSeconds + 1, to: last.end)
                // A gateway known from exports only has ConfigMgr's own 14-day figure instead.
                let rolling = samples.isEmpty
                    ? RollingSum.reportedPeaks(try reader.reportedEgressSamples(gatewayID: gateway.id, from: first.start, to: last.end), buckets: days)
                    : RollingSum.peaks(samples.map { ($0.at, $0.bytes) }, window: ChartPolicy.egressWindowSeconds, buckets: days)
                let configuration = try inputs.configuration(before: last.end)
                let alert = try inputs.egressAlert(before: last.end)
                let cadence = try inputs.onlineClientsCadence(from: first.start, to: last.end) ?? ChartPolicy.defaultCadenceSeconds
                let points = days.indices.map { index -> DailyChart.Day in
                    let day = days[index]
                    let at = day.end - 1
                    let perInstance = CapacityPolicy.clientsPerInstance(vmSize: configuration.vmSizes.inForce(at: at))
                    let instances: Int64? = configuration.instances.inForce(at: at)
                    let threshold: Int64? = alert.thresholdBytes.inForce(at: at)
                    var capacity: Int64?
                    if let perInstance, let instances {
                        let (product, overflow) = perInstance.multipliedReportingOverflow(by: instances)
                        capacity = overflow ? nil : product
                    }
                    let expected = max((day.end - day.start) / max(cadence, 1), 1)
                    let count = clients[index].count
                    return DailyChart.Day(
                        start: day.start, end: day.end, onlineClientsPeak: clients[index].max,
                        capacityClients: capacity,
                        egressBytes: egress[index].total, rolling14dPeakBytes: rolling[index],
                        egressThresholdBytes: threshold,
                        egressWarningBytes: CapacityCalculator.percent(threshold, alert.warningPercent.inForce(at: at)),
                        egressCriticalBytes: CapacityCalculator.percent(threshold, alert.criticalPercent.inForce(at: at)),
                        samples: count, expectedSamples: expected, coverage: min(Double(count) / Double(expected), 1))
                }
                return DailyChart(gateway: gateway.name, cadenceSeconds: cadence, days: points)
            }
        }
    }
}
