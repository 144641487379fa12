import Foundation
/// Computes one gateway's section of the monthly capacity report.
struct CapacityCalculator {
    let reads: any ReportReads
    let gateway: GatewaySelection.Gateway
    let month: (start: UnixSeconds, end: UnixSeconds)
    let previous: (start: UnixSeconds, end: UnixSeconds)
    let zone: ReportZone
    /// Figures more than one section asks for (a month's requests are its total and its coverage).
    private let memo = Memo()

    static let fourteenDays: Int64 = 14 * 86_400

    init(reads: any ReportReads, gateway: GatewaySelection.Gateway, month: (start: UnixSeconds, end: UnixSeconds),
         previous: (start: UnixSeconds, end: UnixSeconds), zone: ReportZone) {
        (self.reads, self.gateway, self.month, self.previous, self.zone) = (reads, gateway, month, previous, zone)
    }

    /// Reads of one computation kept for its other sections: each is one statement on PostgreSQL.
    private final class Memo {
        struct Period: Hashable {
            let metric: RollupMetric
            let start: UnixSeconds
            let end: UnixSeconds
        }
        var aggregates: [Period: SampleAggregate] = [:]
        var alert: AlertConfigurationInForce?
        /// The forecast's days and their aggregates (``CapacityCalculator/prefetch()``).
        var days: [(start: UnixSeconds, end: UnixSeconds)] = []
        var dailyClients: [SampleAggregate] = []
        var dailyStorage: [SampleAggregate] = []
        /// Egress samples to the month's end: the rolling peak's and the forecast's (``CapacityCalculator/egressSamples(from:)``).
        var egress: [(at: UnixSeconds, bytes: Int64)]?
    }

    /// The aggregates the sections ask for, read in one call: one statement on PostgreSQL, not eight.
    private func prefetch() throws {
        let window = forecastWindow
        let days = try TrendBucket.day.buckets(covering: window, in: zone).filter { $0.start >= window.start }
        let periods: [(RollupMetric, (start: UnixSeconds, end: UnixSeconds))] = [
            (.onlineClients, month), (.requests, month), (.requests, previous),
            (.egressBytes, month), (.egressBytes, previous), (.storageUsedBytes, month),
        ]
        let sets = periods.map { (metric: $0.0, buckets: [$0.1]) } + [(.onlineClients, days), (.storageUsedBytes, days)]
        let answers = try reads.bucketAggregates(sets, gatewayID: gateway.id)
        // Every backend answers one list per set, one aggregate per bucket (SampleReadsBatchTests).
        precondition(answers.count == sets.count && zip(answers, sets).allSatisfy { $0.count == $1.buckets.count })
        for (index, (metric, period)) in periods.enumerated() {
            memo.aggregates[Memo.Period(metric: metric, start: period.start, end: period.end)] = answers[index][0]
        }
        (memo.days, memo.dailyClients, memo.dailyStorage) = (days, answers[periods.count], answers[periods.count + 1])
    }

    /// The forecast's window: the last ``CapacityPolicy/forecastWindowDays`` days of the month.
    private var forecastWindow: ReportPeriod {
        ReportPeriod(start: month.end - Int64(CapacityPolicy.forecastWindowDays) * 86_400, end: month.end)
    }

    /// Egress samples of `[from, month.end)`: one read from 14 days before the earlier of the month
    /// and the forecast window, which both the rolling peak and the forecast start within.
    private func egressSamples(from start: UnixSeconds) throws -> [(UnixSeconds, Int64)] {
        let samples: [(at: UnixSeconds, bytes: Int64)]
        if let known = memo.egress {
            samples = known
        } else {
            samples = try reads.egressSamples(gatewayID: gateway.id, from: min(month.start, forecastWindow.start) - Self.fourteenDays + 1,
                                              to: month.end)
            memo.egress = samples
        }
        return samples.drop { $0.at < start }.map { ($0.at, $0.bytes) }
    }

    /// `metric` aggregated over `period`, read once per computation.
    private func aggregate(_ metric: RollupMetric, _ period: (start: UnixSeconds, end: UnixSeconds)) throws -> SampleAggregate {
        let key = Memo.Period(metric: metric, start: period.start, end: period.end)
        if let known = memo.aggregates[key] { return known }
        let aggregate = try reads.aggregate(metric, gatewayID: gateway.id, from: period.start, to: period.end)
        memo.aggregates[key] = aggregate
        return aggregate
    }

    func compute() throws -> GatewayCapacity {
        try prefetch()
        let online = try onlineClients()
        let capacity = try capacity(online)
        let egress = try egress()
        let storage = try storage()
        let status = try AvailabilityFigures.compute(reads, gatewayID: gateway.id, from: month.start, to: month.end, zone: zone)
        let availability = Self.availability(status)
        let credentials = try expiringCredentials()
        let forecast = try forecast(capacity: capacity, egress: egress, storage: storage)
        let coverage = try CapacityCoverage(
            onlineClients: monthCoverage(.onlineClients, month), requests: monthCoverage(.requests, month),
            egress: egressCoverage(egress), storage: monthCoverage(.storageUsedBytes, month), status: status.coverage,
            rawPruned: month.start < reads.rawKeptFrom())
        var result = GatewayCapacity(
            gateway: gateway.name, warnings: [], onlineClients: online.section, capacity: capacity,
            requests: try requests(), egress: egress, storage: storage, availability: availability,
            operations: try operations(), credentialsExpiring: credentials, forecast: forecast, coverage: coverage, findings: [])
        try compareAgainstPartialMonths(&result)
        result.findings = CapacityWarnings.findings(result)
        result.warnings = result.findings.map(\.message)
        return result
    }

    // MARK: - Online clients and capacity

    private struct Online {
        var section: GatewayCapacity.OnlineClients
        var peakInstant: UnixSeconds?
        var statistics: SampleStatistics
    }

    private func onlineClients() throws -> Online {
        var values = try reads.values(.onlineClients, gatewayID: gateway.id, from: month.start, to: month.end)
        let stats = SampleStatistics(reordering: &values)
        guard let peak = stats.max else {
            return Online(section: .init(samples: 0, peak: nil, peakAt: nil, p95: nil), peakInstant: nil, statistics: stats)
        }
        let peakInstant = try reads.earliestInstant(ofOnlineClients: peak, gatewayID: gateway.id, from: month.start, to: month.end)
        return Online(section: .init(samples: stats.count, peak: peak, peakAt: peakInstant.map(zone.format), p95: stats.p95),
                      peakInstant: peakInstant, statistics: stats)
    }

    private func capacity(_ online: Online) throws -> GatewayCapacity.Capacity {
        try CapacityPeriods(reads: reads, gatewayID: gateway.id, month: month, zone: zone)
            .capacity(peak: online.section.peak, peakInstant: online.peakInstant, monthStatistics: online.statistics)
    }

    // MARK: - Requests and egress

    private func total(_ metric: RollupMetric, _ period: (start: UnixSeconds, end: UnixSeconds)) throws -> Int64? {
        try aggregate(metric, period).total
    }

    private func requests() throws -> GatewayCapacity.Change {
        let total = try total(.requests, month)
        let before = try self.total(.requests, previous)
        return .init(total: total, previousMonthTotal: before, changeRatio: Self.change(total, before))
    }

    private func egress() throws -> GatewayCapacity.Egress {
        let total = try total(.egressBytes, month)
        let before = try self.total(.egressBytes, previous)
        // The rolling 14-day sum, evaluated at each egress sample of the month: the samples of
        // the month and of the 14 days before it, walked with a sliding window.
        let samples = try egressSamples(from: month.start - Self.fourteenDays + 1)
        var peak: (bytes: WideSum, at: Int64)?
        var windowStart = 0
        var windowSum = WideSum()
        for sample in samples {
            windowSum.add(sample.1)
            while samples[windowStart].0 <= sample.0 - Self.fourteenDays {
                windowSum.subtract(samples[windowStart].1)
                windowStart += 1
            }
            if sample.0 >= month.start, peak.map({ windowSum > $0.bytes }) ?? true { peak = (windowSum, sample.0) }
        }
        var peakBytes = peak?.bytes.int64, peakAt = peak?.at
        var source: String? = peak == nil ? nil : GatewayCapacity.Egress.sampledSource
        if samples.isEmpty, let reported = try Self.reportedPeak(reads.reportedEgressSamples(gatewayID: gateway.id, from: month.start, to: month.end)) {
            // A gateway known from exports only has no egress samples, but each export carries
            // ConfigMgr's 14-day figure, the one its alert levels are compared with.
            (peakBytes, peakAt, source) = (reported.bytes, reported.at, GatewayCapacity.Egress.reportedSource)
        }
        let alert = try alertConfig()
        let threshold = alert.egressThresholdBytes
        // A peak too large for 64 bits is null, as any sum that cannot be represented.
        return .init(totalBytes: total, previousMonthTotalBytes: before, changeRatio: Self.change(total, before),
                     rolling14dPeakBytes: peakBytes, rolling14dPeakAt: peakAt.map(zone.format), rolling14dSource: source,
                     thresholdBytes: threshold,
                     warningBytes: Self.percent(threshold, alert.egressWarningPct),
                     criticalBytes: Self.percent(threshold, alert.egressCriticalPct),
                     stopsOnCritical: alert.stopOnCritical)
    }

    /// The largest reported figure, at its earliest instant.
    static func reportedPeak(_ samples: [(at: UnixSeconds, bytes: Int64)]) -> (at: UnixSeconds, bytes: Int64)? {
        samples.reduce(nil) { best, sample in best.map { sample.bytes > $0.bytes ? sample : $0 } ?? sample }
    }

    private func storage() throws -> GatewayCapacity.Storage {
        let used = try aggregate(.storageUsedBytes, month)
        let alert = try alertConfig()
        let quota = alert.storageQuotaBytes
        return .init(peakUsedBytes: used.max, quotaBytes: quota,
                     warningBytes: Self.percent(quota, alert.storageWarningPct),
                     criticalBytes: Self.percent(quota, alert.storageCriticalPct))
    }

    /// The alert thresholds in force at the month's end, field by field (``GatewayReads/alertThresholds(gatewayID:before:)``).
    private func alertConfig() throws -> AlertConfigurationInForce {
        if let known = memo.alert { return known }
        let alert = try reads.alertThresholds(gatewayID: gateway.id, before: month.end)
        memo.alert = alert
        return alert
    }

    // MARK: - Availability, operations, credentials

    private static func availability(_ f: AvailabilityFigures) -> GatewayCapacity.Availability {
        .init(readySeconds: f.ready, notReadySeconds: f.notReady, unknownSeconds: f.unknown,
              ratio: f.ratio.map { rounded($0, places: 6) }, incidents: f.incidents.count, plannedSeconds: f.plannedSeconds,
              unplannedRatio: f.unplannedRatio.map { rounded($0, places: 6) }, unplannedIncidents: f.unplannedIncidents,
              plannedStops: f.plannedStops)
    }

    // MARK: - Coverage

    /// How much of `period` the gateway's `metric` was sampled.
    private func monthCoverage(_ metric: RollupMetric, _ period: (start: UnixSeconds, end: UnixSeconds)) throws -> Coverage {
        var samples = try aggregate(metric, period).count
        let interval = try reads.samplingInterval(metric, gatewayID: gateway.id, near: period.start, period.end)
        if metric == .requests, let interval, interval > 0, period.start >= (try reads.rawKeptFrom()) {
            // Endpoints and VM instances each report every interval: the steps covered, not the reports.
            samples = try reads.trafficSteps(gatewayID: gateway.id, interval: interval, from: period.start, to: period.end)
        }
        return Coverage.sampled(samples, interval: interval, start: period.start, end: period.end)
    }

    /// The egress samples' coverage, or, where the 14-day figure is ConfigMgr's own (no egress
    /// samples), that figure's: a month of exports is not partial for want of samples nobody sends.
    private func egressCoverage(_ egress: GatewayCapacity.Egress) throws -> Coverage {
        guard egress.rolling14dSource == GatewayCapacity.Egress.reportedSource else { return try monthCoverage(.egressBytes, month) }
        let samples = try reads.reportedEgressSamples(gatewayID: gateway.id, from: month.start, to: month.end).count
        let interval = try reads.reportedEgressInterval(gatewayID: gateway.id, near: month.start, month.end)
        return Coverage.sampled(Int64(samples), interval: interval, start: month.start, end: month.end)
    }

    /// Month-over-month changes against a partial month compare per-day rates (``MonthChange``).
    private func compareAgainstPartialMonths(_ g: inout GatewayCapacity) throws {
        let requests = MonthChange.compare(g.requests.total, g.coverage.requests, period: month,
                                           g.requests.previousMonthTotal, try monthCoverage(.requests, previous), previous: previous)
        g.requests.changeRatio = requests.ratio
        g.requests.changeBasis = requests.basis
        let egress = MonthChange.compare(g.egress.totalBytes, g.coverage.egress, period: month,
                                         g.egress.previousMonthTotalBytes, try monthCoverage(.egressBytes, previous), previous: previous)
        g.egress.changeRatio = egress.ratio
        g.egress.changeBasis = egress.basis
    }

    private func operations() throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for (kind, count) in try reads.operationCounts(gatewayID: gateway.id, from: month.start, to: month.end) {
            counts[kind] = count
        }
        return counts
    }

    /// The credentials the timeline warns about during the month (``CredentialsInForce/expiring(from:to:_:)``),
    /// and those in force at its end that expire within ``CapacityPolicy/credentialWindowDays`` of it.
    private func expiringCredentials() throws -> [GatewayCapacity.ExpiringCredential] {
        let records = try reads.credentials(gatewayID: gateway.id)
        let horizon = month.end + CapacityPolicy.credentialWindowDays * 86_400
        let listed = CredentialsInForce.expiring(from: month.start, to: month.end, records)
            + CredentialsInForce.at(month.end, records).filter { $0.expiresAt < horizon }.map { ($0, nil) }
        var seen = Set<String>()
        let ordered = listed.sorted { ($0.0.expiresAt, $0.0.kind, $0.0.label) < ($1.0.expiresAt, $1.0.kind, $1.0.label) }
        return ordered.compactMap { record, replaced -> GatewayCapacity.ExpiringCredential? in
            // A record in force at the month's end is in both lists.
            guard seen.insert("\(record.key)|\(record.thumbprint)|\(record.expiresAt)").inserted else { return nil }
            return .init(kind: record.kind, name: record.label, expiresAt: zone.format(record.expiresAt),
                         daysLeft: ExpiryStatus.daysLeft(expiresAt: record.expiresAt, now: replaced ?? month.end),
                         replacedAt: replaced.map(zone.format))
        }
    }

    // MARK: - Forecast

    private func forecast(capacity: GatewayCapacity.Capacity, egress: GatewayCapacity.Egress,
                          storage: GatewayCapacity.Storage) throws -> GatewayCapacity.Forecast {
        let window = forecastWindow
        let days = memo.days
        var peaks: [(Int, Double)] = []
        var storagePeaks: [(Int, Double)] = []
        var egressDaily: [(Int, Double)] = []
        let egressSamples = try egressSamples(from: window.start - Self.fourteenDays + 1)
        let (dailyClients, dailyStorage) = (memo.dailyClients, memo.dailyStorage)
        var windowStart = 0
        var windowSum = WideSum()
        var windowEnd = 0
        for (index, day) in days.enumerated() {
            if let peak = dailyClients[index].max { peaks.append((index, Double(peak))) }
            if let used = dailyStorage[index].max { storagePeaks.append((index, Double(used))) }
            // The 14-day egress as it stood at the end of the day: a window sliding over the samples.
            var sampledToday = false
            while windowEnd < egressSamples.count, egressSamples[windowEnd].0 < day.end {
                windowSum.add(egressSamples[windowEnd].1)
                sampledToday = sampledToday || egressSamples[windowEnd].0 >= day.start
                windowEnd += 1
            }
            while windowStart < windowEnd, egressSamples[windowStart].0 <= day.end - Self.fourteenDays {
                windowSum.subtract(egressSamples[windowStart].1)
                windowStart += 1
            }
            if sampledToday { egressDaily.append((index, windowSum.double)) }
        }
        if egressSamples.isEmpty {
            // Exports only: the 14-day figure ConfigMgr reported last each day.
            let reported = try reads.reportedEgressSamples(gatewayID: gateway.id, from: window.start, to: window.end)
            var next = 0
            for (index, day) in days.enumerated() {
                var last: Int64?
                while next < reported.count, reported[next].at < day.end {
                    if reported[next].at >= day.start { last = reported[next].bytes }
                    next += 1
                }
                if let last { egressDaily.append((index, Double(last))) }
            }
        }
        let lastDay = days.count - 1
        let onlineForecast = Self.limitForecast(peaks, limit: capacity.capacityClients, lastDay: lastDay, days: days, zone: zone)
        var nextMonthInstances: Int64?
        if let fit = Self.fit(peaks), let per = capacity.clientsPerInstance {
            let nextMonthPeak = max(0, fit.value(at: Double(lastDay + 31)))
            nextMonthInstances = CapacityPolicy.recommendedInstances(peak: Int64(saturating: nextMonthPeak.rounded(.up)), perInstance: per)
        }
        return .init(
            method: "least-squares straight line through the daily values of the last \(CapacityPolicy.forecastWindowDays) days "
                + "(daily peak online clients, 14-day egress at each day's end, daily peak storage); "
                + "the date is the first day the line reaches the limit, looking \(CapacityPolicy.forecastHorizonDays) days ahead",
            onlineClientsPeakVsCapacity: onlineForecast,
            egress14dVsCritical: Self.limitForecast(egressDaily, limit: egress.criticalBytes, lastDay: lastDay, days: days, zone: zone),
            storageVsQuota: Self.limitForecast(storagePeaks, limit: storage.quotaBytes, lastDay: lastDay, days: days, zone: zone),
            instancesNeededNextMonth: nextMonthInstances)
    }

    private static func fit(_ points: [(Int, Double)]) -> LinearFit? {
        guard points.count >= CapacityPolicy.forecastMinimumDays else { return nil }
        return LinearFit(x: points.map { Double($0.0) }, y: points.map(\.1))
    }

    private static func limitForecast(_ points: [(Int, Double)], limit: Int64?, lastDay: Int,
                                      days: [(start: UnixSeconds, end: UnixSeconds)], zone: ReportZone) -> LimitForecast {
        guard let limit else { return LimitForecast(limit: nil, daysUsed: points.count, slopePerDay: nil, crossesOn: nil, reason: "no limit configured") }
        guard let fit = fit(points) else {
            return LimitForecast(limit: limit, daysUsed: points.count, slopePerDay: nil, crossesOn: nil, reason: "not enough data")
        }
        let slope = rounded(fit.slope, places: 3)
        guard let day = fit.firstReach(of: Double(limit), from: lastDay, through: lastDay + CapacityPolicy.forecastHorizonDays) else {
            return LimitForecast(limit: limit, daysUsed: points.count, slopePerDay: slope, crossesOn: nil,
                                 reason: "not within \(CapacityPolicy.forecastHorizonDays) days")
        }
        let lastStart = days.last?.start ?? 0
        // Days past the window are counted as 86,400 s from the last day's noon, then named by
        // their local date, so a DST change cannot shift the date.
        let instant = lastStart + 43_200 + Int64(day - lastDay) * 86_400
        return LimitForecast(limit: limit, daysUsed: points.count, slopePerDay: slope, crossesOn: zone.date(instant),
                             reason: day == lastDay ? "already at or above the limit" : nil)
    }

    // MARK: - Arithmetic

    // Stored values are within ValueLimits when this version imported them, but a database
    // filled by an older one may hold any Int64: every product here is checked.

    static func change(_ now: Int64?, _ before: Int64?) -> Double? {
        guard let now, let before, before > 0 else { return nil }
        // In doubles: now - before may not fit 64 bits; both are exact below 2^53.
        return rounded((Double(now) - Double(before)) / Double(before))
    }

    /// `pct` percent of `base`, or nil when either is unknown or the product does not fit.
    static func percent(_ base: Int64?, _ pct: Int64?) -> Int64? {
        guard let base, let pct else { return nil }
        let (product, overflow) = base.multipliedReportingOverflow(by: pct)
        return overflow ? nil : product / 100
    }

    static func rounded(_ value: Double, places: Int = 4) -> Double {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        return (value * scale).rounded() / scale
    }
}
