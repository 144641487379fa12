import Foundation
import GRDB
import Testing
@testable import CMGHistory

@Suite("SQL view exports: vProxy_Connectors and BGB_Statistics")
struct SQLViewImportTests {
    @Test func proxyConnectorsBecomeConnectionPointObservationsAtTheExportTime() throws {
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let at = ExportFixtures.october1 + 3600
        let first = try ExportFixtures.importFixture("proxy-connectors.csv", into: store, options: ExportImportOptions(at: at))
        let again = try ExportFixtures.importFixture("proxy-connectors.csv", into: store, options: ExportImportOptions(at: at))
        #expect(first.format == "proxy-connectors" && first.formatDetail == "CSV with #TYPE, UTF-8")
        #expect(first.inserted == 2 && first.rejected == 0 && first.exportTime?.source == .option)
        #expect(again.inserted == 0 && again.duplicates == 2)
        let rows = try store.read { try Row.fetchAll($0, sql: """
            SELECT c.server, s.at, s.status FROM connection_point_status s JOIN connection_point c ON c.id = s.connection_point_id
            ORDER BY c.server
            """) }
        #expect(rows.map { $0["server"] as String } == ["CMGCP1.contoso.com", "CMGCP2.contoso.com"])
        #expect(rows.map { $0["status"] as Int64 } == [2, 1])
        #expect(rows.allSatisfy { $0["at"] as Int64 == at })
        #expect(try store.gatewayNames() == ["GraniteFalls.contoso.com"])
    }

    @Test func bgbStatisticsBelongToTheOnlyGatewayAndAreReadInTheSourceZone() throws {
        // Given one stored gateway
        let folder = try TemporaryFolder()
        let store = try folder.store()
        try ExportFixtures.importFixture("azure-service-ps51.json", into: store)
        // When BGB_Statistics exported in Central European summer time is imported
        let berlin = try #require(SourceTimeZone(identifier: "Europe/Berlin"))
        let summary = try ExportFixtures.importFixture("bgb-statistics.csv", into: store, options: ExportImportOptions(sourceTimeZone: berlin))
        let again = try ExportFixtures.importFixture("bgb-statistics.csv", into: store, options: ExportImportOptions(sourceTimeZone: berlin))
        // Then the gateway's count is the online-clients metric, the split is kept beside it, and
        // 08:00 local is 06:00 UTC
        #expect(summary.rejected == 0, "\(summary.rejections)")
        #expect(summary.insertedByType == ["online_clients": 2, "online_clients_by_network": 3])
        #expect(summary.notes == ["TimeStamp values carry no zone; read as Europe/Berlin (--source-tz)"])
        #expect(again.inserted == 0 && again.duplicates == 5)
        let counts = try store.read { try Row.fetchAll($0, sql: "SELECT at, count FROM online_clients_sample ORDER BY at") }
        #expect(counts.map { $0["at"] as Int64 } == [ExportFixtures.october1 + 6 * 3600, ExportFixtures.october1 + 6 * 3600 + 900])
        #expect(counts.map { $0["count"] as Int64 } == [1834, 1901])
        let split = try store.read { try Row.fetchAll($0, sql: "SELECT internet_count, intranet_count FROM online_clients_by_network ORDER BY at") }
        #expect(split.map { [$0[0] as Int64, $0[1] as Int64] } == [[2010, 15220], [2101, 15300], [2150, 15310]])
    }

    @Test func bgbStatisticsInUTF16WithEnglishDatesAndAnExplicitGateway() throws {
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let summary = try ExportFixtures.importFixture("bgb-statistics-en-us.csv", into: store,
                                                       options: ExportImportOptions(gateway: "GraniteFalls.contoso.com"))
        #expect(summary.formatDetail == "CSV with #TYPE, UTF-16LE" && summary.rejected == 0, "\(summary.rejections)")
        let times = try store.read { try Int64.fetchAll($0, sql: "SELECT at FROM online_clients_sample ORDER BY at") }
        #expect(times == [ExportFixtures.october1 + 8 * 3600 + 2700, ExportFixtures.october1 + 13 * 3600])
    }

    @Test func withSeveralGatewaysAndNoGatewayOptionTheImportStopsAndSaysWhich() throws {
        let folder = try TemporaryFolder()
        let store = try folder.store()
        try ExportFixtures.importFixture("azure-service-ps51.json", into: store)
        try ExportFixtures.importFixture("azure-service-adminservice.json", into: store)
        let path = try ExportFixtures.path("bgb-statistics.csv")
        #expect(throws: ImportError.gatewayNeeded(file: path, reason: "BGB_Statistics rows name no gateway",
                                                  known: ["GraniteFalls.contoso.com", "RiverBend.contoso.com"])) {
            try ExportFixtures.importFixture("bgb-statistics.csv", into: store)
        }
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM online_clients_sample") } == 0)
        let message = ImportError.gatewayNeeded(file: "b.csv", reason: "BGB_Statistics rows name no gateway", known: ["A", "B"]).description
        #expect(message == "b.csv: BGB_Statistics rows name no gateway; say which with --gateway (stored gateways: A, B).")
    }
}
