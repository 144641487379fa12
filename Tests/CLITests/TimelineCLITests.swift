import Foundation
import Testing

@Suite("cmg-history timeline")
struct TimelineCLITests {
    /// An app secret expiring at 13:37:51, Error from 13:45 until the renewal brings Ready at 14:35.
    static func story() -> String {
        var lines = [
            #"{"type":"credential","gateway":"G1","kind":"app_secret","name":"App","expires_at":"2026-10-08T13:37:51Z"}"#,
            #"{"type":"operation","gateway":"G1","kind":"renew_app_secret","requested_at":"2026-10-08T14:25:00Z","completed_at":"2026-10-08T14:31:00Z","outcome":"succeeded"}"#,
        ]
        for minute in stride(from: 0, to: 240, by: 5) {
            let at = 1_791_460_800 + minute * 60  // from 2026-10-08T12:00:00Z
            let state = at >= 1_791_467_100 && at < 1_791_470_700 ? "Error" : "Ready"
            let time = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(at)))
            lines.append(#"{"type":"status","gateway":"G1","at":"\#(time)","state":"\#(state)"}"#)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func aTimelineIsPrintedReproduciblyAndItsBundleWritten() throws {
        let folder = try ScratchFolder()
        try folder.write("story.ndjson", Self.story())
        #expect(try CLIRunner.run(["ingest", "--db", "h.sqlite", "story.ndjson"], in: folder.url).status == 0)

        let args = ["timeline", "--db", "h.sqlite", "--around", "2026-10-08T14:00:00Z", "--window", "4h", "--format", "json", "--reproducible"]
        let first = try CLIRunner.run(args, in: folder.url)
        let second = try CLIRunner.run(args, in: folder.url)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == second.stdout)
        #expect(first.stdout.contains(#""item_ref" : "credential/1/expired""#) && first.stdout.contains(#""from" : "2026-10-08T12:00:00Z""#))

        // Text on a pipe has no colour; it names the incident and its cause
        let text = try CLIRunner.run(["timeline", "--db", "h.sqlite", "--from", "2026-10-08T12:00:00Z", "--to", "2026-10-08T16:00:00Z",
                                      "--tz", "Europe/Berlin"], in: folder.url)
        #expect(text.status == 0 && !text.stdout.contains("\u{1B}["))
        #expect(text.stdout.contains("2026-10-08 15:37:51 +02:00  2026-10-08 13:37:51Z"))
        #expect(text.stdout.contains("1. [credential] app secret App expired 7 min before the incident started"))

        let bundle = try CLIRunner.run(["timeline", "--db", "h.sqlite", "--around", "2026-10-08T14:00:00Z", "--format", "markdown",
                                        "--bundle", "case"], in: folder.url)
        #expect(bundle.status == 0 && bundle.stdout.hasPrefix("## Timeline"))
        for name in ["timeline.html", "timeline.json", "log-entries.txt", "extract.sqlite"] {
            #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("case/\(name)").path), "\(name)")
        }
        #expect(bundle.stderr.contains("Evidence bundle written"))
    }

    @Test func theWindowMustBeGivenOneWay() throws {
        let folder = try ScratchFolder()
        for (args, message) in [
            (["--from", "2026-10-08"], "Give the window"),
            (["--around", "2026-10-08T14:00:00Z", "--from", "2026-10-08", "--to", "2026-10-09"], "not both"),
            (["--around", "2026-10-08T14:00:00Z", "--window", "six hours"], "--window takes a duration"),
            (["--from", "2026-10-09", "--to", "2026-10-08"], "the period is empty"),
            (["--around", "yesterday"], "--around yesterday is neither a date"),
            (["--around", "2026-10-08T14:00:00Z", "--min-severity", "fatal"], "fatal"),
        ] {
            let result = try CLIRunner.run(["timeline", "--db", "h.sqlite"] + args, in: folder.url)
            #expect(result.status != 0 && result.stderr.contains(message), "\(args): \(result.stderr)")
        }
    }
}
