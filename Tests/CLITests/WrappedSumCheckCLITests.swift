import Foundation
import Testing

@Suite("cmg-history db check: rollup sums an older version let wrap past Int64")
struct WrappedSumCheckCLITests {
    /// Versions before the range checks stored three online-client samples of 2^62 in one hour
    /// as a negative sum. Once the raw samples are pruned, comparing rollups with them finds nothing.
    @Test func aWrappedSumIsFoundInEveryRollupEvenWithoutRawSamples() throws {
        // Given a database whose raw samples are pruned, and one hourly rollup sum that wrapped
        let folder = try ScratchFolder()
        #expect(try CLIRunner.run(["demo", "--days", "5", "--end", "2026-10-15T00:00:00Z", "--db", "h.sqlite"], in: folder.url).status == 0)
        #expect(try CLIRunner.run(["db", "prune", "--keep-raw", "3", "--db", "h.sqlite"], in: folder.url).status == 0)
        let wrap = try CLIRunner.run(["-c", """
            sqlite3 h.sqlite "UPDATE rollup_hour SET sum = -4611686018427387904 WHERE gateway_id = 1 AND metric_id = 1 \
            AND hour_start = (SELECT min(hour_start) FROM rollup_hour WHERE gateway_id = 1 AND metric_id = 1); SELECT changes();"
            """], in: folder.url, executable: URL(fileURLWithPath: "/bin/sh"))
        try #require(wrap.stdout == "1\n", "needs the sqlite3 shell: \(wrap.stderr)")
        // When it is checked
        let check = try CLIRunner.run(["db", "check", "--db", "h.sqlite"], in: folder.url)
        // Then it exits 1, naming the rollup, the wrap and what rebuilds it
        #expect(check.status == 1, "\(check.stdout)")
        let problems = check.stdout.split(separator: "\n").filter { $0.hasPrefix("  rollup") && $0.contains(": gateway ") }
        #expect(problems.count == 1, "\(check.stdout)")
        #expect(problems.first?.hasPrefix("  rollup sums: gateway 1 online_clients hour ") == true, "\(check.stdout)")
        #expect(problems.first?.contains("sum -4611686018427387904 is below its largest value") == true)
        #expect(problems.first?.contains("`cmg-history db recover` rebuilds the rollups") == true)
    }
}
