import Foundation
import Testing
@testable import CMGHistory

@Suite("DemoHistory")
struct DemoHistoryTests {
    static let knownTypes: Set<String> = [
        "gateway", "alert_config", "status", "connection_point", "online_clients",
        "endpoint_traffic", "egress", "storage", "operation", "credential",
    ]

    static func lines(_ history: DemoHistory) -> [String] {
        var out: [String] = []
        history.writeLines { out.append($0) }
        return out
    }

    /// The default 120-day history, generated once for the content checks.
    static let defaultLines = lines(DemoHistory())

    static func object(_ line: String) -> [String: Any]? {
        guard let data = line.data(using: .utf8),
              let value = try? JSONSerialization.jsonObject(with: data) else { return nil }
        return value as? [String: Any]
    }

    @Test func sameSeedGivesIdenticalLines() {
        let a = Self.lines(DemoHistory(days: 7, seed: 42))
        let b = Self.lines(DemoHistory(days: 7, seed: 42))
        #expect(!a.isEmpty)
        #expect(a == b)
    }

    @Test func differentSeedGivesDifferentLines() {
        let a = Self.lines(DemoHistory(days: 7, seed: 1))
        let b = Self.lines(DemoHistory(days: 7, seed: 2))
        #expect(a != b)
    }

    @Test func everyLineIsAJSONObjectWithAKnownType() {
        let lines = Self.lines(DemoHistory(days: 12))
        var bad: [String] = []
        for line in lines {
            guard let object = Self.object(line), let type = object["type"] as? String,
                  Self.knownTypes.contains(type), !line.contains("\n") else {
                bad.append(line)
                continue
            }
        }
        #expect(bad.isEmpty, "\(bad.prefix(5))")
    }

    @Test func defaultHistoryHasTheStoryAndAReasonableSize() {
        let lines = Self.defaultLines
        #expect(lines.count >= 200_000 && lines.count <= 350_000, "\(lines.count) lines")
        let all = lines.joined(separator: "\n")
        #expect(all.contains(#""state":"Error","state_code":2,"description":"The Azure AD app secret has expired. Renew the secret key.""#))
        #expect(all.contains(#""kind":"renew_app_secret""#))
        #expect(all.contains(#""kind":"stop""#))
        #expect(all.contains(#""kind":"start""#))
        #expect(all.contains(#""kind":"sync_config""#))
        #expect(all.contains(#""kind":"renew_server_certificate""#))
        #expect(all.contains(#""server":"cmgcp2.contoso.com","at":"#))
        #expect(all.contains(#""type":"connection_point""#) && all.contains(#""status":1}"#))
        #expect(all.contains(#""state":"Stopped""#))
        #expect(all.contains(#""actor":"CONTOSO\\admin""#))
        #expect(lines.filter { $0.contains(#""kind":"app_secret""#) }.count == 3)
        #expect(lines.filter { $0.contains(#""kind":"server_certificate""#) }.count == 3)
    }

    @Test func noEndpointTrafficWhileStopped() {
        var stoppedFrom: String?
        var stoppedTo: String?
        for line in Self.defaultLines where line.hasPrefix(#"{"type":"status","gateway":"CedarRapids"#) {
            let object = Self.object(line)
            let state = object?["state"] as? String
            let at = object?["at"] as? String
            if state == "Stopped", stoppedFrom == nil { stoppedFrom = at }
            if state == "Stopped" { stoppedTo = at }
        }
        guard let from = stoppedFrom, let to = stoppedTo else {
            Issue.record("no Stopped status")
            return
        }
        let traffic = Self.defaultLines.filter {
            $0.hasPrefix(#"{"type":"endpoint_traffic","gateway":"CedarRapids"#)
                && (Self.object($0)?["at"] as? String).map { $0 >= from && $0 <= to } == true
        }
        #expect(traffic.isEmpty)
        let clients = Self.defaultLines.filter {
            $0.hasPrefix(#"{"type":"online_clients","gateway":"CedarRapids"#)
                && (Self.object($0)?["at"] as? String).map { $0 >= from && $0 <= to } == true
        }
        #expect(!clients.isEmpty)
        #expect(clients.allSatisfy { $0.hasSuffix(#""count":0}"#) })
    }

    @Test func timestampsNeverDecrease() {
        for days in [1, 12, 120] {
            let lines = days == 120 ? Self.defaultLines : Self.lines(DemoHistory(days: days))
            var previous = ""
            var decreases = 0
            for line in lines {
                // Credentials have no instant of their own; every other line has `at` or `requested_at`.
                guard let range = line.range(of: #""at":""#) ?? line.range(of: #""requested_at":""#) else { continue }
                let stamp = String(line[range.upperBound...].prefix(20))
                if stamp < previous { decreases += 1 }
                previous = stamp
            }
            #expect(decreases == 0, "days \(days)")
        }
    }

    @Test func shortWindowsWork() {
        let history = DemoHistory(days: 1)
        let lines = Self.lines(history)
        #expect(lines.count > 500)
        let all = lines.joined(separator: "\n")
        #expect(all.contains(#""state":"Error""#))
        #expect(all.contains(#""kind":"stop""#))
        #expect(Self.lines(DemoHistory(days: 0)).count == lines.count)
        let first = CivilDate.rfc3339(DemoHistory.defaultEnd - 86_400)
        #expect(lines.allSatisfy { line in
            guard let range = line.range(of: #""at":""#) else { return true }
            let stamp = String(line[range.upperBound...].prefix(20))
            return stamp >= first && stamp < "2026-11-01T00:00:00Z"
        })
    }

    @Test func lineCountScalesWithDays() {
        let ten = Self.lines(DemoHistory(days: 10)).count
        let twenty = Self.lines(DemoHistory(days: 20)).count
        #expect(abs(twenty - 2 * ten) < ten / 10)
    }

    @Test func importsCleanlyThroughTheRealImporter() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("demo-history-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("demo.ndjson").path
        let lines = Self.lines(DemoHistory(days: 3))
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: file))

        let store = try HistoryStore(path: directory.appendingPathComponent("history.sqlite").path)
        let s = try NDJSONImporter(store: store).importFile(at: file)
        for rejection in s.rejections.prefix(20) { print(rejection) }
        #expect(s.rejected == 0)
        #expect(s.inserted > 0)
        #expect(s.inserted + s.duplicates + s.updated == lines.count)
    }

    @Test(arguments: [1, 2, 5, 9, 10, 11, 30])
    func everyWindowLengthTellsTheWholeStoryInOrder(days: Int) {
        let lines = Self.lines(DemoHistory(days: days, seed: UInt64(days), end: DemoHistory.defaultEnd + 137))
        let all = lines.joined(separator: "\n")
        for kind in ["sync_config", "renew_server_certificate", "stop", "start", "renew_app_secret"] {
            #expect(all.contains(#""kind":"\#(kind)""#), "days \(days): no \(kind)")
        }
        #expect(all.contains(#""state":"Error""#), "days \(days)")
        #expect(all.contains(#""state":"Stopped""#), "days \(days)")
        #expect(all.contains(#""status":1}"#), "days \(days)")
        var previous = ""
        var decreases: [String] = []
        for line in lines {
            guard let range = line.range(of: #""at":""#) ?? line.range(of: #""requested_at":""#) else { continue }
            let stamp = String(line[range.upperBound...].prefix(20))
            if stamp < previous { decreases.append(line) }
            previous = stamp
        }
        #expect(decreases.isEmpty, "days \(days): \(decreases.prefix(3))")
    }

    struct Stop: Error {}

    @Test func anEmitErrorStopsTheOutput() {
        var count = 0
        #expect(throws: Stop.self) {
            try DemoHistory(days: 2).writeLines { _ in
                count += 1
                if count == 10 { throw Stop() }
            }
        }
        #expect(count == 10)
    }
}
