import Foundation
import Testing

/// The HTML pages as the command line writes them: their charts, and the line saying when and
/// from what each was made (left out with --reproducible).
@Suite("cmg-history HTML pages, run as a process")
struct ChartCLITests {
    @Test func theCapacityPageHasItsMonthChartsAndSaysWhenAndFromWhatItWasMade() throws {
        // Given a demo database whose name holds a secret-looking pair
        let folder = try ScratchFolder()
        let db = "password=hunter2.sqlite"
        try #require(try CLIRunner.run(["demo", "--days", "40", "--db", db], in: folder.url).status == 0)
        // When the capacity page is written
        let page = try CLIRunner.run(["report", "capacity", "--db", db, "--month", "2026-10", "--format", "html",
                                      "--gateway", "GraniteFalls.contoso.com"], in: folder.url)
        // Then it has the month charts of the gateway and the coverage line
        #expect(page.status == 0, "\(page.stderr)")
        for heading in ["Online clients: daily peak and capacity", "Egress per day", "Rolling 14-day egress and its alert levels", "Coverage ("] {
            #expect(page.stdout.contains("<h3>\(heading)"), "\(heading)")
        }
        // And it says when, from which database and with which arguments it was made, the secret redacted
        #expect(page.stdout.contains(" from password=[redacted] with: report capacity --db password=[redacted] --month 2026-10 --format html --gateway GraniteFalls.contoso.com."),
                "\(page.stdout.prefix(2000))")
        #expect(page.stdout.contains("<br>Made 20"))
        #expect(!page.stdout.contains("hunter2"))
        // And --reproducible leaves that line out: two runs give the same bytes
        let args = ["report", "capacity", "--db", db, "--month", "2026-10", "--format", "html", "--reproducible"]
        let first = try CLIRunner.run(args, in: folder.url), second = try CLIRunner.run(args, in: folder.url)
        #expect(!first.stdout.contains("Made 20"))
        #expect(first.stdout == second.stdout)
    }

    @Test func theEgressTrendPageDrawsDailyTotalsAndTheRolling14DaysAgainstItsLevels() throws {
        let folder = try ScratchFolder()
        try #require(try CLIRunner.run(["demo", "--days", "40", "--db", "h.sqlite"], in: folder.url).status == 0)
        let page = try CLIRunner.run(["report", "trend", "--db", "h.sqlite", "--metric", "egress_bytes", "--bucket", "1d",
                                      "--from", "2026-10-01", "--to", "2026-11-01", "--format", "html", "--reproducible"], in: folder.url)
        #expect(page.status == 0, "\(page.stderr)")
        #expect(page.stdout.contains("<h2>Egress, total per day</h2>"))
        #expect(page.stdout.contains("GraniteFalls.contoso.com total</text>"))
        #expect(page.stdout.contains("<h2>Rolling 14-day egress against its alert levels</h2>"))
        #expect(page.stdout.contains("GraniteFalls.contoso.com rolling 14-day egress</text>"))
        #expect(page.stdout.contains("GraniteFalls.contoso.com critical "))
        // The app secret's incident of 2026-10-08 is shaded
        #expect(page.stdout.contains("<title>GraniteFalls.contoso.com: Error"))
    }
}
