import Foundation
import GRDB
import Testing
@testable import CMGHistory

@Suite("Conflicts: a stored key with other values is reported, never counted as a duplicate")
struct ConflictTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var table: String
        var first: String
        var second: String
        /// What follows `FILE:LINE: conflicts with the stored record (`.
        var differences: String
        /// Reads back what is stored; it must still be the first record's value.
        var query: String
        var stored: String
        var testDescription: String { table }
    }

    static let at = #""at":"2026-10-01T00:05:00Z""#
    static let cases: [Case] = [
        Case(table: "status_snapshot",
             first: #"{"type":"status","gateway":"G1",\#(at),"state":"Ready","state_code":0}"#,
             second: #"{"type":"status","gateway":"G1",\#(at),"state":"Error","state_code":2}"#,
             differences: #"state: stored "Ready", here "Error"; state_code: stored 0, here 2"#,
             query: "SELECT state FROM status_snapshot", stored: "Ready"),
        Case(table: "online_clients_sample",
             first: #"{"type":"online_clients","gateway":"G1",\#(at),"count":1834}"#,
             second: #"{"type":"online_clients","gateway":"G1",\#(at),"count":1835}"#,
             differences: "count: stored 1834, here 1835",
             query: "SELECT count FROM online_clients_sample", stored: "1834"),
        Case(table: "endpoint_traffic_sample",
             first: #"{"type":"endpoint_traffic","gateway":"G1","endpoint":"CCM_STS",\#(at),"interval_s":300,"request_count":769,"request_bytes":10,"response_count":769,"response_bytes":20}"#,
             second: #"{"type":"endpoint_traffic","gateway":"G1","endpoint":"CCM_STS",\#(at),"interval_s":300,"request_count":770,"request_bytes":10,"response_count":768,"response_bytes":20}"#,
             differences: "request_count: stored 769, here 770; response_count: stored 769, here 768",
             query: "SELECT request_count || '/' || response_count FROM endpoint_traffic", stored: "769/769"),
        Case(table: "egress_sample",
             first: #"{"type":"egress","gateway":"G1",\#(at),"interval_s":3600,"bytes":100}"#,
             second: #"{"type":"egress","gateway":"G1",\#(at),"interval_s":300,"bytes":100}"#,
             differences: "interval_s: stored 3600, here 300",
             query: "SELECT interval_s FROM egress_sample", stored: "3600"),
        Case(table: "storage_sample",
             first: #"{"type":"storage","gateway":"G1",\#(at),"used_bytes":5}"#,
             second: #"{"type":"storage","gateway":"G1",\#(at),"used_bytes":6}"#,
             differences: "used_bytes: stored 5, here 6",
             query: "SELECT used_bytes FROM storage_sample", stored: "5"),
        Case(table: "connection_point_status",
             first: #"{"type":"connection_point","gateway":"G1","server":"cp1",\#(at),"status":2}"#,
             second: #"{"type":"connection_point","gateway":"G1","server":"CP1",\#(at),"status":0}"#,
             differences: "status: stored 2, here 0",
             query: "SELECT status FROM connection_point_status", stored: "2"),
        Case(table: "gateway_config",
             first: #"{"type":"gateway","gateway":"G1",\#(at),"region":"WestUS","instances":2}"#,
             second: #"{"type":"gateway","gateway":"G1",\#(at),"region":"EastUS","instances":2}"#,
             differences: #"region: stored "WestUS", here "EastUS""#,
             query: "SELECT region FROM gateway_config", stored: "WestUS"),
        Case(table: "alert_config",
             first: #"{"type":"alert_config","gateway":"G1",\#(at),"egress_threshold_gb":10000,"stop_on_critical":false}"#,
             second: #"{"type":"alert_config","gateway":"G1",\#(at),"egress_threshold_gb":10000,"stop_on_critical":true}"#,
             differences: "stop_on_critical: stored 0, here 1",
             query: "SELECT stop_on_critical FROM alert_config", stored: "0"),
        Case(table: "credential",
             first: #"{"type":"credential","gateway":"G1","kind":"server_certificate","thumbprint":"AB12","not_before":"2026-01-01T00:00:00Z","expires_at":"2027-01-01T00:00:00Z"}"#,
             second: #"{"type":"credential","gateway":"G1","kind":"server_certificate","thumbprint":"AB12","not_before":"2026-02-01T00:00:00Z","expires_at":"2027-01-01T00:00:00Z"}"#,
             differences: "not_before: stored 2026-01-01T00:00:00Z, here 2026-02-01T00:00:00Z",
             query: "SELECT not_before FROM credential", stored: "1767225600"),
        Case(table: "operation",
             first: #"{"type":"operation","gateway":"G1","kind":"stop","requested_at":"2026-10-01T00:00:00Z","completed_at":"2026-10-01T00:10:00Z","outcome":"succeeded"}"#,
             second: #"{"type":"operation","gateway":"G1","kind":"stop","requested_at":"2026-10-01T00:00:00Z","completed_at":"2026-10-01T00:10:00Z","outcome":"failed"}"#,
             differences: #"outcome: stored "succeeded", here "failed" (an outcome moves forward from in_progress only)"#,
             query: "SELECT outcome FROM operation", stored: "succeeded"),
    ]

    @Test(arguments: cases)
    func aSecondRecordWithTheSameKeyAndOtherValuesIsAConflict(_ c: Case) throws {
        // Given a file whose second line has the first one's key and another value
        let folder = try TemporaryFolder()
        let store = try folder.store()
        // When it is imported, then again the second line alone, then the first alone
        let both = try importNDJSON(c.first + "\n" + c.second, into: store, folder: folder, name: "both.ndjson")
        let later = try importNDJSON(c.second, into: store, folder: folder, name: "later.ndjson")
        let same = try importNDJSON(c.first, into: store, folder: folder, name: "same.ndjson")
        // Then the second line conflicts, within the file and with the stored record, and the first is kept
        #expect(both.inserted == 1 && both.duplicates == 0 && both.conflicts == 1 && both.rejected == 0)
        #expect(both.conflictList.map(\.description)
                == ["\(folder.path("both.ndjson")):2: conflicts with the stored record (\(c.differences)): kept the stored one"])
        #expect(later.conflicts == 1 && later.duplicates == 0 && later.conflictList.first?.line == 1)
        #expect(same.duplicates == 1 && same.conflicts == 0)
        #expect(try store.read { try String.fetchAll($0, sql: c.query) } == [c.stored])
    }

    @Test func anOperationMovesForwardFromInProgressButNeverBack() throws {
        // Given an operation in progress
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let requested = #""type":"operation","gateway":"G1","kind":"start","requested_at":"2026-10-01T00:00:00Z""#
        try importNDJSON("{\(requested),\"outcome\":\"in_progress\"}", into: store, folder: folder, name: "a")
        // When it is reported succeeded, then in progress again (an older export), then failed
        let done = try importNDJSON(#"{\#(requested),"completed_at":"2026-10-01T00:05:00Z","outcome":"succeeded"}"#, into: store, folder: folder, name: "b")
        let older = try importNDJSON("{\(requested),\"outcome\":\"in_progress\"}", into: store, folder: folder, name: "c")
        let failed = try importNDJSON(#"{\#(requested),"completed_at":"2026-10-01T00:06:00Z","outcome":"failed"}"#, into: store, folder: folder, name: "d")
        // Then the first completes it, the older one is a duplicate, and the backward one conflicts
        #expect(done.updated == 1 && done.conflicts == 0)
        #expect(older.duplicates == 1 && older.conflicts == 0)
        #expect(failed.conflicts == 1 && failed.updated == 0)
        #expect(failed.conflictList.first?.problem.differences == [
            #"outcome: stored "succeeded", here "failed" (an outcome moves forward from in_progress only)"#,
        ])
        let row = try #require(try store.read { try Row.fetchOne($0, sql: "SELECT outcome, completed_at FROM operation") })
        #expect(row["outcome"] as String == "succeeded")
        #expect(row["completed_at"] as Int64? == Timestamp.parse("2026-10-01T00:05:00Z"))
    }

    @Test func freeTextThatDiffersIsNamedNotQuoted() throws {
        // Given a status whose description differs from the stored one's
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let line = #"{"type":"status","gateway":"G1","at":"2026-10-01T00:05:00Z","state":"Error","description":"D"}"#
        try importNDJSON(line.replacingOccurrences(of: "\"D\"", with: "\"disk full\""), into: store, folder: folder, name: "a")
        // When it is imported
        let summary = try importNDJSON(line.replacingOccurrences(of: "\"D\"", with: "\"token=abc\""), into: store, folder: folder, name: "b")
        // Then the message names the field without quoting either text
        #expect(summary.conflictList.first?.problem.differences == ["description differs"])
    }

    @Test func aRejectedLineLeavesNoGatewayBehind() throws {
        // Given a gateway that holds an AzureServiceID, and a line for a new gateway claiming the same one
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let summary = try importNDJSON("""
            {"type":"gateway","gateway":"G1","at":"2026-10-01T00:00:00Z","azure_service_id":"svc-1"}
            {"type":"gateway","gateway":"Intruder","at":"2026-10-01T00:00:00Z","azure_service_id":"svc-1"}
            """, into: store, folder: folder)
        // Then the second line is rejected and its gateway was not created
        #expect(summary.rejections.map(\.line) == [2])
        #expect(try store.gatewayNames() == ["G1"])
    }
}
