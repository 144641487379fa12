import Foundation
import Testing
@testable import CMGHistory

@Suite("Log parsing: CMTrace and server format")
struct LogParserTests {
    static func fixture(_ name: String) throws -> [UInt8] {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/logs/" + (name as NSString).deletingPathExtension,
                                                 withExtension: (name as NSString).pathExtension))
        return [UInt8](try Data(contentsOf: url))
    }

    static func utc(_ text: String) -> Int64? {
        // "2026-10-24T23:59:58.100Z" → milliseconds
        let parts = text.dropLast().split(separator: ".")
        guard parts.count == 2, let seconds = Timestamp.parse(parts[0] + "Z"), let millis = Int64(parts[1]) else { return nil }
        return seconds * 1000 + millis
    }

    @Test func everyCMTraceQuirkParsesToItsEntry() throws {
        // Given a CMTrace file with a BOM, CRLF, types 0–3, a message over three lines, two entries
        // on one line (one empty), attributes in another order, a plain line, 7 fraction digits
        // without a bias, and the bias changing at the end of summer time
        let bytes = try Self.fixture("quirks-cmtrace.log")
        // When it is parsed
        let entries = LogParser.entries(in: bytes)
        // Then each entry has its own time, severity and text
        #expect(entries.count == 8)
        guard entries.count == 8 else { return }
        #expect(entries.map(\.message) == ["Service starting", "verbose detail", "first line\r\nsecond line\r\nthird line",
                                           "after the switch", "", "attributes reordered", "this line fits neither format", "no zone here"])
        #expect(entries.map(\.line) == [1, 2, 3, 6, 6, 7, 8, 9])
        #expect(entries.map(\.severity) == [.info, .verbose, .warning, .error, .info, .warning, .warning, .info])
        #expect(entries.map(\.format) == [.cmtrace, .cmtrace, .cmtrace, .cmtrace, .cmtrace, .cmtrace, .plain, .cmtrace])
        #expect(entries[0].time?.utcMilliseconds == Self.utc("2026-10-24T23:59:58.100Z"))
        #expect(entries[1].time?.utcMilliseconds == Self.utc("2026-10-24T23:59:59.999Z"))
        // 02:30 local happens twice that night: the bias tells them apart
        #expect(entries[2].time?.utcMilliseconds == Self.utc("2026-10-25T00:30:00.000Z"))
        #expect(entries[3].time?.utcMilliseconds == Self.utc("2026-10-25T01:30:00.000Z"))
        #expect(entries[4].time?.utcMilliseconds == Self.utc("2026-10-25T01:30:01.500Z"))
        #expect(entries[4].thread == 12)
        #expect(entries[5].time?.utcMilliseconds == Self.utc("2026-10-25T02:00:00.123Z"))
        #expect(entries[5].localTimeText == "10-25-2026 03:00:00.1234567")
        #expect(entries[5].thread == 13 && entries[5].component == "CloudMgr" && entries[5].sourceFile == "")
        // The plain line continues the entry before it
        #expect(entries[6].time == entries[5].time && entries[6].component == "CloudMgr")
        // No bias: local time kept, zone unknown, never shifted
        #expect(entries[7].time?.zoneKnown == false)
        #expect(entries[7].time?.utcMilliseconds == nil)
        #expect(entries[7].time?.localMilliseconds == Self.utc("2026-10-25T04:05:06.123Z"))
        #expect(entries[7].localTimeText == "10-25-2026 04:05:06.1234567")
        #expect(entries[2].displayMessage == "first line\nsecond line\nthird line")
        #expect(entries[0].sourceFile == "x.cpp:1" && entries[0].offset == 3)
    }

    @Test func serverFormatEntriesAreFoundByTheirMarkers() throws {
        // Given a server-format log with ~~ line breaks, three entries on one line and a message over two lines
        let entries = LogParser.entries(in: try Self.fixture("server-format.log"))
        // Then
        #expect(entries.map(\.message) == ["Starting to Deploy Service", "ERROR: something failed~~  at frame one~~  at frame two",
                                           "one", "two", "a message on\r\ntwo lines"])
        #expect(entries.map(\.format) == Array(repeating: .server, count: 5))
        #expect(entries.map(\.line) == [1, 2, 2, 2, 3])
        #expect(entries.map { $0.time?.utcMilliseconds } == [
            Self.utc("2026-10-01T07:00:00.123Z"), Self.utc("2026-10-01T07:00:01.000Z"), Self.utc("2026-10-01T08:00:02.000Z"),
            Self.utc("2026-10-01T08:00:03.000Z"), Self.utc("2026-10-01T12:00:04.000Z"),
        ])
        #expect(entries[0].component == "SMS_CLOUD_SERVICES_MANAGER" && entries[0].thread == 4844)
        #expect(entries[1].severity == .error && entries[0].severity == .info)
        #expect(entries[1].displayMessage == "ERROR: something failed\n  at frame one\n  at frame two")
        #expect(entries[0].localTimeText == "10-01-2026 08:00:00.123")
    }

    @Test func anEntryStillBeingWrittenIsLeftForLater() throws {
        // Given a file cut in the middle of its last entry
        let bytes = try Self.fixture("quirks-cmtrace.log")
        let cut = bytes.count - 30
        // When it is read as a file that may still grow
        let (entries, heldBack) = LogParser.entries(inChunks: [Array(bytes[..<cut])], isFinal: false)
        // Then the unfinished entry is not read, nor the plain line just before it (what that
        // text is depends on whether the entry after it turns out whole), and nothing is lost
        #expect(entries.count == 6)
        #expect(heldBack > 0)
        // And splitting the input at any byte gives the same entries as reading it whole
        let whole = LogParser.entries(in: bytes)
        for split in stride(from: 1, to: bytes.count, by: 7) {
            let (parts, left) = LogParser.entries(inChunks: [Array(bytes[..<split]), Array(bytes[split...])], isFinal: true)
            #expect(parts == whole, "split at \(split)")
            #expect(left == 0)
        }
    }

    @Test(arguments: [
        ("RequestUri: /CCM_PROXY_SERVERAUTH/72057594037938216/CCM_STS  RequestCount: 769  RequestSize: 1081595 Bytes  ResponseCount: 769     ResponseSize: 36143 Bytes  AverageElapsedTime: 3945 ms", true),
        ("RequestUri: /x  RequestCount: 7", false),
        ("Nothing to see", false),
    ])
    func requestStatisticsLinesAreRecognised(message: String, isStatistics: Bool) {
        let statistics = RequestStatistics.parse(message)
        #expect((statistics != nil) == isStatistics)
        if isStatistics {
            #expect(statistics == .statistics(RequestStatistics(requestURI: "/CCM_PROXY_SERVERAUTH/72057594037938216/CCM_STS", requestCount: 769,
                                                    requestBytes: 1_081_595, responseCount: 769, responseBytes: 36143,
                                                    averageElapsedMilliseconds: 3945)))
        }
    }

    @Test(arguments: [
        ("CloudMgr.log", "CloudMgr", true, false, nil, nil),
        ("cloudmgr.lo_", "CloudMgr", true, true, nil, nil),
        ("SMS_Cloud_ProxyConnector.log", "SMS_Cloud_ProxyConnector", true, false, nil, nil),
        ("CloudDP-GraniteFalls.log", "CloudDP", true, false, "GraniteFalls", nil),
        ("CMG-Granite-Falls-ProxyService_IN_0-CMGService.log", "CMGService", true, false, "Granite-Falls", "ProxyService_IN_0"),
        ("CMG-GraniteFalls-ProxyService_IN_1-CMGSetup.lo_", "CMGSetup", true, true, "GraniteFalls", "ProxyService_IN_1"),
        ("ccmsetup.log", "ccmsetup", false, false, nil, nil),
    ] as [(String, String, Bool, Bool, String?, String?)])
    func logFileNamesTellTheLogGatewayAndInstance(name: String, log: String, known: Bool, rollover: Bool, service: String?, instance: String?) {
        let parsed = LogFileName(name)
        #expect(parsed.log == log && parsed.isKnownCMGLog == known && parsed.isRollover == rollover)
        #expect(parsed.service == service && parsed.instance == instance)
    }

    @Test func noInputCrashesTheParserRandomOrMutated() throws {
        // Random bytes, marker soup and mutations of real-looking entries: each must parse to
        // entries (possibly plain ones) without a crash, and streaming must agree with whole reads.
        var rng = SplitMix64(seed: 6)
        let seeds = try ["quirks-cmtrace.log", "server-format.log", "CloudMgr.log"].map(Self.fixture)
        let alphabet = Array(#"<![LOG]!>$$<="0123456789:.+- \r\n~typedatethread(0x)"#.utf8)
        for round in 0..<3_000 {
            var bytes: [UInt8]
            switch round % 3 {
            case 0: bytes = (0..<Int(rng.next() % 300)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            case 1: bytes = (0..<Int(rng.next() % 300)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            default:
                bytes = seeds[Int(rng.next() % UInt64(seeds.count))]
                for _ in 0...(rng.next() % 8) where !bytes.isEmpty {
                    let at = Int(rng.next() % UInt64(bytes.count))
                    switch rng.next() % 4 {
                    case 0: bytes[at] = alphabet[Int(rng.next() % UInt64(alphabet.count))]
                    case 1: bytes.remove(at: at)
                    case 2: bytes.insert(UInt8(truncatingIfNeeded: rng.next()), at: at)
                    default: bytes.removeSubrange(at..<min(bytes.count, at + Int(rng.next() % 40)))
                    }
                }
            }
            let whole = LogParser.entries(in: bytes)
            let split = bytes.isEmpty ? 0 : Int(rng.next() % UInt64(bytes.count))
            let (streamed, left) = LogParser.entries(inChunks: [Array(bytes[..<split]), Array(bytes[split...])], isFinal: true)
            #expect(left == 0)
            #expect(streamed == whole, "round \(round)")
            // Nothing but white space is dropped: every non-blank byte run is in some entry.
            #expect(whole.allSatisfy { $0.length >= 0 && $0.offset >= 0 && $0.offset + $0.length <= Int64(bytes.count) })
        }
    }
}
