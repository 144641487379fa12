/// Capacity against the configuration in force at each instant: a scale-out mid-month (2 → 4
/// instances, a larger VM size) splits the month, and each online-clients sample is measured
/// against the capacity of its own period.
struct CapacityPeriods {
    let reads: any ReportReads
    let gatewayID: Int64
    let month: (start: UnixSeconds, end: UnixSeconds)
    let zone: ReportZone

    /// The capacity section. VM size, instances and capacity are those in force at the month's
    /// peak (`peakInstant`, else the month's last second), so that "peak used X of Y" reads
    /// true; the recommendation is for the VM size in force at the month's end, the one the
    /// next month starts with. Peak and p95 utilization are over every sample of the month
    /// against its period's capacity, null when a sample's capacity is unknown.
    ///
    /// `monthStatistics` are those of the month's samples: a month without reconfiguration is
    /// one period holding them all, and its samples are not read again.
    func capacity(peak: Int64?, peakInstant: UnixSeconds?, monthStatistics: SampleStatistics) throws -> GatewayCapacity.Capacity {
        let periods = try reads.configurationPeriods(gatewayID: gatewayID, from: month.start, to: month.end)
        var ratios: [Double] = []
        let statistics: [SampleStatistics]
        let wholeMonth = periods.count == 1 && periods[0].start == month.start && periods[0].end == month.end
        if wholeMonth {
            statistics = [monthStatistics]
        } else {
            let values = try reads.bucketValues(.onlineClients, gatewayID: gatewayID, buckets: periods.map { ($0.start, $0.end) })
            statistics = zip(periods, values).map { period, periodValues in
                var values = periodValues
                let stats = SampleStatistics(reordering: &values)
                if let capacity = Self.capacity(of: period), capacity > 0 { ratios += values.map { Double($0) / Double(capacity) } }
                return stats
            }
        }
        var everyCapacityKnown = true
        var listed: [GatewayCapacity.ConfigurationPeriod] = []
        for (period, stats) in zip(periods, statistics) {
            let per = CapacityPolicy.clientsPerInstance(vmSize: period.configuration.vmSize)
            let capacity = Self.capacity(per, period.configuration.instances)
            if stats.count > 0, (capacity ?? 0) <= 0 { everyCapacityKnown = false }
            listed.append(.init(from: zone.format(period.start), to: zone.format(period.end), vmSize: period.configuration.vmSize,
                                instances: period.configuration.instances, clientsPerInstance: per, capacityClients: capacity,
                                samples: stats.count, peak: stats.max, p95: stats.p95,
                                peakUtilization: Self.ratio(stats.max, capacity), p95Utilization: Self.ratio(stats.p95, capacity)))
        }
        // The VM size and instances in force at an instant of the month are its period's: the
        // periods are cut where either changes, from the same records.
        let instant = peakInstant ?? month.end - 1
        let atPeak = try periods.first { $0.start <= instant && instant < $0.end }?.configuration
            ?? reads.configuration(gatewayID: gatewayID, at: instant)
        let perAtPeak = CapacityPolicy.clientsPerInstance(vmSize: atPeak.vmSize)
        let perAtEnd = CapacityPolicy.clientsPerInstance(vmSize: periods.last?.configuration.vmSize)
        let recommendation = perAtEnd.flatMap { per in peak.map { CapacityPolicy.recommendation(peak: $0, perInstance: per) } }
        var peakUtilization: Double?
        var p95Utilization: Double?
        if everyCapacityKnown, wholeMonth {
            // One capacity: dividing by it keeps the samples' order, so the ratios' peak and
            // nearest-rank p95 are the peak's and the p95's.
            (peakUtilization, p95Utilization) = (listed[0].peakUtilization, listed[0].p95Utilization)
        } else if everyCapacityKnown, !ratios.isEmpty {
            peakUtilization = ratios.max().map { CapacityCalculator.rounded($0) }
            // Nearest rank over the samples' own ratios.
            ratios.sort()
            p95Utilization = CapacityCalculator.rounded(ratios[SampleStatistics.nearestRank(0.95, count: ratios.count) - 1])
        }
        return .init(vmSize: atPeak.vmSize, instances: atPeak.instances, clientsPerInstance: perAtPeak,
                     capacityClients: Self.capacity(perAtPeak, atPeak.instances),
                     peakUtilization: peakUtilization, p95Utilization: p95Utilization,
                     recommendedInstances: recommendation?.instances, recommendedReason: recommendation?.reason,
                     configurationPeriods: listed)
    }

    /// The capacity of the configuration in force during `period`.
    static func capacity(of period: ConfigurationPeriod) -> Int64? {
        capacity(CapacityPolicy.clientsPerInstance(vmSize: period.configuration.vmSize), period.configuration.instances)
    }

    /// Instances × clients per instance, or nil when either is unknown or the product does not fit.
    static func capacity(_ perInstance: Int64?, _ instances: Int64?) -> Int64? {
        guard let perInstance, let instances else { return nil }
        let (product, overflow) = perInstance.multipliedReportingOverflow(by: instances)
        return overflow ? nil : product
    }

    static func ratio(_ value: Int64?, _ capacity: Int64?) -> Double? {
        guard let value, let capacity, capacity > 0 else { return nil }
        return CapacityCalculator.rounded(Double(value) / Double(capacity))
    }
}
