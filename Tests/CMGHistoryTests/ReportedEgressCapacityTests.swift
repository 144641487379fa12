import Foundation
import Testing
@testable import CMGHistory

/// Exports carry no egress samples, only ConfigMgr's rolling 14-day figure (`TrafficOutUsage`):
/// from exports alone, the capacity report's 14-day peak and its forecast come from that figure,
/// and say so, rather than `no data`.
@Suite("Capacity from ConfigMgr's reported 14-day egress")
struct ReportedEgressCapacityTests {
    static let day: Int64 = 86_400
    static let october = Timestamp.parse("2026-10-01T00:00:00Z") ?? 0

    @Test func anExportOnlyMonthTakesItsPeakAndForecastFromTrafficOutUsage() throws {
        // Given 20 daily PS 5.1 exports of October whose TrafficOutUsage grows 100 GB a day from
        // 1,000.5 GB (a decimal, as ConvertTo-Json writes it), the highest on day 19, then one lower
        let folder = try TemporaryFolder()
        let store = try folder.store()
        var objects: [[(String, String)]] = []
        for index in 0..<20 {
            let gigabytes = index == 19 ? "1500" : "\(1000 + 100 * index).5"
            objects.append(PowerShellExport.gateway(at: Self.october + Int64(index) * Self.day + 43_200,
                                                    [("TrafficOutUsage", gigabytes), ("TrafficCriticalThreshold", "90")]))
        }
        let file = try folder.write("cmg.json", data: PowerShellExport.azureServiceJSON(objects))
        let summary = try ExportImporter(store: store).importFile(at: file)
        #expect(summary.rejected == 0, "\(summary.rejections)")
        // When October's capacity is reported
        let report = try store.capacity(year: 2026, month: 10, zone: .utc)
        let egress = try #require(report.gateways.first).egress
        // Then the peak is the highest reported figure, at its export, and says where it came from
        #expect(egress.rolling14dPeakBytes == 2_800_500_000_000)
        #expect(egress.rolling14dPeakAt == "2026-10-19T12:00:00Z")
        #expect(egress.rolling14dSource == GatewayCapacity.Egress.reportedSource)
        #expect(egress.totalBytes == nil)
        // And the forecast fits the daily figures (20 days) against the critical level, 9,000 GB
        let forecast = try #require(report.gateways.first).forecast.egress14dVsCritical
        #expect(forecast.daysUsed == 20 && forecast.limit == 9_000_000_000_000)
        #expect(forecast.slopePerDay.map { $0 > 0 } == true)
        let table = CapacityRender.table(report)
        #expect(table.contains("2,800.50 GB at 2026-10-19T12:00:00Z (as ConfigMgr reported it)"), "\(table)")
        #expect(table.contains("no egress samples (the exports carry only ConfigMgr's 14-day figure)"))
    }

    @Test func egressSamplesWinOverTheReportedFigure() throws {
        // Given an export with TrafficOutUsage and egress samples of the same month
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let file = try folder.write("cmg.json", data: PowerShellExport.azureServiceJSON([PowerShellExport.gateway(at: Self.october + 3_600)]))
        _ = try ExportImporter(store: store).importFile(at: file)
        let lines = (1...3).map { #"{"type":"egress","gateway":"GraniteFalls.contoso.com","at":"2026-10-02T0\#($0):00:00Z","interval_s":3600,"bytes":1000000000}"# }
        let ndjson = try folder.write("e.ndjson", data: Data((lines.joined(separator: "\n") + "\n").utf8))
        _ = try NDJSONImporter(store: store).importFile(at: ndjson)
        // When October's capacity is reported
        let egress = try #require(try store.capacity(year: 2026, month: 10, zone: .utc).gateways.first).egress
        // Then the peak is the samples' 14-day sum, not ConfigMgr's 1,834 GB
        #expect(egress.rolling14dPeakBytes == 3_000_000_000 && egress.rolling14dSource == GatewayCapacity.Egress.sampledSource)
    }
}
