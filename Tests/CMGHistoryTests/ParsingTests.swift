import Foundation
import Testing
@testable import CMGHistory

@Suite("Parsing: RFC 3339 times and JSON lines")
struct ParsingTests {
    @Test(arguments: [
        ("2026-10-01T00:05:00Z", 1_790_813_100),
        ("2026-10-01t00:05:00z", 1_790_813_100),
        ("2026-10-01 00:05:00Z", 1_790_813_100),
        ("2026-10-01T02:05:00+02:00", 1_790_813_100),
        ("2026-09-30T19:35:00-04:30", 1_790_813_100),
        ("2026-10-01T00:05:00.999999Z", 1_790_813_100),
        ("2024-02-29T12:00:00Z", 1_709_208_000),
        ("1970-01-01T00:00:00Z", 0),
    ] as [(String, Int64)])
    func validTimesParseToUTCSeconds(text: String, expected: Int64) {
        #expect(Timestamp.parse(text) == expected)
    }

    @Test(arguments: [
        "2026-10-01T00:05:00", "2026-10-01", "2026-13-01T00:00:00Z", "2025-02-29T00:00:00Z",
        "2026-10-01T24:00:00Z", "2026-10-01T00:60:00Z", "2026-10-01T00:05:00+2:00", "2026-10-01T00:05:00.Z",
        "2026-10-01T00:05:00Zjunk", "\\/Date(1653206400000)\\/", "", "2026-10-01T00:05:00+24:00",
        // A leap second: Unix time has no :60, and :59 or the next :00 would collide with a real instant.
        "2016-12-31T23:59:60Z",
    ])
    func invalidTimesAreRefused(text: String) {
        #expect(Timestamp.parse(text) == nil)
    }

    @Test func formattingAndParsingRoundTripForRandomInstants() {
        var rng = SplitMix64(seed: 11)
        for _ in 0..<10_000 {
            let instant = Int64(rng.next() % 8_000_000_000) - 2_000_000_000
            #expect(Timestamp.parse(Timestamp.format(instant)) == instant)
        }
    }

    @Test func localTimesAreWrittenWithTheirOffset() throws {
        #expect(CivilDate.rfc3339(0, offset: -25_200) == "1969-12-31T17:00:00-07:00")
        #expect(CivilDate.rfc3339(1_790_000_000, offset: 19_800) == "2026-09-21T19:43:20+05:30")
        #expect(CivilDate.rfc3339(1_790_000_000, offset: 0) == "2026-09-21T14:13:20+00:00")
        #expect(CivilDate.rfc3339(253_402_300_800) == "10000-01-01T00:00:00Z")
        #expect(try ReportZone(identifier: "Europe/Berlin").format(1_790_000_000) == "2026-09-21T16:13:20+02:00")
        #expect(ReportZone.utc.format(1_790_000_000) == "2026-09-21T14:13:20Z")
    }

    @Test func escapedStringsDecodeToTheirText() throws {
        var decoder = NDJSONRecordDecoder()
        let line = #"{"type":"operation","gateway":"G\u00e9\ud83d\ude00","kind":"stop","requested_at":"2026-10-01T00:00:00Z","actor":"CONTOSO\\admin","note":"line1\nline2 \"quoted\" \/"}"#
        let record = try line.utf8CString.withUnsafeBufferPointer { cString in
            try cString.withMemoryRebound(to: UInt8.self) { try decoder.decode(UnsafeBufferPointer(rebasing: $0.dropLast())) }
        }
        guard case .operation(let op) = record else { Issue.record("not an operation"); return }
        #expect(op.gateway == "Gé😀")
        #expect(op.actor == #"CONTOSO\admin"#)
        #expect(op.note == "line1\nline2 \"quoted\" /")
        #expect(op.outcome == .inProgress)
    }

    @Test func noInputCrashesTheDecoderRandomOrMutated() {
        // Random bytes and single-byte mutations of valid lines must come back as a record or a
        // rejection, never a crash or a hang.
        var rng = SplitMix64(seed: 3)
        let valid = [
            #"{"type":"endpoint_traffic","gateway":"G1","endpoint":"CCM_STS","at":"2026-10-01T00:05:00Z","interval_s":300,"request_count":769,"request_bytes":1081595,"response_count":769,"response_bytes":36143,"avg_elapsed_ms":3945}"#,
            #"{"type":"credential","gateway":"G1","kind":"app_secret","name":"x","expires_at":"2027-01-01T00:00:00Z","x":{"a":[1,2,{"b":null}]}}"#,
            #"{"type":"status","gateway":"G1","at":"2026-10-01T00:05:00+01:00","state":"Error","description":"\u0041"}"#,
        ].map { Array($0.utf8) }
        let alphabet = Array(#"{}[]":,\-+.0123456789eEtrufalsn "#.utf8)
        var decoder = NDJSONRecordDecoder()
        var accepted = 0
        for round in 0..<20_000 {
            var bytes: [UInt8]
            if round % 4 == 0 {
                bytes = (0..<Int(rng.next() % 200)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            } else {
                bytes = valid[Int(rng.next() % UInt64(valid.count))]
                for _ in 0...(rng.next() % 3) {
                    let at = Int(rng.next() % UInt64(bytes.count))
                    switch rng.next() % 3 {
                    case 0: bytes[at] = alphabet[Int(rng.next() % UInt64(alphabet.count))]
                    case 1: bytes.remove(at: at)
                    default: bytes.insert(alphabet[Int(rng.next() % UInt64(alphabet.count))], at: at)
                    }
                    if bytes.isEmpty { break }
                }
            }
            let result = bytes.withUnsafeBufferPointer { buffer in Result { () throws(LineRejection) in try decoder.decode(buffer) } }
            if case .success = result { accepted += 1 }
        }
        #expect(accepted > 0)
    }

    @Test func deeplyNestedExtraFieldsAreRejectedNotRecursedWithoutBound() throws {
        var decoder = NDJSONRecordDecoder()
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let line = #"{"type":"storage","gateway":"G1","at":"2026-10-01T00:00:00Z","used_bytes":1,"x":\#(deep)}"#
        let bytes = Array(line.utf8)
        #expect(throws: LineRejection.self) {
            try bytes.withUnsafeBufferPointer { try decoder.decode($0) }
        }
    }
}
