import Foundation
import Testing

/// `--fail-on warning|critical`: exit status 3 when a finding reaches the level, so a scheduled
/// check can alert; the report is printed either way.
@Suite("Monitoring exit codes, run as a process")
struct FailOnCLITests {
    /// A secret 30 days from the as-of instant (warning), storage past its warning level in
    /// October, and 5 minutes of Error on 2026-10-02 among Ready snapshots (99.83 % of two days).
    static let lines: String = {
        var lines = [
            #"{"type":"credential","gateway":"G1","kind":"app_secret","name":"App","expires_at":"2026-12-01T00:00:00Z"}"#,
            #"{"type":"alert_config","gateway":"G1","at":"2026-10-01T00:00:00Z","storage_quota_gb":2,"storage_warning_pct":50,"storage_critical_pct":90}"#,
            #"{"type":"storage","gateway":"G1","at":"2026-10-10T00:00:00Z","used_bytes":1500000000}"#,
        ]
        let start: Int64 = 1_790_812_800  // 2026-10-01T00:00:00Z
        for i in 0..<(2 * 288) {
            let at = start + Int64(i) * 300
            let seconds = at % 86_400, day = (at - start) / 86_400
            let state = day == 1 && seconds == 12 * 3600 ? "Error" : "Ready"
            let date = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(at)))
            lines.append(#"{"type":"status","gateway":"G1","at":"\#(date)","state":"\#(state)","description":""}"#)
        }
        return lines.joined(separator: "\n")
    }()

    func database() throws -> ScratchFolder {
        let folder = try ScratchFolder()
        try folder.write("in.ndjson", Self.lines)
        let ingest = try CLIRunner.run(["ingest", "in.ndjson"], in: folder.url)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        return folder
    }

    @Test func expiryExitsThreeWhenAFindingReachesTheLevel() throws {
        let folder = try database()
        let base = ["report", "expiry", "--as-of", "2026-11-01T00:00:00Z"]
        let plain = try CLIRunner.run(base, in: folder.url)
        #expect(plain.status == 0 && plain.stdout.contains("WARNING"))
        let warning = try CLIRunner.run(base + ["--fail-on", "warning"], in: folder.url)
        #expect(warning.status == 3 && warning.stdout == plain.stdout && warning.stderr.isEmpty)
        #expect(try CLIRunner.run(base + ["--fail-on", "critical"], in: folder.url).status == 0)
        // 14 days before expiry the secret is critical
        let late = ["report", "expiry", "--as-of", "2026-11-17T00:00:00Z", "--fail-on", "critical"]
        #expect(try CLIRunner.run(late, in: folder.url).status == 3)
        let bad = try CLIRunner.run(base + ["--fail-on", "sometimes"], in: folder.url)
        #expect(bad.status != 0 && bad.status != 3 && bad.stderr.contains("sometimes"))
    }

    @Test func capacityAndAvailabilityExitThreeOnTheirFindings() throws {
        let folder = try database()
        let capacity = ["report", "capacity", "--month", "2026-10"]
        // The secret expires 30 days after October (warning) and storage passed its warning level
        #expect(try CLIRunner.run(capacity + ["--fail-on", "warning"], in: folder.url).status == 3)
        #expect(try CLIRunner.run(capacity + ["--fail-on", "critical"], in: folder.url).status == 0)
        #expect(try CLIRunner.run(capacity, in: folder.url).status == 0)
        // One unplanned incident (warning) at 99.83 % over unplanned time (above the 99 % floor)
        let availability = ["report", "availability", "--from", "2026-10-01", "--to", "2026-10-03", "--format", "json"]
        let warning = try CLIRunner.run(availability + ["--fail-on", "warning"], in: folder.url)
        #expect(warning.status == 3 && warning.stdout.contains(#""level" : "warning""#))
        #expect(try CLIRunner.run(availability + ["--fail-on", "critical"], in: folder.url).status == 0)
        // Over a day with only the incident's hour the 5 minutes are 8.3 %: critical
        let hour = ["report", "availability", "--from", "2026-10-02T11:30:00Z", "--to", "2026-10-02T12:30:00Z", "--fail-on", "critical"]
        #expect(try CLIRunner.run(hour, in: folder.url).status == 3)
    }

    @Test func expiryPrintsDaysLeftInEveryFormat() throws {
        let folder = try database()
        for (format, header) in [("table", "days left"), ("csv", "days_left"), ("json", #""days_left" : 30"#),
                                 ("markdown", "days left"), ("html", "days left")] {
            let run = try CLIRunner.run(["report", "expiry", "--as-of", "2026-11-01T00:00:00Z", "--format", format], in: folder.url)
            #expect(run.status == 0 && run.stdout.contains(header), "\(format)")
            #expect(format == "json" || run.stdout.contains("30"), "\(format)")
        }
    }

    @Test func helpDocumentsTheExitStatus() throws {
        let folder = try ScratchFolder()
        for report in ["capacity", "expiry", "availability"] {
            let help = try CLIRunner.run(["report", report, "--help"], in: folder.url)
            #expect(help.stdout.contains("--fail-on") && help.stdout.contains("status 3"), "\(report)")
        }
    }
}
