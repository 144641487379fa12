import Foundation
import GRDB
import Testing
@testable import CMGHistory

@Suite("NDJSON v1 import: bad lines are rejected, good lines kept")
struct NDJSONRejectionTests {
    /// Each bad line, and the message it must get (after `FILE:LINE: `).
    static let badLines: [(String, String)] = [
        (#"not json at all"#, "not a valid JSON object (expected a JSON object starting with '{' at column 1)"),
        (#"{"type":"storage","gateway":"G1","at":"2026-10-01T01:00:00Z","used_bytes":1"#, #"field "used_bytes" is followed by text that is not JSON (unterminated object at column 76)"#),
        (#"{"gateway":"G1","at":"2026-10-01T01:00:00Z"}"#, #"field "type" is missing"#),
        (#"{"type":"cpu","gateway":"G1"}"#, #"field "type": "cpu" is not a known record type (known: \#(NDJSONRecordDecoder.knownTypes))"#),
        (#"{"type":"storage","gateway":"G1","used_bytes":1}"#, #"field "at" is missing"#),
        (#"{"type":"storage","gateway":"G1","at":"2026-10-01 01:00","used_bytes":1}"#,
         #"field "at": "2026-10-01 01:00" is not an RFC 3339 time with Z or an offset (like 2026-10-01T00:05:00Z)"#),
        (#"{"type":"storage","gateway":"G1","at":"2026-10-01T01:00:00","used_bytes":1}"#,
         #"field "at": "2026-10-01T01:00:00" is not an RFC 3339 time with Z or an offset (like 2026-10-01T00:05:00Z)"#),
        (#"{"type":"storage","gateway":"G1","at":"2026-02-30T01:00:00Z","used_bytes":1}"#,
         #"field "at": "2026-02-30T01:00:00Z" is not an RFC 3339 time with Z or an offset (like 2026-10-01T00:05:00Z)"#),
        (#"{"type":"online_clients","gateway":"G1","at":"2026-10-01T01:00:00Z","count":-5}"#, #"field "count": -5 is not a non-negative integer"#),
        (#"{"type":"online_clients","gateway":"G1","at":"2026-10-01T01:00:00Z","count":12.5}"#, #"field "count": 12.5 is not a non-negative integer"#),
        (#"{"type":"online_clients","gateway":"G1","at":"2026-10-01T01:00:00Z","count":"12"}"#, #"field "count": "12" is not a non-negative integer"#),
        (#"{"type":"online_clients","gateway":"G1","at":"2026-10-01T01:00:00Z","count":99999999999999999999}"#,
         #"field "count": value 99999999999999999999 out of range (limit 9007199254740992)"#),
        (#"{"type":"online_clients","gateway":"","at":"2026-10-01T01:00:00Z","count":1}"#, #"field "gateway": "" is empty"#),
        (#"{"type":"online_clients","at":"2026-10-01T01:00:00Z","count":1}"#, #"field "gateway" is missing"#),
        (#"{"type":"egress","gateway":"G1","at":"2026-10-01T01:00:00Z","interval_s":0,"bytes":1}"#,
         #"field "interval_s": 0 is not a positive whole number of seconds"#),
        (#"{"type":"status","gateway":"G1","at":"2026-10-01T01:00:00Z","state":"Error","state_code":0}"#,
         #"field "state_code": 0 means Ready, but "state" says "Error""#),
        (#"{"type":"status","gateway":"G1","at":"2026-10-01T01:00:00Z"}"#, #"field "state" is missing (give "state", "state_code" or both)"#),
        (#"{"type":"status","gateway":"G1","at":"2026-10-01T01:00:00Z","state_code":7}"#,
         #"field "state_code": 7 is not a known state code, and no "state" text was given"#),
        (#"{"type":"connection_point","gateway":"G1","server":"cp1","at":"2026-10-01T01:00:00Z","status":3}"#,
         #"field "status": 3 is not a connection point status (0 offline, 1 partially online, 2 online)"#),
        (#"{"type":"gateway","gateway":"G1","at":"2026-10-01T01:00:00Z","instances":17}"#, #"field "instances": 17 is not an instance count from 1 to 16"#),
        (#"{"type":"alert_config","gateway":"G1","at":"2026-10-01T01:00:00Z","egress_warning_pct":150}"#,
         #"field "egress_warning_pct": 150 is not a percentage from 0 to 100"#),
        (#"{"type":"alert_config","gateway":"G1","at":"2026-10-01T01:00:00Z","stop_on_critical":"no"}"#,
         #"field "stop_on_critical": "no" is not true or false"#),
        (#"{"type":"operation","gateway":"G1","kind":"reboot","requested_at":"2026-10-01T01:00:00Z"}"#,
         #"field "kind": "reboot" is not an operation kind (known: \#(OperationKind.allCases.map(\.rawValue).joined(separator: ", ")))"#),
        (#"{"type":"operation","gateway":"G1","kind":"stop","requested_at":"2026-10-01T01:00:00Z","completed_at":"2026-10-01T00:00:00Z","outcome":"succeeded"}"#,
         #"field "completed_at": 2026-10-01T00:00:00Z is before requested_at"#),
        (#"{"type":"operation","gateway":"G1","kind":"stop","requested_at":"2026-10-01T01:00:00Z","outcome":"done"}"#,
         #"field "outcome": "done" is not an outcome (known: succeeded, failed, cancelled, in_progress)"#),
        (#"{"type":"operation","gateway":"G1","kind":"stop","requested_at":"2026-10-01T01:00:00Z","completed_at":"2026-10-01T02:00:00Z"}"#,
         #"field "outcome" is missing: an operation with completed_at needs an outcome"#),
        (#"{"type":"credential","gateway":"G1","kind":"server_certificate","thumbprint":"XYZ","expires_at":"2027-01-01T00:00:00Z"}"#,
         #"field "thumbprint": "XYZ" is not a hexadecimal thumbprint"#),
        (#"{"type":"credential","gateway":"G1","kind":"password","expires_at":"2027-01-01T00:00:00Z"}"#,
         #"field "kind": "password" is not a credential kind (known: server_certificate, app_secret, trusted_root_certificate, client_certificate)"#),
        (#"{"type":"storage","gateway":"G1","at":"2026-10-01T01:00:00Z","used_bytes":1,"used_bytes":2}"#,
         #"not a valid JSON object (member "used_bytes" appears twice at column 77)"#),
    ]

    @Test func eachBadLineIsNamedWithItsReasonAndEveryGoodLineIsStored() throws {
        // Given a file that interleaves good lines with every kind of bad one
        let folder = try TemporaryFolder()
        let store = try folder.store()
        var lines: [String] = []
        var expected: [String] = []
        for (index, (bad, reason)) in Self.badLines.enumerated() {
            lines.append(#"{"type":"online_clients","gateway":"G1","at":"2026-10-01T00:00:00Z","count":1}"#.replacingOccurrences(of: "\"count\":1", with: "\"count\":1,\"n\":\(index)")
                .replacingOccurrences(of: "00:00:00Z", with: "00:\(index < 10 ? "0" : "")\(index):00Z"))
            lines.append(bad)
            expected.append("bad.ndjson:\(lines.count): \(reason)")
        }
        let path = try folder.write("bad.ndjson", lines.joined(separator: "\n"))
        // When it is imported
        let summary = try NDJSONImporter(store: store).importFile(at: path)
        // Then each bad line is named with file, line, field, value and reason, and the good ones are stored
        let messages = summary.rejections.map { $0.description.replacingOccurrences(of: folder.url.path + "/", with: "") }
        #expect(messages.count == expected.count)
        for (message, want) in zip(messages, expected) { #expect(message == want) }
        #expect(summary.rejected == Self.badLines.count)
        #expect(summary.inserted == Self.badLines.count)
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM online_clients_sample") } == Self.badLines.count)
    }

    @Test func aLineLongerThanTheLimitIsRejectedWithoutBufferingIt() throws {
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let long = "{\"type\":\"storage\",\"note\":\"" + String(repeating: "x", count: LineReader.maximumLineLength * 2) + "\"}"
        let good = #"{"type":"storage","gateway":"G1","at":"2026-10-01T01:00:00Z","used_bytes":1}"#
        let summary = try importNDJSON([good, long, good.replacingOccurrences(of: "01:00", with: "02:00")].joined(separator: "\n"),
                                       into: store, folder: folder)
        #expect(summary.inserted == 2)
        #expect(summary.rejections.map(\.line) == [2])
        #expect(summary.rejections.first?.problem.reason.contains("longer than the 1048576-byte limit") == true)
    }

    @Test func aBatchThatFailsToStoreLeavesNothingOfThatBatchAndKeepsEarlierOnes() throws {
        // Given a database that will refuse one particular row, mid-batch
        let folder = try TemporaryFolder()
        let store = try folder.store()
        try store.writeTransaction { db in
            try db.execute(sql: """
                CREATE TEMP TRIGGER refuse_666 BEFORE INSERT ON storage_sample WHEN NEW.used_bytes = 666
                BEGIN SELECT RAISE(ABORT, 'disk full, simulated'); END
                """)
        }
        let lines = (1...25).map { i in
            #"{"type":"storage","gateway":"G1","at":"2026-10-01T00:\#(String(format: "%02d", i)):00Z","used_bytes":\#(i == 17 ? 666 : i)}"#
        }
        let path = try folder.write("in.ndjson", lines.joined(separator: "\n"))
        let importer = NDJSONImporter(store: store)
        importer.batchSize = 10
        // When the second batch (lines 11-20) hits the refusal at line 17
        #expect(throws: ImportError.batchFailed(file: path, firstLine: 11, lastLine: 20, reason: "disk full, simulated")) {
            _ = try importer.importFile(at: path)
        }
        // Then lines 1-10 are stored and nothing of 11-20 is
        let stored = try store.read { try Int64.fetchAll($0, sql: "SELECT used_bytes FROM storage_sample ORDER BY at") }
        #expect(stored == Array(1...10))
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM gateway") } == 1)
    }
}
