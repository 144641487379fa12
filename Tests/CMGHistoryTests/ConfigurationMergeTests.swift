import Foundation
import GRDB
import Testing
@testable import CMGHistory

/// Issue 12, problem 1: configuration is merged per field over time, so a VM size recorded
/// once (by `gateway set`, an NDJSON line or an export property) is never erased by exports
/// that do not carry one.
@Suite("Configuration merged per field over time")
struct ConfigurationMergeTests {
    static func t(_ text: String) -> Int64 { Timestamp.parse(text) ?? 0 }
    static let firstExport = t("2026-10-01T12:00:00Z")
    static let laterExport = t("2026-10-20T12:00:00Z")

    /// Imports one PS 5.1 `ConvertTo-Json` export (UTF-16LE, `\/Date()\/`) of the gateway.
    @discardableResult
    static func importExport(at: Int64, _ extra: [(String, String)] = [], into store: HistoryStore, folder: TemporaryFolder,
                             name: String) throws -> ImportSummary {
        let file = try folder.write(name, data: PowerShellExport.azureServiceJSON([PowerShellExport.gateway(at: at, extra)]))
        return try ExportImporter(store: store).importFile(at: file)
    }

    @Test func anExportOnlyHistoryPlusGatewaySetHasAKnownCapacity() throws {
        // Given two PS 5.1 exports of October (no VM size in SMS_AzureService), and the VM size
        // recorded by hand afterwards, as an admin runs `gateway set` today
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let first = try Self.importExport(at: Self.firstExport, into: store, folder: folder, name: "cmg-1.json")
        try Self.importExport(at: Self.laterExport, into: store, folder: folder, name: "cmg-2.json")
        #expect(first.formatDetail == "JSON array, UTF-16LE" && first.rejected == 0, "\(first.rejections)")
        let set = try store.setGatewayConfiguration(gateway: "GraniteFalls.contoso.com", at: Self.t("2026-12-01T09:00:00Z"),
                                                    vmSize: "Standard_A2_v2", instances: nil)
        #expect(set.inserted == 1)
        // When October's capacity is reported
        let g = try #require(try store.capacity(year: 2026, month: 10, zone: .utc).gateways.first)
        // Then the capacity is known: 2 instances (from the exports) × 6,000 (Standard_A2_v2)
        #expect(g.capacity.vmSize == "Standard_A2_v2" && g.capacity.instances == 2)
        #expect(g.capacity.clientsPerInstance == 6000 && g.capacity.capacityClients == 12_000)
        #expect(g.forecast.onlineClientsPeakVsCapacity.limit == 12_000)
        #expect(CapacityRender.markdown(try store.capacity(year: 2026, month: 10, zone: .utc)).contains("| Capacity | 12,000 clients (2 × Standard_A2_v2 at 6,000 each) |"))
    }

    @Test func setGatewayConfigurationRefusesWhatIsNoVMSizeOrInstanceCount() throws {
        // Given a store
        let folder = try TemporaryFolder()
        let store = try folder.store()
        // When a size that is none, and 17 instances, are set through the library
        let size = try store.setGatewayConfiguration(gateway: "G1", at: 0, vmSize: "Basic_A1", instances: nil)
        let count = try store.setGatewayConfiguration(gateway: "G1", at: 0, vmSize: "standard_a4_v2", instances: 17)
        // Then each is one rejection naming its field, and nothing (not even the gateway) is stored
        #expect(size.rejections.map(\.problem.field) == ["vm_size"] && count.rejections.map(\.problem.field) == ["instances"])
        #expect(try store.gatewayNames().isEmpty)
    }

    @Test func aScaleOutSeenOnlyInExportsSplitsTheCapacityOfTheMonth() throws {
        // Given exports only: SMS_AzureService with 2 instances on 10-01 and 4 on 10-16 12:00,
        // BGB_Statistics with 3,000 online clients an hour before the scale-out and 9,000 after,
        // and the VM size recorded by `gateway set` in December
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let scaleOut = Self.t("2026-10-16T12:00:00Z")
        try Self.importExport(at: Self.firstExport, into: store, folder: folder, name: "cmg-1.json")
        try Self.importExport(at: scaleOut, [("NumberOfInstances", "4")], into: store, folder: folder, name: "cmg-2.json")
        var csv = "\u{FEFF}\"TimeStamp\",\"CMGOnlineClients\",\"InternetOnlineClients\",\"IntranetOnlineClients\"\r\n"
        for hour in 0..<744 {
            let at = Self.t("2026-10-01T00:00:00Z") + Int64(hour) * 3600
            let text = Timestamp.format(at).replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: ".000")
            csv += "\"\(text)\",\"\(at < scaleOut ? 3000 : 9000)\",\"0\",\"0\"\r\n"
        }
        let bgb = try ExportImporter(store: store).importFile(at: try folder.write("bgb.csv", csv))
        #expect(bgb.rejected == 0 && bgb.insertedByType["online_clients"] == 744, "\(bgb.rejections)")
        _ = try store.setGatewayConfiguration(gateway: "GraniteFalls.contoso.com", at: Self.t("2026-12-01T09:00:00Z"),
                                              vmSize: "Standard_A2_v2", instances: nil)
        // When October's capacity is reported
        let c = try #require(try store.capacity(year: 2026, month: 10, zone: .utc).gateways.first).capacity
        // Then 372 hours at 3,000 of 12,000 (0.25), then 372 at 9,000 of 24,000 (0.375)
        #expect(c.configurationPeriods.map(\.capacityClients) == [12_000, 24_000])
        #expect(c.configurationPeriods.map(\.samples) == [372, 372])
        #expect(c.configurationPeriods.map(\.to) == ["2026-10-16T12:00:00Z", "2026-11-01T00:00:00Z"])
        #expect(c.peakUtilization == 0.375 && c.p95Utilization == 0.375 && c.capacityClients == 24_000)
        // 9,000 × 1.2 / 6,000 = 1.8 → 2
        #expect(c.recommendedInstances == 2 && c.recommendedReason == "peak + 20% headroom")
    }

    @Test func aLaterExportWithoutAVMSizeDoesNotResetIt() throws {
        // Given the VM size set between two exports that carry none
        let folder = try TemporaryFolder()
        let store = try folder.store()
        try Self.importExport(at: Self.firstExport, into: store, folder: folder, name: "cmg-1.json")
        _ = try store.setGatewayConfiguration(gateway: "GraniteFalls.contoso.com", at: Self.t("2026-10-10T00:00:00Z"),
                                              vmSize: "Standard_A4_v2", instances: nil)
        // When the next export (15 minutes' schedule, no VM size, 3 instances now) is imported
        try Self.importExport(at: Self.laterExport, [("NumberOfInstances", "3")], into: store, folder: folder, name: "cmg-2.json")
        // Then the configuration in force after it keeps the VM size and takes the new instances
        let after = try store.read { db in
            try GatewayConfigHistory(db: db, gatewayID: 1).configuration(at: Self.t("2026-10-25T00:00:00Z"))
        }
        #expect(after == ConfigurationInForce(site: "PS1", region: "WestUS", vmSize: "Standard_A4_v2", instances: 3))
        // And November's capacity is 3 × 10,000, not "unknown"
        let g = try #require(try store.capacity(year: 2026, month: 11, zone: .utc).gateways.first)
        #expect(g.capacity.capacityClients == 30_000 && g.capacity.vmSize == "Standard_A4_v2")
    }

    @Test func anNDJSONGatewayLineWithAVMSizeAtTheExportsInstantFillsTheField() throws {
        // Given a PS 5.1 export at 2026-10-01T12:00:00Z (site, region, instances; no VM size)
        let folder = try TemporaryFolder()
        let store = try folder.store()
        try Self.importExport(at: Self.firstExport, into: store, folder: folder, name: "cmg.json")
        let line = #"{"type":"gateway","gateway":"GraniteFalls.contoso.com","at":"2026-10-01T12:00:00Z","vm_size":"Standard_A2_v2"}"#
        // When a hand-written NDJSON line gives the VM size at that instant, then again, then another size
        let fill = try importNDJSON(line, into: store, folder: folder, name: "a.ndjson")
        let again = try importNDJSON(line, into: store, folder: folder, name: "b.ndjson")
        let other = try importNDJSON(line.replacingOccurrences(of: "A2_v2", with: "A4_v2"), into: store, folder: folder, name: "c.ndjson")
        // Then the first fills the field (not a duplicate, not a conflict), the same line again is
        // a duplicate, and a different size is a conflict that changes nothing
        #expect(fill.updated == 1 && fill.duplicates == 0 && fill.conflicts == 0 && fill.inserted == 0)
        #expect(again.duplicates == 1 && again.updated == 0 && again.conflicts == 0)
        #expect(other.conflicts == 1 && other.updated == 0)
        #expect(other.conflictList.first?.problem.differences == [#"vm_size: stored "Standard_A2_v2", here "Standard_A4_v2""#])
        let row = try #require(try store.read { try Row.fetchOne($0, sql: "SELECT site, region, vm_size, instances, count(*) AS n FROM gateway_config") })
        #expect(row["vm_size"] as String == "Standard_A2_v2" && row["instances"] as Int64 == 2 && row["region"] as String == "WestUS")
        #expect(row["n"] as Int64 == 1)
        // And re-importing the export changes nothing: it only omits the field it never had
        let reimport = try Self.importExport(at: Self.firstExport, into: store, folder: folder, name: "cmg-again.json")
        #expect(reimport.inserted == 0 && reimport.updated == 0 && reimport.conflicts == 0, "\(reimport.conflictList)")
    }

    @Test func alertThresholdsAreMergedPerFieldToo() throws {
        // Given thresholds from an export, then a record that sets the storage quota only
        let folder = try TemporaryFolder()
        let store = try folder.store()
        try Self.importExport(at: Self.firstExport, into: store, folder: folder, name: "cmg.json")
        try importNDJSON(#"{"type":"alert_config","gateway":"GraniteFalls.contoso.com","at":"2026-10-05T00:00:00Z","storage_quota_gb":5}"#,
                         into: store, folder: folder)
        // When October is reported
        let g = try #require(try store.capacity(year: 2026, month: 10, zone: .utc).gateways.first)
        // Then the egress threshold of the export still stands beside the newer quota
        #expect(g.egress.thresholdBytes == 10_000_000_000_000 && g.egress.stopsOnCritical == false)
        #expect(g.storage.quotaBytes == 5_000_000_000)
    }

    @Test func aVMSizeIsReadFromAnyExportPropertyThatHoldsOne() throws {
        // Given exports naming the size under other properties (and a Sku that names a tier)
        for (property, value, expected) in [("VMSize", "\"Standard_A4_v2\"", "Standard_A4_v2"),
                                            ("virtualMachineSize", "\"standard_a2_v2\"", "Standard_A2_v2"),
                                            ("RoleSize", "\"Standard_D2s_v3\"", "Standard_D2s_v3"),
                                            ("AzureVmSize", "\"Standard_A4_v2\"", "Standard_A4_v2"),
                                            ("Sku", "{\"Name\":\"Standard_A2_v2\"}", nil),
                                            ("Sku", "\"Standard\"", nil)] as [(String, String, String?)] {
            let folder = try TemporaryFolder()
            let store = try folder.store()
            // When it is imported
            let summary = try Self.importExport(at: Self.firstExport, [(property, value)], into: store, folder: folder, name: "cmg.json")
            // Then the size is stored in its canonical spelling, and the property kept as written
            #expect(summary.rejected == 0, "\(summary.rejections)")
            let row = try #require(try store.read { try Row.fetchOne($0, sql: "SELECT vm_size, extra FROM gateway_config") })
            #expect(row["vm_size"] as String? == expected, "\(property)")
            #expect((row["extra"] as String? ?? "").contains(#""\#(property)":\#(value.replacingOccurrences(of: " ", with: ""))"#), "\(property)")
        }
    }

    @Test func theTimelineSeesNoChangeWhereAnExportOnlyLeftTheVMSizeOut() throws {
        // Given a VM size set before the window, an export without one, then a real scale-out
        let folder = try TemporaryFolder()
        let store = try folder.store()
        _ = try store.setGatewayConfiguration(gateway: "GraniteFalls.contoso.com", at: Self.t("2026-09-01T00:00:00Z"),
                                              vmSize: "Standard_A2_v2", instances: 2)
        try Self.importExport(at: Self.firstExport, into: store, folder: folder, name: "cmg-1.json")
        try importNDJSON(#"{"type":"gateway","gateway":"GraniteFalls.contoso.com","at":"2026-10-02T00:00:00Z","vm_size":"Standard_A4_v2"}"#,
                         into: store, folder: folder)
        // When the timeline of the window after the export is read
        let timeline = try store.timeline(TimelineRequest(window: ReportPeriod(start: Self.t("2026-10-01T13:00:00Z"), end: Self.t("2026-10-03T00:00:00Z")), zone: .utc))
        // Then the change is against the size in force before the window, not "unknown"
        let changes = timeline.items.filter { $0.kind == "configuration_change" }.map(\.text)
        #expect(changes == ["VM size Standard_A2_v2 → Standard_A4_v2"])
    }
}
