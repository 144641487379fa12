import Foundation
import Testing
@testable import CMGHistory

@Suite("Rule prefilter: the text every regex match contains")
struct RegexLiteralTests {
    @Test(arguments: [
        (#"Deployment instance status for service (?<gateway>\S+?) is (?<state>[A-Za-z]+)Role\b"#, "deployment instance status for service "),
        (#"Task \[(?<task>[^\]]*?)(?: for service (?<gateway>[^\]]+))?\] has failed\.?"#, "] has failed"),
        (#"ab+cde"#, "cde"),
        (#"x{2,3}yz1"#, "yz1"),
        (#"\d+ ms elapsed"#, " ms elapsed"),
        (#"[(]403[)] Forbidden"#, " forbidden"),
        (#"a|bcdef"#, nil),
        (#"(?i)expired state"#, nil),
        (#"(?<reason>CMGConnector_Forbidden|\(403\) Forbidden)"#, nil),
        (#"\QLOG[\E"#, nil),
        (#"\0101BCD"#, nil),
        (#"\cAxyz1"#, nil),
        (#"\pLabc1"#, nil),
        (#"(a)\1bcd"#, nil),
        (#"\bBusyRole\b"#, "busyrole"),
        (#"ab.cd"#, nil),
    ] as [(String, String?)])
    func theLiteralIsWhatEveryMatchContains(pattern: String, literal: String?) {
        #expect(RegexLiteral.required(in: pattern).map { String(decoding: $0, as: UTF8.self) } == literal)
    }

    /// The default rules without their `contains` texts, so that only the regex literal screens.
    static func screenedByLiteral(_ on: Bool) throws -> LogRuleSet {
        LogRuleSet(rules: try LogRuleSet.defaults().rules.map { rule in
            var rule = rule
            rule.contains = []
            if !on { rule.requiredLiteral = nil }
            return rule
        })
    }

    @Test func theLiteralNeverChangesWhichEventsAreMade() throws {
        // Given every entry of the fixtures and, when present, the real samples and published messages
        var entries: [(LogEntry, String)] = []
        let fixtures = try #require(Bundle.module.url(forResource: "Fixtures/logs", withExtension: nil))
        var files = try FileManager.default.contentsOfDirectory(at: fixtures, includingPropertiesForKeys: nil)
        if LogRealSampleTests.available {
            files += try FileManager.default.contentsOfDirectory(at: LogRealSampleTests.folder, includingPropertiesForKeys: nil)
                .filter { $0.pathExtension == "log" }
        }
        for file in files {
            let log = LogFileName(file.lastPathComponent).log
            entries += LogParser.entries(in: [UInt8](try Data(contentsOf: file))).map { ($0, log) }
        }
        if LogRealSampleTests.available {
            for name in ["cloudmgr_maintenance_failure_excerpt.txt", "cmg_request_flow_log_lines.txt", "sms_cloud_proxyconnector_excerpts.txt"] {
                let text = try String(contentsOf: LogRealSampleTests.folder.appendingPathComponent(name), encoding: .utf8)
                for line in text.split(separator: "\n") where !line.hasPrefix("#") {
                    entries.append((LogEntry(format: .server, time: nil, localTimeText: nil, severity: .info, component: "", thread: nil,
                                             sourceFile: "", message: String(line), offset: 0, length: 1, line: 1), "CloudMgr"))
                }
            }
        }
        let screened = try Self.screenedByLiteral(true)
        let unscreened = try Self.screenedByLiteral(false)
        #expect(screened.rules.filter { $0.requiredLiteral != nil }.count >= 5)
        // When the rules run with and without the literal test
        var events = 0
        for (entry, log) in entries {
            let with = screened.events(for: entry, log: log)
            // Then they make the same events, and as many as the rules with their `contains`
            #expect(with == unscreened.events(for: entry, log: log), "\(entry.message)")
            #expect(with.map(\.rule) == (try LogRuleSet.defaults()).events(for: entry, log: log).map(\.rule), "\(entry.message)")
            events += with.count
        }
        #expect(events > 5)
    }
}
