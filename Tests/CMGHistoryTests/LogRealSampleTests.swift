import Foundation
import Testing
@testable import CMGHistory

/// Reads the real, third-party samples where they are (`../shared/samples/real-logs` beside the
/// package); they are never copied into the project. Skipped, saying so, when the folder is absent.
@Suite("Log parsing: real samples")
struct LogRealSampleTests {
    static let folder: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/samples/real-logs")

    static var available: Bool { FileManager.default.fileExists(atPath: folder.path) }

    @Test(.enabled(if: LogRealSampleTests.available, "skipped: ../shared/samples/real-logs is absent beside the package"),
          arguments: [
        // file, entries, first and last time (UTC, or local when the file writes no bias), zone known
        ("ccmsetup_cmtrace_bias00.log", 195, "2020-02-04T15:10:29.068Z", "2020-02-04T15:10:38.114Z", true),
        ("cmtrace_dotnet_7digit_nooffset.log", 14, "2022-11-29T13:59:35.672", "2022-11-30T00:18:51.855", false),
        ("smsts_excerpt_bias240_EDT.log", 150, "2019-10-18T14:19:13.567Z", "2019-10-18T14:19:16.714Z", true),
        ("smsts_excerpt_bias480_PST.log", 195, "2024-02-08T00:53:52.712Z", "2024-02-08T00:53:56.484Z", true),
        ("sms_format_collection_evaluator_biasminus60.log", 17, "2022-11-30T00:03:34.174Z", "2022-11-30T00:08:34.194Z", true),
    ] as [(String, Int, String, String, Bool)])
    func eachRealLogHasItsEntriesAtTheRightInstants(file: String, count: Int, first: String, last: String, zoneKnown: Bool) throws {
        // Given a real log, read where it is
        let bytes = [UInt8](try Data(contentsOf: Self.folder.appendingPathComponent(file)))
        // When it is parsed
        let entries = LogParser.entries(in: bytes)
        // Then every entry is found, none is plain, and the first and last land on the right instant
        #expect(entries.count == count)
        #expect(entries.allSatisfy { $0.format != .plain })
        #expect(entries.allSatisfy { $0.time?.zoneKnown == zoneKnown })
        func text(_ e: LogEntry?) -> String? {
            guard let time = e?.time else { return nil }
            return time.utcMilliseconds.map(LogTimeFormat.utc) ?? LogTimeFormat.local(time.localMilliseconds)
        }
        #expect(text(entries.first) == first)
        #expect(text(entries.last) == last)
    }

    @Test(.enabled(if: LogRealSampleTests.available, "skipped: ../shared/samples/real-logs is absent beside the package"))
    func theDefaultRulesRecogniseTheMessagesMicrosoftPublished() throws {
        // Given the published CMG message texts (message part only), one per line
        let rules = try LogRuleSet.defaults()
        var kinds: [String: Int] = [:]
        for file in ["cloudmgr_maintenance_failure_excerpt.txt", "cmg_request_flow_log_lines.txt", "sms_cloud_proxyconnector_excerpts.txt"] {
            let text = try String(contentsOf: Self.folder.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") where !line.hasPrefix("#") {
                // When each is classified as an entry of a server-format log
                let entry = LogEntry(format: .server, time: nil, localTimeText: nil, severity: .info, component: "",
                                     thread: nil, sourceFile: "", message: String(line), offset: 0, length: 1, line: 1)
                for event in rules.events(for: entry, log: "CloudMgr") { kinds[event.rule, default: 0] += 1 }
            }
        }
        // Then each shape the issue names is recognised
        #expect(kinds["role_instance_state"] == 3)
        #expect(kinds["deployment_start"] == 1)
        #expect(kinds["maintenance_task_faulted"] == 1)
        #expect(kinds["maintenance_task_failed"] == 1)
        #expect(kinds["maintenance_task_retry"] == 1)
        #expect(kinds["proxy_client_certificate_required"] == 2)
        #expect(kinds["proxy_forbidden"] == 2)
        #expect(kinds["proxy_invalid_token"] == 1)
    }
}
