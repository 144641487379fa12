import Foundation
import GRDB
import Testing
@testable import CMGHistory

@Suite("SMS_AzureService exports")
struct AzureServiceImportTests {
    static let exportedAt: UnixSeconds = 1_790_856_000  // 2026-10-01T12:00:00Z

    @Test func aWindowsPowerShellJSONExportBecomesEveryRecordOfTheGateway() throws {
        // Given Get-CMCloudManagementGateway | ConvertTo-Json | Out-File from Windows PowerShell 5.1:
        // UTF-16LE with a BOM, \/Date()\/ times, a gateway and a cloud distribution point
        let folder = try TemporaryFolder()
        let store = try folder.store()
        // When it is imported
        let summary = try ExportFixtures.importFixture("azure-service-ps51.json", into: store)
        // Then the gateway's configuration, status, storage, alert thresholds, 14-day egress and
        // server certificate are stored at the export time the file carries; the CDP is skipped
        #expect(summary.format == "azure-service" && summary.formatDetail == "JSON array, UTF-16LE")
        #expect(summary.rejected == 0, "\(summary.rejections)")
        #expect(summary.skippedNonGateways == 1)
        #expect(summary.exportTime == ExportTimeUsed(source: .field, field: "ExportedAt", at: Self.exportedAt))
        #expect(summary.insertedByType == ["gateway": 1, "status": 1, "storage": 1, "alert_config": 1,
                                           "reported_egress": 1, "credential": 1])
        try store.read { (db: Database) throws in
            #expect(try String.fetchAll(db, sql: "SELECT name FROM gateway") == ["GraniteFalls.contoso.com"])
            #expect(try String.fetchOne(db, sql: "SELECT azure_service_id FROM gateway") == "16777217")
            let config = try #require(try Row.fetchOne(db, sql: "SELECT * FROM gateway_config"))
            #expect(config["at"] as Int64 == Self.exportedAt && config["site"] as String == "PS1")
            #expect(config["region"] as String == "WestUS" && config["instances"] as Int64 == 2)
            let extra = try #require(config["extra"] as String?)
            #expect(extra.contains(#""Name":"GraniteFalls""#) && extra.contains(#""SubscriptionID""#))
            #expect(!extra.contains("ExportedAt") && !extra.contains("ServiceType"))
            let status = try #require(try Row.fetchOne(db, sql: "SELECT * FROM status_snapshot"))
            #expect(status["state_code"] as Int64 == 0 && status["state"] as String == "Ready")
            #expect(status["extra"] as String == #"{"StatusDetails":0}"#)
            #expect(try Int64.fetchOne(db, sql: "SELECT used_bytes FROM storage_sample") == 1_000_000_000)
            let alert = try #require(try Row.fetchOne(db, sql: "SELECT * FROM alert_config"))
            #expect(alert["egress_threshold_bytes"] as Int64 == 10_000_000_000_000 && alert["egress_warning_pct"] as Int64 == 50)
            #expect(alert["egress_critical_pct"] as Int64 == 90 && alert["stop_on_critical"] as Int64 == 0)
            #expect(alert["storage_quota_bytes"] as Int64 == 2_000_000_000 && alert["storage_warning_pct"] as Int64 == 50)
            #expect(alert["storage_critical_pct"] as Int64 == 90)
            #expect(try Int64.fetchOne(db, sql: "SELECT last_14_days_bytes FROM reported_egress_sample") == 1_834_000_000_000)
            let credential = try #require(try Row.fetchOne(db, sql: "SELECT * FROM credential"))
            #expect(credential["kind"] as String == "server_certificate")
            #expect(credential["thumbprint"] as String == "930BCC5B2A9C24BCB22D9F6D8E4FD6245D4A6E82")
        }
    }

    @Test func reimportingStoresNothingAndTheManagementCertificateNeverReachesTheDatabase() throws {
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let first = try ExportFixtures.importFixture("azure-service-ps51.json", into: store)
        let before = try store.info().tables
        let second = try ExportFixtures.importFixture("azure-service-ps51.json", into: store)
        #expect(first.inserted == 6 && first.droppedSecretFields == 1)
        #expect(second.inserted == 0 && second.duplicates == 6 && second.rejected == 0 && second.droppedSecretFields == 1)
        #expect(try store.info().tables == before)
        #expect(try !store.fileContains("NOT-A-REAL-PRIVATE-KEY"))
        #expect(try !store.fileContains("MIIKPAIBAzCCCfgG"))
    }

    @Test func aPowerShell7SingleObjectWithAnOffsetTime() throws {
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let summary = try ExportFixtures.importFixture("azure-service-ps7.json", into: store)
        #expect(summary.formatDetail == "JSON object, UTF-8" && summary.rejected == 0)
        #expect(summary.exportTime?.at == Self.exportedAt)
        let status = try #require(try store.read { try Row.fetchOne($0, sql: "SELECT * FROM status_snapshot") })
        #expect(status["state"] as String == "Error" && status["extra"] as String == #"{"StatusDetails":7}"#)
        #expect(try store.read { try String.fetchOne($0, sql: "SELECT extra FROM gateway_config") } == #"{"Description":"Contoso CMG"}"#)
        // No alert threshold in the file: no alert configuration row.
        #expect(summary.insertedByType["alert_config"] == nil)
    }

    @Test func theAdminServiceEnvelopeUsesAtThenTheFileTimeAndDropsTheSecret() throws {
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let at = ExportFixtures.october1 + 6 * 3600
        let withAt = try ExportFixtures.importFixture("azure-service-adminservice.json", into: store, options: ExportImportOptions(at: at))
        #expect(withAt.formatDetail == "JSON {\"value\":[…]}, UTF-8 with BOM")
        #expect(withAt.exportTime == ExportTimeUsed(source: .option, at: at))
        #expect(withAt.droppedSecretFields == 1)
        let withFileTime = try ExportFixtures.importFixture("azure-service-adminservice.json", into: store)
        #expect(withFileTime.exportTime == ExportTimeUsed(source: .fileModificationTime, at: ExportFixtures.october1 + 23 * 3600))
        let states = try store.read { try String.fetchAll($0, sql: "SELECT state FROM status_snapshot ORDER BY at") }
        #expect(states == ["Stopped", "Stopped"])
        #expect(try store.read { try Int64.fetchOne($0, sql: "SELECT stop_on_critical FROM alert_config") } == 1)
        #expect(try !store.fileContains("abc-DEF-secret-123"))
        #expect(throws: ImportError.noExportTime(file: try ExportFixtures.path("azure-service-adminservice.json"))) {
            try ExportFixtures.importFixture("azure-service-adminservice.json", into: store, fileModifiedAt: nil)
        }
    }

    @Test func aWindowsPowerShellCSVWithTypeLineStringsForNumbersAndEmptyValues() throws {
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let summary = try ExportFixtures.importFixture("azure-service-ps51.csv", into: store)
        #expect(summary.formatDetail == "CSV with #TYPE, UTF-8 with BOM")
        #expect(summary.rejected == 0, "\(summary.rejections)")
        #expect(summary.skippedNonGateways == 1 && summary.droppedSecretFields == 1)
        #expect(summary.exportTime?.at == Timestamp.parse("2026-10-02T00:00:00Z"))
        let row = try #require(try store.read { try Row.fetchOne($0, sql: "SELECT instances, extra FROM gateway_config") })
        #expect(row["instances"] as Int64 == 3 && row["extra"] as String == #"{"Description":"Contoso CMG, primary"}"#)
        #expect(try store.read { try Int64.fetchOne($0, sql: "SELECT stop_on_critical FROM alert_config") } == 1)
        #expect(try store.read { try Int64.fetchOne($0, sql: "SELECT last_14_days_bytes FROM reported_egress_sample") } == 1_990_000_000_000)
        #expect(try !store.fileContains("NOT-A-REAL-KEY"))
    }

    @Test func aBadValueRejectsItsObjectWithLineFieldAndValueAndKeepsTheOthers() throws {
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let file = try folder.write("bad.json", """
            [
              {"ServiceCName":"A.contoso.com","ServiceType":"CloudProxyService","State":"Ready-ish","ExportedAt":"2026-10-01T00:00:00Z"},
              {"ServiceCName":"B.contoso.com","ServiceType":"CloudProxyService","State":0,"ExportedAt":"2026-10-01T00:00:00Z"},
              {"ServiceType":"CloudProxyService","State":0,"ExportedAt":"2026-10-01T00:00:00Z"}
            ]
            """)
        let summary = try ExportImporter(store: store).importFile(at: file)
        #expect(summary.rejected == 2)
        #expect(summary.rejections.map(\.description) == [
            "\(file):2: field \"State\": \"Ready-ish\" is not an integer",
            "\(file):4: field \"ServiceCName\" is missing: it names the gateway (the CN of its server certificate)",
        ])
        #expect(try store.gatewayNames() == ["B.contoso.com"])
    }
}
