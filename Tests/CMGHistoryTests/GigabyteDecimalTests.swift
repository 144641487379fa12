import Foundation
import GRDB
import Testing
@testable import CMGHistory

/// Issue 12, problem 4: a decimal in a GB field is read exactly into bytes and never rejects the
/// whole gateway row.
@Suite("Decimals in GB fields")
struct GigabyteDecimalTests {
    @Test(arguments: [
        ("1.27", GigabyteDecimal.Reading.bytes(1_270_000_000)), ("31.4", .bytes(31_400_000_000)), ("1,27", .bytes(1_270_000_000)),
        ("2", .bytes(2_000_000_000)), ("0.000000001", .bytes(1)), ("+0.5", .bytes(500_000_000)), (".5", .bytes(500_000_000)),
        ("1e-05", .bytes(10_000)), ("1.5e+3", .bytes(1_500_000_000_000)), ("1.2700000000", .bytes(1_270_000_000)),
        ("9007199", .bytes(9_007_199_000_000_000)), ("9007199.000000001", .outOfRange), ("1e400", .outOfRange),
        ("99999999999999999999", .outOfRange), ("0.0000000001", .tooPrecise), ("1.2345678901", .tooPrecise),
        ("-1.5", .negative), ("-0", .bytes(0)), ("1,234.5", .notANumber), ("1,2,3", .notANumber), ("", .notANumber),
        ("1.2.3", .notANumber), ("abc", .notANumber), ("1e", .notANumber), ("e5", .notANumber), (".", .notANumber),
    ])
    func decimalTextIsShiftedIntoBytesNeverRoundedThroughADouble(text: String, expected: GigabyteDecimal.Reading) {
        #expect(GigabyteDecimal.read(text) == expected)
    }

    @Test func aPS51ExportWithDecimalGBFiguresStoresEveryRecordExactly() throws {
        // Given the issue's export: "StorageUsage": "1.27" (a string) and "TrafficOutUsage": 31.4
        // (a number), with a fractional quota and threshold, as PS 5.1 writes it (UTF-16LE)
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let object = PowerShellExport.gateway(at: 1_790_856_000, [
            ("StorageUsage", "\"1.27\""), ("TrafficOutUsage", "31.4"), ("StorageQuotaInGB", "2.5"), ("TrafficOutInGB", "10000.75"), ("TrafficCriticalThreshold", "90"),
        ])
        let file = try folder.write("cmg.json", data: PowerShellExport.azureServiceJSON([object]))
        // When it is imported
        let summary = try ExportImporter(store: store).importFile(at: file)
        // Then nothing is rejected, and the bytes are exact (31.4 × 10^9 in doubles is 31399999999.999996)
        #expect(summary.rejected == 0, "\(summary.rejections)")
        #expect(summary.insertedByType == ["gateway": 1, "status": 1, "storage": 1, "alert_config": 1, "reported_egress": 1])
        try store.read { (db: Database) throws in
            #expect(try Int64.fetchOne(db, sql: "SELECT used_bytes FROM storage_sample") == 1_270_000_000)
            #expect(try Int64.fetchOne(db, sql: "SELECT last_14_days_bytes FROM reported_egress_sample") == 31_400_000_000)
            #expect(try Int64.fetchOne(db, sql: "SELECT storage_quota_bytes FROM alert_config") == 2_500_000_000)
            #expect(try Int64.fetchOne(db, sql: "SELECT egress_threshold_bytes FROM alert_config") == 10_000_750_000_000)
        }
        let g = try #require(try store.capacity(year: 2026, month: 10, zone: .utc).gateways.first)
        #expect(g.storage.quotaBytes == 2_500_000_000 && g.storage.peakUsedBytes == 1_270_000_000)
        #expect(g.egress.thresholdBytes == 10_000_750_000_000 && g.egress.criticalBytes == 9_000_675_000_000)
    }

    @Test func aDeDECSVExportWithACommaAsDecimalSeparatorIsRead() throws {
        // Given Export-Csv from a de-DE session: every value quoted, "1,27" and "31,4"
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let file = try folder.write("cmg.csv", "\u{FEFF}#TYPE IResultObject#SMS_AzureService\r\n"
            + "\"ServiceCName\",\"ServiceType\",\"State\",\"StorageUsage\",\"TrafficOutUsage\",\"ExportedAt\"\r\n"
            + "\"GraniteFalls.contoso.com\",\"CloudProxyService\",\"0\",\"1,27\",\"31,4\",\"2026-10-01T12:00:00Z\"\r\n")
        // When it is imported
        let summary = try ExportImporter(store: store).importFile(at: file)
        // Then both figures are exact bytes
        #expect(summary.rejected == 0, "\(summary.rejections)")
        #expect(try store.read { try Int64.fetchOne($0, sql: "SELECT used_bytes FROM storage_sample") } == 1_270_000_000)
        #expect(try store.read { try Int64.fetchOne($0, sql: "SELECT last_14_days_bytes FROM reported_egress_sample") } == 31_400_000_000)
    }

    @Test func aFigureFinerThanAByteRejectsThatFieldOnlyAndKeepsTheRowsOtherRecords() throws {
        // Given a gateway whose StorageUsage has 10 decimal places
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let object = PowerShellExport.gateway(at: 1_790_856_000, [("StorageUsage", "\"1.2345678901\"")])
        let file = try folder.write("cmg.json", data: PowerShellExport.azureServiceJSON([object]))
        // When it is imported
        let summary = try ExportImporter(store: store).importFile(at: file)
        // Then that field is named in one rejection, and status, configuration, thresholds and
        // the reported egress of the row are stored
        #expect(summary.rejections.map(\.problem.message) == [
            #"field "StorageUsage": "1.2345678901" has more than 9 decimal places: a GB figure is stored to the byte (10^-9 GB); the field is left out"#,
        ])
        #expect(summary.insertedByType == ["gateway": 1, "status": 1, "alert_config": 1, "reported_egress": 1])
        #expect(try store.read { try Int64.fetchOne($0, sql: "SELECT count(*) FROM storage_sample") } == 0)
    }

    @Test func ndjsonGBThresholdsTakeDecimalsExactly() throws {
        // Given alert_config lines with decimal thresholds (a number, and a string)
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let summary = try importNDJSON("""
            {"type":"alert_config","gateway":"G1","at":"2026-10-01T00:00:00Z","egress_threshold_gb":31.4,"storage_quota_gb":"1.27"}
            {"type":"alert_config","gateway":"G1","at":"2026-10-02T00:00:00Z","egress_threshold_gb":0.0000000001}
            """, into: store, folder: folder)
        // Then the first is stored to the byte, the second is refused naming its field
        #expect(summary.inserted == 1)
        #expect(summary.rejections.map(\.problem.message) == [
            #"field "egress_threshold_gb": 0.0000000001 has more than 9 decimal places: a GB figure is stored to the byte (10^-9 GB); the field is left out"#,
        ])
        let row = try #require(try store.read { try Row.fetchOne($0, sql: "SELECT egress_threshold_bytes, storage_quota_bytes FROM alert_config") })
        #expect(row["egress_threshold_bytes"] as Int64 == 31_400_000_000 && row["storage_quota_bytes"] as Int64 == 1_270_000_000)
    }

    @Test func aVersion7DatabaseHasItsGBFiguresTurnedIntoBytesOnUpgrade() throws {
        // Given a database at schema version 7 holding whole-GB thresholds and a 14-day figure,
        // one of them too large for 64 bits of bytes
        let folder = try TemporaryFolder()
        let path = try folder.database(before: 8, sql: """
            INSERT INTO gateway(id, name) VALUES (1, 'G1');
            INSERT INTO alert_config(gateway_id, at, egress_threshold_gb, storage_quota_gb) VALUES (1, 0, 10000, 9223372036854775807);
            INSERT INTO reported_egress_sample(gateway_id, at, last_14_days_gb) VALUES (1, 0, 1834);
            """)
        // When it is opened for writing (and so upgraded)
        let store = try HistoryStore(path: path)
        // Then the figures are bytes, and the one that does not fit is unknown rather than wrapped
        let row = try #require(try store.read { try Row.fetchOne($0, sql: "SELECT egress_threshold_bytes, storage_quota_bytes FROM alert_config") })
        #expect(row["egress_threshold_bytes"] as Int64 == 10_000_000_000_000 && row["storage_quota_bytes"] as Int64? == nil)
        #expect(try store.read { try Int64.fetchOne($0, sql: "SELECT last_14_days_bytes FROM reported_egress_sample") } == 1_834_000_000_000)
    }
}
