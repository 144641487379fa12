import Foundation
import Testing
@testable import CMGHistory

/// Issue 12, problem 7 (capacity half) and "capacity of a month uses the configuration in force
/// at each instant".
@Suite("Capacity against the configuration in force, and the high-availability floor")
struct CapacityPeriodsTests {
    static func t(_ text: String) -> Int64 { Timestamp.parse(text) ?? 0 }

    /// October 2026, one online-clients sample an hour: `before` clients until `change`, `after` from it.
    static func hourlyClients(before: Int64, after: Int64, change: Int64) -> [String] {
        (0..<(31 * 24)).map { hour in
            let at = t("2026-10-01T00:00:00Z") + Int64(hour) * 3600
            return #"{"type":"online_clients","gateway":"G1","at":"\#(Timestamp.format(at))","count":\#(at < change ? before : after)}"#
        }
    }

    @Test func aMidMonthScaleOutSplitsTheMonthAndEachSampleIsMeasuredAgainstItsOwnCapacity() throws {
        // Given 2 × Standard_A2_v2 (12,000 clients) scaled out to 4 (24,000) on 10-16 00:00 UTC,
        // with 10,000 clients an hour before it and 15,000 after
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let change = Self.t("2026-10-16T00:00:00Z")
        try importNDJSON(([
            #"{"type":"gateway","gateway":"G1","at":"2026-09-01T00:00:00Z","vm_size":"Standard_A2_v2","instances":2}"#,
            // An export between them that carries no VM size changes nothing.
            #"{"type":"gateway","gateway":"G1","at":"2026-10-05T00:00:00Z","region":"WestUS"}"#,
            #"{"type":"gateway","gateway":"G1","at":"2026-10-16T00:00:00Z","instances":4}"#,
        ] + Self.hourlyClients(before: 10_000, after: 15_000, change: change)).joined(separator: "\n"), into: store, folder: folder)
        // When October's capacity is reported
        let report = try store.capacity(year: 2026, month: 10, zone: .utc)
        let c = try #require(report.gateways.first).capacity
        // Then there are two periods: 360 hours at 10,000 of 12,000, then 384 at 15,000 of 24,000
        #expect(c.configurationPeriods == [
            .init(from: "2026-10-01T00:00:00Z", to: "2026-10-16T00:00:00Z", vmSize: "Standard_A2_v2", instances: 2, clientsPerInstance: 6000,
                  capacityClients: 12_000, samples: 360, peak: 10_000, p95: 10_000, peakUtilization: 0.8333, p95Utilization: 0.8333),
            .init(from: "2026-10-16T00:00:00Z", to: "2026-11-01T00:00:00Z", vmSize: "Standard_A2_v2", instances: 4, clientsPerInstance: 6000,
                  capacityClients: 24_000, samples: 384, peak: 15_000, p95: 15_000, peakUtilization: 0.625, p95Utilization: 0.625),
        ])
        // The peak (15,000) is in the scaled-out period, but the highest share of capacity was
        // before it: 10,000 / 12,000, not 15,000 / 24,000. p95 is rank ⌈0.95 × 744⌉ = 707 of the
        // sorted shares (384 of 0.625, then 360 of 0.8333).
        #expect(c.instances == 4 && c.capacityClients == 24_000)
        #expect(c.peakUtilization == 0.8333 && c.p95Utilization == 0.8333)
        // 15,000 × 1.2 = 18,000 → 3 × 6,000
        #expect(c.recommendedInstances == 3 && c.recommendedReason == "peak + 20% headroom")
        let markdown = CapacityRender.markdown(report)
        #expect(markdown.contains("| Configuration from 2026-10-01T00:00:00Z | to 2026-10-16T00:00:00Z: 2 × Standard_A2_v2, 12,000 clients; "
                                  + "peak 10,000, p95 10,000 (83.3 % / 83.3 %) |"), "\(markdown)")
    }

    @Test func aVMSizeChangeMidMonthSplitsItToo() throws {
        // Given 2 × Standard_A2_v2 resized to Standard_A4_v2 on 10-11, 9,000 clients all month
        let folder = try TemporaryFolder()
        let store = try folder.store()
        try importNDJSON(([
            #"{"type":"gateway","gateway":"G1","at":"2026-09-01T00:00:00Z","vm_size":"Standard_A2_v2","instances":2}"#,
            #"{"type":"gateway","gateway":"G1","at":"2026-10-11T00:00:00Z","vm_size":"Standard_A4_v2"}"#,
        ] + Self.hourlyClients(before: 9000, after: 9000, change: 0)).joined(separator: "\n"), into: store, folder: folder)
        // When October's capacity is reported
        let c = try #require(try store.capacity(year: 2026, month: 10, zone: .utc).gateways.first).capacity
        // Then 240 hours at 9,000 / 12,000 = 0.75 and 504 at 9,000 / 20,000 = 0.45; p95 (rank 707 of 744) is 0.75
        #expect(c.configurationPeriods.map(\.capacityClients) == [12_000, 20_000])
        #expect(c.configurationPeriods.map(\.samples) == [240, 504])
        #expect(c.peakUtilization == 0.75 && c.p95Utilization == 0.75)
        // The recommendation is for the size in force at the month's end: 9,000 × 1.2 / 10,000 → 2
        #expect(c.recommendedInstances == 2 && c.vmSize == "Standard_A2_v2")
    }

    @Test func periodsAreCutInTheReportZoneAcrossADaylightSavingChange() throws {
        // Given November 2026 in Chicago (it leaves summer time on 11-01, so the month has 721
        // hours), one sample an hour, and a scale-out 2 → 3 at 2026-11-15T12:00:00Z (06:00 CST)
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let zone = try ReportZone(identifier: "America/Chicago")
        let start = Self.t("2026-11-01T05:00:00Z")
        let samples = (0..<721).map { hour in
            #"{"type":"online_clients","gateway":"G1","at":"\#(Timestamp.format(start + Int64(hour) * 3600))","count":6000}"#
        }
        try importNDJSON(([
            #"{"type":"gateway","gateway":"G1","at":"2026-09-01T00:00:00Z","vm_size":"Standard_A2_v2","instances":2}"#,
            #"{"type":"gateway","gateway":"G1","at":"2026-11-15T12:00:00Z","instances":3}"#,
        ] + samples).joined(separator: "\n"), into: store, folder: folder)
        // When November is reported in Chicago
        let c = try #require(try store.capacity(year: 2026, month: 11, zone: zone).gateways.first).capacity
        // Then the month runs from local midnight (CDT) to local midnight (CST), cut at the scale-out:
        // 14 days and 7 hours, then the remaining 378 hours
        #expect(c.configurationPeriods.map(\.from) == ["2026-11-01T00:00:00-05:00", "2026-11-15T06:00:00-06:00"])
        #expect(c.configurationPeriods.map(\.to) == ["2026-11-15T06:00:00-06:00", "2026-12-01T00:00:00-06:00"])
        #expect(c.configurationPeriods.map(\.samples) == [343, 378])
        #expect(c.configurationPeriods.map(\.peakUtilization) == [0.5, 0.3333])
        #expect(c.peakUtilization == 0.5 && c.p95Utilization == 0.5)
    }

    @Test func aOneInstanceGatewayIsRecommendedTheHighAvailabilityFloorAndSaysWhy() throws {
        // Given a 1-instance Standard_A2_v2 gateway whose peak (1,000 clients) needs one instance
        let folder = try TemporaryFolder()
        let store = try folder.store()
        try importNDJSON(([#"{"type":"gateway","gateway":"G1","at":"2026-09-01T00:00:00Z","vm_size":"Standard_A2_v2","instances":1}"#]
                          + Self.hourlyClients(before: 1000, after: 1000, change: 0)).joined(separator: "\n"), into: store, folder: folder)
        // When October's capacity is reported
        let report = try store.capacity(year: 2026, month: 10, zone: .utc)
        let g = try #require(report.gateways.first)
        // Then two instances are recommended, with the floor named, in every format
        let reason = "high-availability floor of 2 instances; peak + 20% headroom needs 1"
        #expect(g.capacity.recommendedInstances == CapacityPolicy.highAvailabilityFloor && g.capacity.recommendedReason == reason)
        #expect(g.forecast.instancesNeededNextMonth == 2)
        #expect(CapacityRender.markdown(report).contains("| Recommended instances | 2 (\(reason)) |"))
        #expect(CapacityRender.table(report).contains("2 (\(reason))"))
        #expect(try JSONRender.render(report).contains(#""recommended_reason" : "\#(reason)""#))
        #expect(CapacityRender.csv(report).contains(",2,\(reason),"))
        // And the policy holds at its edges
        #expect(CapacityPolicy.recommendation(peak: 0, perInstance: 6000) == (2, "high-availability floor of 2 instances; peak + 20% headroom needs 1"))
        #expect(CapacityPolicy.recommendation(peak: 10_000, perInstance: 6000) == (2, "peak + 20% headroom"))
        #expect(CapacityPolicy.recommendation(peak: 100_000, perInstance: 6000) == (16, "at most 16 instances; peak + 20% headroom needs 20"))
    }
}
