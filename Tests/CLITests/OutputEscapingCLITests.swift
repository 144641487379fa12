import Foundation
import Testing

/// Issue 11's output reproductions: names and messages that a spreadsheet, a Markdown viewer or a
/// terminal would obey.
@Suite("cmg-history outputs: no live formula, no raw HTML, no terminal escape")
struct OutputEscapingCLITests {
    static let formula = #"=HYPERLINK(""http://evil.example"",""x"")"#
    static let html = "<img src=x onerror=alert(1)>"
    static let terminal = "G3\u{1B}]0;owned\u{07}\u{1B}[2J"

    static func statuses(_ gateway: String) throws -> String {
        let name = String(decoding: try JSONEncoder().encode(gateway), as: UTF8.self)
        return (0..<3).map { #"{"type":"status","gateway":\#(name),"at":"2026-10-01T0\#($0):00:00Z","state":"\#($0 == 1 ? "Error" : "Ready")"}"# }
            .joined(separator: "\n") + "\n"
    }

    static let log = #"<![LOG[Connector said "\#u{1B}[31mboom\#u{1B}[0m\#u{07}" for G3]LOG]!><time="01:10:00.000+0" date="10-01-2026" component="CloudMgr" context="" type="3" thread="1" file="">"# + "\r\n"

    @Test func hostileNamesAndMessagesAreShownAsText() throws {
        // Given gateways named like a formula, like HTML and with terminal escapes, and a log message with colours and a bell
        let folder = try ScratchFolder()
        try folder.write("h.ndjson", try Self.statuses(#"=HYPERLINK("http://evil.example","x")"#) + Self.statuses(Self.html) + Self.statuses(Self.terminal))
        try folder.write("CloudMgr.log", Self.log)
        let ingest = try CLIRunner.run(["ingest", "--db", "h.sqlite", "h.ndjson", "CloudMgr.log"], in: folder.url)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let period = ["--db", "h.sqlite", "--from", "2026-10-01", "--to", "2026-10-02"]

        // When the availability report is written as CSV, Markdown and a table
        let csv = try CLIRunner.run(["report", "availability"] + period + ["--format", "csv"], in: folder.url)
        let markdown = try CLIRunner.run(["report", "availability"] + period + ["--format", "markdown"], in: folder.url)
        let table = try CLIRunner.run(["report", "availability"] + period, in: folder.url)
        // Then the formula opens as text, the HTML is escaped, the escapes are visible
        #expect(csv.status == 0 && csv.stdout.contains("\r\n\"'" + Self.formula + "\",total,"), "\(csv.stdout)")
        #expect(!csv.stdout.contains("\r\n\"" + Self.formula))
        #expect(markdown.stdout.contains(#"\<img src=x onerror=alert(1)\>"#) && !markdown.stdout.contains(Self.html), "\(markdown.stdout)")
        #expect(table.stdout.contains(#"G3\u{1B}]0;owned\u{7}\u{1B}[2J"#), "\(table.stdout)")
        // (CSV, like JSON, is data for programs: its cells keep the name as it is.)
        for (format, output) in [("markdown", markdown), ("table", table)] {
            #expect(!output.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, "\(format)")
        }

        // And the timeline and the log listing show the message's escapes instead of sending them
        let timeline = try CLIRunner.run(["timeline", "--db", "h.sqlite", "--from", "2026-10-01T00:00:00Z", "--to", "2026-10-01T03:00:00Z"], in: folder.url)
        let html = try CLIRunner.run(["timeline", "--db", "h.sqlite", "--from", "2026-10-01T00:00:00Z", "--to", "2026-10-01T03:00:00Z",
                                      "--format", "html"], in: folder.url)
        let logs = try CLIRunner.run(["logs", "list", "--db", "h.sqlite"], in: folder.url)
        #expect(timeline.status == 0 && logs.status == 0, "\(timeline.stderr)\(logs.stderr)")
        #expect(timeline.stdout.contains(#"\u{1B}["#) && timeline.stdout.contains("boom"), "\(timeline.stdout)")
        #expect(logs.stdout.contains(#"Connector said "\u{1B}[31mboom\u{1B}[0m\u{7}" for G3"#), "\(logs.stdout)")
        #expect(html.stdout.contains(#"\u{1B}["#) && !html.stdout.contains(Self.html), "\(html.stdout)")
        for output in [timeline, html, logs] {
            #expect(!output.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        }
    }
}
