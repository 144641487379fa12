import Foundation
import Testing
@testable import CMGHistory

/// The days the capacity page and the egress chart draw, on a history small enough to count by
/// hand: configuration and alert levels in force per field, the rolling 14-day sum, coverage.
@Suite("Daily chart values")
struct DailyChartTests {
    static let day: Int64 = 86_400
    static let start: Int64 = 1_790_812_800  // 2026-10-01T00:00:00Z

    static func at(_ seconds: Int64) -> String { Timestamp.format(start + seconds) }

    static var history: String {
        var lines = [
            #"{"type":"gateway","gateway":"G","at":"\#(at(0))","vm_size":"Standard_A2_v2","instances":2}"#,
            // An export that knows the instances but not the VM size: the size stays known.
            #"{"type":"gateway","gateway":"G","at":"\#(at(2 * day))","instances":3}"#,
            #"{"type":"alert_config","gateway":"G","at":"\#(at(0))","egress_threshold_gb":100,"egress_warning_pct":50,"egress_critical_pct":90,"storage_quota_gb":2,"storage_warning_pct":50,"storage_critical_pct":90}"#,
            // A new threshold mid-day 4, its percentages not restated: they stay in force.
            #"{"type":"alert_config","gateway":"G","at":"\#(at(3 * day + 43_200))","egress_threshold_gb":200}"#,
            // A larger storage quota from day 5, set alone: the percentages stay.
            #"{"type":"alert_config","gateway":"G","at":"\#(at(4 * day))","storage_quota_gb":4}"#,
        ]
        // Storage used each noon: 1.0, 1.1, … GB.
        for d in 0..<5 { lines.append(#"{"type":"storage","gateway":"G","at":"\#(at(Int64(d) * day + 43_200))","used_bytes":\#(1_000_000_000 + d * 100_000_000)}"#) }
        // Online clients every 5 minutes: all of day 1, the first half of day 2, none after.
        for i in 0..<(288 + 144) { lines.append(#"{"type":"online_clients","gateway":"G","at":"\#(at(Int64(i) * 300))","count":\#(100 + i)}"#) }
        // 1 GB of egress every hour for five days.
        for h in 0..<120 { lines.append(#"{"type":"egress","gateway":"G","at":"\#(at(Int64(h) * 3600))","interval_s":3600,"bytes":1000000000}"#) }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func eachDayHasTheConfigurationAndLevelsInForceItsRollingSumAndItsCoverage() throws {
        // Given five days of a gateway scaled out on day 3 and given a new threshold on day 4
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let summary = try importNDJSON(Self.history, into: store, folder: folder)
        #expect(summary.rejected == 0)
        // When its days are read
        let charts = try store.dailyCharts(period: ReportPeriod(start: Self.start, end: Self.start + 5 * Self.day), zone: .utc)
        let days = try #require(charts.first).days
        try #require(days.count == 5)
        // Then capacity is instances × 6,000 as configured at each day's end, the VM size kept
        #expect(days.map(\.capacityClients) == [12_000, 12_000, 18_000, 18_000, 18_000])
        // And the alert levels are those in force, each percentage kept from the record that set it
        #expect(days.map(\.egressThresholdBytes) == [100, 100, 100, 200, 200].map { $0 * 1_000_000_000 })
        #expect(days.map(\.egressWarningBytes) == [50, 50, 50, 100, 100].map { $0 * 1_000_000_000 })
        #expect(days.map(\.egressCriticalBytes) == [90, 90, 90, 180, 180].map { $0 * 1_000_000_000 })
        // And each day's egress is its total, the rolling 14-day sum everything up to its last sample
        #expect(days.map(\.egressBytes) == Array(repeating: 24_000_000_000, count: 5))
        #expect(days.map(\.rolling14dPeakBytes) == [24, 48, 72, 96, 120].map { $0 * 1_000_000_000 })
        // And storage is drawn against the quota in force, its levels kept from the record that set them
        #expect(days.map(\.storagePeakBytes) == [10, 11, 12, 13, 14].map { $0 * 100_000_000 })
        #expect(days.map(\.storageQuotaBytes) == [2, 2, 2, 2, 4].map { $0 * 1_000_000_000 })
        #expect(days.map(\.storageWarningBytes) == [1, 1, 1, 1, 2].map { $0 * 1_000_000_000 })
        #expect(days.map(\.storageCriticalBytes) == [18, 18, 18, 18, 36].map { $0 * 100_000_000 })
        // And coverage is the share of the 288 samples a 5-minute day should hold
        #expect(charts.first?.intervalSeconds == 300)
        #expect(days.map(\.coverage.expectedSamples) == Array(repeating: 288, count: 5))
        #expect(days.map(\.coverage.samples) == [288, 144, 0, 0, 0])
        #expect(days.map(\.coverage.coverage) == [1, 0.5, 0, 0, 0])
        #expect(days.map(\.coverage.partial) == [false, true, true, true, true])
        #expect(days.map(\.onlineClientsPeak) == [387, 531, nil, nil, nil])
    }

    @Test func aDSTDayExpectsItsOwnLengthOfSamples() throws {
        // Given 5-minute samples through the end of summer time in Berlin (2026-10-25 has 25 hours)
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let zone = try ReportZone(identifier: "Europe/Berlin")
        let dayStart = try #require(zone.startOfDay(year: 2026, month: 10, day: 25))
        let lines = (0..<(25 * 12)).map { #"{"type":"online_clients","gateway":"G","at":"\#(Timestamp.format(dayStart + Int64($0) * 300))","count":5}"# }
        try importNDJSON(lines.joined(separator: "\n") + "\n", into: store, folder: folder)
        // When the day is read in Berlin
        let day = try #require(try store.dailyCharts(period: ReportPeriod(start: dayStart, end: dayStart + 25 * 3600), zone: zone).first?.days.first)
        // Then it expects 300 samples, holds all of them, and is fully covered
        #expect(day.end - day.start == 25 * 3600)
        #expect(day.coverage.expectedSamples == 300 && day.coverage.samples == 300 && day.coverage.coverage == 1)
    }

    @Test func aScaleOutMidDayDrawsTheCapacityInForceAtTheDaysPeak() throws {
        // Given 2 instances, 4 from noon of day 1 (peak at 09:00, before it), 3 from noon of day 2
        // (peak at 18:00, after it), 5 from noon of day 3 (no samples that day)
        let folder = try TemporaryFolder()
        let store = try folder.store()
        var lines = [
            #"{"type":"gateway","gateway":"G","at":"\#(Self.at(0))","vm_size":"Standard_A2_v2","instances":2}"#,
            #"{"type":"gateway","gateway":"G","at":"\#(Self.at(43_200))","instances":4}"#,
            #"{"type":"gateway","gateway":"G","at":"\#(Self.at(Self.day + 43_200))","instances":3}"#,
            #"{"type":"gateway","gateway":"G","at":"\#(Self.at(2 * Self.day + 43_200))","instances":5}"#,
        ]
        for hour in 0..<48 {
            let peakHour = hour == 9 || hour == 24 + 18
            lines.append(#"{"type":"online_clients","gateway":"G","at":"\#(Self.at(Int64(hour) * 3600))","count":\#(peakHour ? 9_000 : 100)}"#)
        }
        try importNDJSON(lines.joined(separator: "\n") + "\n", into: store, folder: folder)
        // When its days are read
        let days = try #require(try store.dailyCharts(period: ReportPeriod(start: Self.start, end: Self.start + 3 * Self.day), zone: .utc).first).days
        // Then each day's capacity is the one its peak was measured against, else the day's last one
        #expect(days.map(\.capacityClients) == [12_000, 18_000, 30_000])
        // And the month's capacity report agrees on the first day taken as its own period
        let capacity = try store.capacity(year: 2026, month: 10, zone: .utc)
        #expect(capacity.gateways.first?.capacity.capacityClients == 12_000)
    }

    @Test func aDaysChartCoverageIsAOneDayTrendBucketsCoverage() throws {
        // Given online clients every 10 minutes with holes (most of day 2, a few hours of day 3)
        // in a zone with a DST change in the period
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let zone = try ReportZone(identifier: "America/Chicago")
        let dayStart = try #require(zone.startOfDay(year: 2026, month: 10, day: 31))
        var lines: [String] = []
        for i in 0..<(4 * 144) where !(150..<280).contains(i) && !(300..<318).contains(i) {
            lines.append(#"{"type":"online_clients","gateway":"G","at":"\#(Timestamp.format(dayStart + Int64(i) * 600))","count":\#(i)}"#)
        }
        try importNDJSON(lines.joined(separator: "\n") + "\n", into: store, folder: folder)
        let period = ReportPeriod(start: dayStart, end: dayStart + 4 * Self.day)
        // When the chart's days and a daily trend of the same period are read
        let days = try #require(try store.dailyCharts(period: period, zone: zone).first).days
        let points = try #require(try store.trend(TrendRequest(metric: .onlineClients, bucket: .day, period: period, zone: zone)).series.first).points
        // Then each day's coverage is its trend bucket's, field by field
        try #require(days.count == points.count && days.count >= 4)
        for (day, point) in zip(days, points) {
            #expect(day.start == point.startInstant)
            #expect(day.coverage.expectedSamples == point.expectedSamples)
            #expect(day.coverage.samples == point.samples)
            #expect(day.coverage.coverage == point.coverage)
            #expect(day.coverage.unknownSeconds == point.unknownSeconds)
            #expect(day.coverage.partial == point.partial)
        }
        // And the holes show: day 2 is partial, the 25-hour day expects 150 samples
        #expect(days.map(\.coverage.partial).contains(true))
        #expect(days.contains { $0.end - $0.start == 25 * 3600 && $0.coverage.expectedSamples == 150 })
    }
}
