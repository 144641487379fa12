import Foundation
import GRDB
import Testing
@testable import CMGHistory

@Suite("NDJSON v1 import")
struct NDJSONImportTests {
    static let fixture = Bundle.module.url(forResource: "Fixtures/every-record-type", withExtension: "ndjson")

    @Test func everyRecordTypeIsStoredWithItsValues() throws {
        // Given a file with one record of each type
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let file = try #require(Self.fixture).path
        // When it is imported
        let summary = try NDJSONImporter(store: store).importFile(at: file)
        // Then every line is a new row, and each row holds what the line said
        #expect(summary.rejected == 0, "\(summary.rejections)")
        #expect(summary.inserted == 10)
        #expect(summary.insertedByType.count == 10)
        try store.read { (db: Database) throws in
            let gateway = try #require(try Row.fetchOne(db, sql: "SELECT id, name, azure_service_id FROM gateway"))
            #expect(gateway["name"] as String == "GraniteFalls.contoso.com")
            #expect(gateway["azure_service_id"] as String? == "a1b2c3d4-0000-4000-8000-000000000001")
            let t0 = try #require(Timestamp.parse("2026-10-01T00:00:00Z"))
            let config = try #require(try Row.fetchOne(db, sql: "SELECT * FROM gateway_config"))
            #expect(config["at"] as Int64 == t0)
            #expect(config["site"] as String == "PS1" && config["region"] as String == "WestUS")
            #expect(config["vm_size"] as String == "Standard_A2_v2" && config["instances"] as Int64 == 2)
            #expect(config["extra"] as String == #"{"owner":"Team CM"}"#)
            let alert = try #require(try Row.fetchOne(db, sql: "SELECT * FROM alert_config"))
            #expect(alert["egress_threshold_bytes"] as Int64 == 10_000_000_000_000 && alert["stop_on_critical"] as Int64 == 0)
            #expect(alert["storage_quota_bytes"] as Int64 == 2_000_000_000 && alert["storage_critical_pct"] as Int64 == 90)
            let status = try #require(try Row.fetchOne(db, sql: "SELECT * FROM status_snapshot"))
            #expect(status["at"] as Int64 == t0 + 300 && status["state_code"] as Int64 == 0 && status["state"] as String == "Ready")
            #expect(try Int64.fetchOne(db, sql: "SELECT status FROM connection_point_status") == 2)
            #expect(try String.fetchOne(db, sql: "SELECT server FROM connection_point") == "cmgcp1.contoso.com")
            #expect(try Int64.fetchOne(db, sql: "SELECT count FROM online_clients_sample") == 1834)
            let traffic = try #require(try Row.fetchOne(db, sql: "SELECT * FROM endpoint_traffic"))
            #expect(traffic["endpoint"] as String == "CCM_STS" && traffic["interval_s"] as Int64 == 300)
            #expect(traffic["request_count"] as Int64 == 769 && traffic["request_bytes"] as Int64 == 1_081_595)
            #expect(traffic["response_count"] as Int64 == 769 && traffic["response_bytes"] as Int64 == 36143)
            #expect(traffic["avg_elapsed_ms"] as Int64 == 3945)
            #expect(try Int64.fetchOne(db, sql: "SELECT bytes FROM egress_sample") == 73_400_320)
            #expect(try Int64.fetchOne(db, sql: "SELECT used_bytes FROM storage_sample") == 1_288_490_188)
            let op = try #require(try Row.fetchOne(db, sql: "SELECT * FROM operation"))
            #expect(op["kind"] as String == "start" && op["outcome"] as String == "succeeded")
            #expect(op["completed_at"] as Int64 - (op["requested_at"] as Int64) == 750)
            #expect(op["actor"] as String == #"CONTOSO\admin"# && op["note"] as String == "after maintenance")
            let credential = try #require(try Row.fetchOne(db, sql: "SELECT * FROM credential"))
            #expect(credential["thumbprint"] as String == "3A5F9C1022AABBCCDDEEFF001122334455667788")
            #expect(credential["expires_at"] as Int64 == Timestamp.parse("2026-11-15T00:00:00Z"))
        }
    }

    @Test func endpointTrafficReadsBackThroughItsViewWhateverItsEncoding() throws {
        // The table elides the usual interval and equal response counts; the view restores them.
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let line = #"{"type":"endpoint_traffic","gateway":"G1","endpoint":"SMS_MP","at":"2026-10-01T00:AA:00Z","interval_s":II,"request_count":RC,"request_bytes":5,"response_count":SC,"response_bytes":7}"#
        let cases: [(String, Int64, Int64, Int64)] = [("05", 300, 10, 10), ("10", 300, 10, 8), ("25", 900, 4, 6), ("30", 300, 0, 0)]
        let text = cases.map { c in
            line.replacingOccurrences(of: "AA", with: c.0).replacingOccurrences(of: "II", with: "\(c.1)")
                .replacingOccurrences(of: "RC", with: "\(c.2)").replacingOccurrences(of: "SC", with: "\(c.3)")
        }.joined(separator: "\n")
        let summary = try importNDJSON(text, into: store, folder: folder)
        #expect(summary.inserted == 4)
        let rows = try store.read { try Row.fetchAll($0, sql: "SELECT interval_s, request_count, response_count, avg_elapsed_ms FROM endpoint_traffic ORDER BY at") }
        #expect(rows.map { [$0[0] as Int64, $0[1], $0[2]] } == cases.map { [$0.1, $0.2, $0.3] })
        #expect(rows.allSatisfy { ($0[3] as Int64?) == nil })
        let stored = try store.read { try Row.fetchAll($0, sql: "SELECT interval_s, unanswered_count FROM endpoint_traffic_sample ORDER BY at") }
        #expect(stored.map { $0[0] as Int64? } == [nil, nil, 900, nil])
        #expect(stored.map { $0[1] as Int64 } == [0, 2, -2, 0])
    }

    @Test func importingTheSameFileTwiceStoresNothingTheSecondTime() throws {
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let file = try #require(Self.fixture).path
        let first = try NDJSONImporter(store: store).importFile(at: file)
        let before = try store.info().tables
        let second = try NDJSONImporter(store: store).importFile(at: file)
        #expect(first.inserted == 10)
        #expect(second.inserted == 0 && second.duplicates == 10 && second.rejected == 0)
        #expect(try store.info().tables == before)
    }

    @Test func overlappingExportsStoreEachSampleOnce() throws {
        // Given two exports that share an hour
        let folder = try TemporaryFolder()
        let store = try folder.store()
        func lines(_ hours: Range<Int>) -> String {
            hours.map { h in
                #"{"type":"online_clients","gateway":"G1.contoso.com","at":"2026-10-01T\#(h < 10 ? "0" : "")\#(h):00:00Z","count":\#(h * 10)}"#
            }.joined(separator: "\n")
        }
        let a = try importNDJSON(lines(0..<6), into: store, folder: folder, name: "a.ndjson")
        let b = try importNDJSON(lines(4..<10), into: store, folder: folder, name: "b.ndjson")
        #expect(a.inserted == 6)
        #expect(b.inserted == 4 && b.duplicates == 2)
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM online_clients_sample") } == 10)
    }

    @Test func foreignKeysHoldAcrossBatchesEvenWhenAnotherProcessRemovesParents() throws {
        // Given an importer that has cached ids from a first import
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let importer = NDJSONImporter(store: store)
        let line = #"{"type":"endpoint_traffic","gateway":"G1","endpoint":"CCM_STS","at":"2026-10-01T00:0M:00Z","interval_s":300,"request_count":1,"request_bytes":1,"response_count":1,"response_bytes":1}"#
        _ = try importer.importFile(at: try folder.write("a", line.replacingOccurrences(of: "M", with: "5")))
        // When another connection empties the database behind its back
        let other = try DatabaseQueue(path: store.path)
        try other.write { db in
            try db.execute(sql: """
                DELETE FROM endpoint_traffic_sample; DELETE FROM gateway_traffic_sample; DELETE FROM rollup_hour; DELETE FROM rollup_day;
                DELETE FROM endpoint; DELETE FROM gateway
                """)
        }
        try other.close()
        // Then the next import re-creates the parents instead of writing orphans
        let second = try importer.importFile(at: try folder.write("b", line.replacingOccurrences(of: "M", with: "6")))
        #expect(second.inserted == 1)
        try store.writeTransaction { (db: Database) throws in
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
            #expect(try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") == true)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM endpoint_traffic") == 1)
        }
    }

    @Test func gatewayNamesAreCaseInsensitiveAndCreatedOnFirstMention() throws {
        let folder = try TemporaryFolder()
        let store = try folder.store()
        try importNDJSON("""
            {"type":"storage","gateway":"GraniteFalls.contoso.com","at":"2026-10-01T01:00:00Z","used_bytes":1}
            {"type":"storage","gateway":"granitefalls.CONTOSO.com","at":"2026-10-01T02:00:00Z","used_bytes":2}
            """, into: store, folder: folder)
        #expect(try store.read { try String.fetchAll($0, sql: "SELECT name FROM gateway") } == ["GraniteFalls.contoso.com"])
    }

    @Test func anInProgressOperationIsCompletedByALaterExportNotDuplicated() throws {
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let requested = #""gateway":"G1.contoso.com","kind":"stop","requested_at":"2026-10-01T02:00:00Z""#
        let first = try importNDJSON(#"{"type":"operation",\#(requested),"outcome":"in_progress"}"#, into: store, folder: folder, name: "a")
        let second = try importNDJSON(#"{"type":"operation",\#(requested),"completed_at":"2026-10-01T02:05:00Z","outcome":"succeeded","actor":"SYSTEM"}"#,
                                      into: store, folder: folder, name: "b")
        let third = try importNDJSON(#"{"type":"operation",\#(requested),"outcome":"in_progress"}"#, into: store, folder: folder, name: "c")
        #expect(first.inserted == 1 && second.updated == 1 && third.duplicates == 1)
        let row = try #require(try store.read { try Row.fetchOne($0, sql: "SELECT outcome, completed_at, actor FROM operation") })
        #expect(row["outcome"] as String == "succeeded" && row["actor"] as String == "SYSTEM")
        #expect(row["completed_at"] as Int64? == Timestamp.parse("2026-10-01T02:05:00Z"))
    }

    @Test func unknownStateTextsAreKeptAndKnownCodesGetTheirText() throws {
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let summary = try importNDJSON("""
            {"type":"status","gateway":"G1","at":"2026-10-01T00:00:00Z","state":"Upgrading"}
            {"type":"status","gateway":"G1","at":"2026-10-01T00:05:00Z","state_code":6}
            {"type":"status","gateway":"G1","at":"2026-10-01T00:10:00Z","state":"ready"}
            {"type":"status","gateway":"G1","at":"2026-10-01T00:15:00Z","state":"Recycling","state_code":42}
            """, into: store, folder: folder)
        #expect(summary.inserted == 4)
        let rows = try store.read { try Row.fetchAll($0, sql: "SELECT state_code, state FROM status_snapshot ORDER BY at") }
        #expect(rows.map { $0["state"] as String } == ["Upgrading", "Stopped", "Ready", "Recycling"])
        #expect(rows.map { $0["state_code"] as Int64? } == [nil, 6, 0, 42])
    }

    @Test func unknownFieldsAreKeptAsRawJSONAndSecretLookingOnesAreDropped() throws {
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let summary = try importNDJSON("""
            {"type":"credential","gateway":"G1","kind":"app_secret","name":"CMG-App","expires_at":"2027-01-01T00:00:00Z","tenant":"contoso","ClientSecret":"s3cr3t-value","labels":{"env":"prod","tags":[1,2]}}
            {"type":"online_clients","gateway":"G1","at":"2026-10-01T00:00:00Z","count":5,"Password":"hunter2","site":"PS1"}
            """, into: store, folder: folder)
        #expect(summary.inserted == 2 && summary.droppedSecretFields == 2)
        let extra = try store.read { try String.fetchOne($0, sql: "SELECT extra FROM credential") }
        #expect(extra == #"{"tenant":"contoso","labels":{"env":"prod","tags":[1,2]}}"#)
        // No byte of a secret value reaches the database file.
        try store.checkpoint()
        for file in [store.path, store.path + "-wal"] {
            let bytes = (try? Data(contentsOf: URL(fileURLWithPath: file))) ?? Data()
            #expect(bytes.range(of: Data("s3cr3t-value".utf8)) == nil)
            #expect(bytes.range(of: Data("hunter2".utf8)) == nil)
        }
    }

    @Test func timesWithOffsetsAndFractionsAreStoredAsUTCSeconds() throws {
        let folder = try TemporaryFolder()
        let store = try folder.store()
        try importNDJSON("""
            {"type":"online_clients","gateway":"G1","at":"2026-10-01T02:05:00.750+02:00","count":1}
            {"type":"online_clients","gateway":"G1","at":"2026-09-30T19:10:00-05:00","count":2}
            {"type":"online_clients","gateway":"G1","at":"2026-10-01T00:15:00.123456Z","count":3}
            """, into: store, folder: folder)
        let times = try store.read { try Int64.fetchAll($0, sql: "SELECT at FROM online_clients_sample ORDER BY at") }
        let base = try #require(Timestamp.parse("2026-10-01T00:00:00Z"))
        #expect(times == [base + 300, base + 600, base + 900])
    }

    @Test func blankLinesCRLFAndAByteOrderMarkAreAccepted() throws {
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let text = "\u{FEFF}" + #"{"type":"storage","gateway":"G1","at":"2026-10-01T01:00:00Z","used_bytes":1}"# + "\r\n\r\n  \r\n"
            + #"{"type":"storage","gateway":"G1","at":"2026-10-01T02:00:00Z","used_bytes":2}"#
        let summary = try importNDJSON(text, into: store, folder: folder)
        #expect(summary.inserted == 2 && summary.rejected == 0)
    }
}
