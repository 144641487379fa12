extension HistoryStore {
    /// Per gateway, the days of `period` in `zone` with their peak clients, capacity in force,
    /// egress, rolling 14-day egress, storage and alert levels, and coverage (``DailyChart``).
    ///
    /// Nothing here has a rule of its own: configuration and alert levels are
    /// ``GatewayReads``' (merged per field, as capacity reads them), a day's capacity is
    /// taken as the capacity report takes the month's (at the day's peak), and coverage is
    /// ``Coverage/sampled(_:interval:start:end:)`` with the interval the trend report uses for
    /// the same period (``SamplingInterval``).
    public func dailyCharts(period: ReportPeriod, zone: ReportZone, gateways names: [String] = []) throws -> [DailyChart] {
        let days = try TrendBucket.day.buckets(covering: period, in: zone)
        guard let first = days.first, let last = days.last else { return [] }
        return try snapshot { reads in
            try GatewaySelection.resolve(names, in: reads).map { gateway in
                let clients = try reads.bucketAggregates(.onlineClients, gatewayID: gateway.id, buckets: days)
                let egress = try reads.bucketAggregates(.egressBytes, gatewayID: gateway.id, buckets: days)
                let storage = try reads.bucketAggregates(.storageUsedBytes, gatewayID: gateway.id, buckets: days)
                let samples = try reads.egressSamples(gatewayID: gateway.id, from: first.start - ChartPolicy.egressWindowSeconds + 1, to: last.end)
                // A gateway known from exports only has ConfigMgr's own 14-day figure instead.
                let rolling = samples.isEmpty
                    ? RollingSum.reportedPeaks(try reads.reportedEgressSamples(gatewayID: gateway.id, from: first.start, to: last.end), buckets: days)
                    : RollingSum.peaks(samples.map { ($0.at, $0.bytes) }, window: ChartPolicy.egressWindowSeconds, buckets: days)
                let periods = try reads.configurationPeriods(gatewayID: gateway.id, from: first.start, to: last.end)
                let interval = try reads.samplingInterval(.onlineClients, gatewayID: gateway.id, near: first.start, last.end)
                let points = try days.indices.map { index -> DailyChart.Day in
                    let day = days[index]
                    let configuration = try Self.configuration(of: day, peak: clients[index].max, in: periods, reads, gatewayID: gateway.id)
                    let alert = try reads.alertThresholds(gatewayID: gateway.id, before: day.end)
                    return DailyChart.Day(
                        start: day.start, end: day.end, onlineClientsPeak: clients[index].max,
                        capacityClients: CapacityPeriods.capacity(CapacityPolicy.clientsPerInstance(vmSize: configuration.vmSize),
                                                                  configuration.instances),
                        egressBytes: egress[index].total, rolling14dPeakBytes: rolling[index],
                        egressThresholdBytes: alert.egressThresholdBytes,
                        egressWarningBytes: CapacityCalculator.percent(alert.egressThresholdBytes, alert.egressWarningPct),
                        egressCriticalBytes: CapacityCalculator.percent(alert.egressThresholdBytes, alert.egressCriticalPct),
                        storagePeakBytes: storage[index].max, storageQuotaBytes: alert.storageQuotaBytes,
                        storageWarningBytes: CapacityCalculator.percent(alert.storageQuotaBytes, alert.storageWarningPct),
                        storageCriticalBytes: CapacityCalculator.percent(alert.storageQuotaBytes, alert.storageCriticalPct),
                        coverage: Coverage.sampled(clients[index].count, interval: interval, start: day.start, end: day.end))
                }
                return DailyChart(gateway: gateway.name, intervalSeconds: interval, days: points)
            }
        }
    }

    /// The configuration in force at the day's peak of online clients (its earliest sample holding
    /// it), else at the day's last second: the rule the capacity report applies to its month, so
    /// that a scale-out mid-day draws the capacity the peak was measured against.
    private static func configuration(of day: (start: UnixSeconds, end: UnixSeconds), peak: Int64?,
                                      in periods: [ConfigurationPeriod], _ reads: some SampleReads,
                                      gatewayID: Int64) throws -> ConfigurationInForce {
        let inDay = periods.filter { $0.start < day.end && day.start < $0.end }
        guard inDay.count > 1 else { return inDay.first?.configuration ?? ConfigurationInForce() }
        let instant = try peak.flatMap { try reads.earliestInstant(ofOnlineClients: $0, gatewayID: gatewayID, from: day.start, to: day.end) }
            ?? day.end - 1
        return (inDay.last { $0.start <= instant } ?? inDay[0]).configuration
    }
}
