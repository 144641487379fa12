import Foundation
import Testing

@Suite("cmg-history db check and db recover: a value of the wrong type in a damaged row")
struct DamagedValueCLITests {
    func sh(_ script: String, in folder: ScratchFolder) throws -> CLIRunner.Result {
        try CLIRunner.run(["-c", script], in: folder.url, executable: URL(fileURLWithPath: "/bin/sh"))
    }

    /// A demo database where a damaged page left a blob in an integer key (online clients) and
    /// in an integer count (a state span): what a flipped record-header byte gives. STRICT
    /// forbids such values, so the tables lose STRICT first, as damage to the schema page would.
    func damagedDatabase() throws -> ScratchFolder {
        let folder = try ScratchFolder()
        #expect(try CLIRunner.run(["demo", "--days", "10", "--db", "h.sqlite"], in: folder.url).status == 0)
        let damage = try sh("""
            sqlite3 h.sqlite "PRAGMA writable_schema=ON; UPDATE sqlite_schema SET sql = replace(sql, ') STRICT, WITHOUT ROWID', ') WITHOUT ROWID') \
            WHERE name IN ('online_clients_sample', 'state_span');" && \
            sqlite3 h.sqlite "INSERT INTO online_clients_sample VALUES (1, x'0102030405', 5); \
            UPDATE state_span SET snapshot_count = x'0102' WHERE first_seen_at = (SELECT min(first_seen_at) FROM state_span);"
            """, in: folder)
        try #require(damage.status == 0, "needs the sqlite3 shell: \(damage.stderr)")
        return folder
    }

    /// Today: `Fatal error: … could not decode Int64 from database value Data(5 bytes) - column: "max(\"at\")"`.
    @Test func recoverSkipsABlobKeyInsteadOfTrapping() throws {
        // Given a database with a blob where an instant belongs
        let folder = try damagedDatabase()
        // When it is recovered
        let recover = try CLIRunner.run(["db", "recover", "saved.sqlite", "--db", "h.sqlite"], in: folder.url)
        // Then the recovery completes with every readable online-clients row, the blob one left out
        #expect(recover.status == 0, "\(recover.stderr)")
        let line = recover.stdout.split(separator: "\n").first { $0.hasPrefix("  online_clients_sample ") }
        let numbers = line.map { $0.split(separator: " ").dropFirst().map { $0.replacingOccurrences(of: ",", with: "") } } ?? []
        #expect(numbers.count == 2 && Int(numbers[0]).map { $0 - 1 } == Int(numbers[1]), "\(recover.stdout)")
        #expect(try CLIRunner.run(["db", "check", "--db", "saved.sqlite"], in: folder.url).status == 0)
    }

    /// Today: `Fatal error: … could not decode Int64 from database value Data(2 bytes) - column: "snapshot_count"`.
    @Test func checkReportsAValueOfTheWrongTypeAsAProblem() throws {
        // Given a database with a blob where a state span's snapshot count belongs
        let folder = try damagedDatabase()
        // When it is checked
        let check = try CLIRunner.run(["db", "check", "--db", "h.sqlite"], in: folder.url)
        // Then it exits 1, naming the check that could not read it
        #expect(check.status == 1, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("state spans: could not be read: could not decode Int64 from database value Data(2 bytes)"), "\(check.stdout)")
    }

    /// Today: `Fatal error: … could not decode Int64 from database value NULL - column: "gateway_id"` (found by flipping bytes).
    @Test func dbInfoAndReportsCallAValueOfTheWrongTypeDamage() throws {
        // Given a database with a blob where an instant belongs
        let folder = try damagedDatabase()
        // When db info reads it
        let info = try CLIRunner.run(["db", "info", "--db", "h.sqlite"], in: folder.url)
        // Then it is damage: exit 2, naming the column and db check
        #expect(info.status == 2, "\(info.stdout)\(info.stderr)")
        #expect(info.stderr.hasPrefix("error: h.sqlite is damaged (a stored value is not of its column's type: could not decode Int64 from database value Data(5 bytes)"),
                "\(info.stderr)")
        #expect(info.stderr.contains("db check --db h.sqlite"))
    }

    /// Found by flipping bytes: `Fatal error: … could not decode Int64 from database value "\u{0C}\u{15}O…" - column: "count"`.
    @Test func aTimelineOverADamagedRollupCallsItDamage() throws {
        // Given a database whose last online-clients rollup of a gateway holds text where its count belongs
        let folder = try damagedDatabase()
        let damage = try sh("""
            sqlite3 h.sqlite "PRAGMA writable_schema=ON; UPDATE sqlite_schema SET sql = replace(sql, ') STRICT, WITHOUT ROWID', ') WITHOUT ROWID') \
            WHERE name = 'rollup_hour';" && sqlite3 h.sqlite "UPDATE rollup_hour SET count = 'x' || char(12) WHERE gateway_id = 1 AND metric_id = 1 \
            AND hour_start = (SELECT max(hour_start) FROM rollup_hour WHERE gateway_id = 1 AND metric_id = 1) RETURNING hour_start;"
            """, in: folder)
        let hour = try #require(Int(damage.stdout.trimmingCharacters(in: .whitespacesAndNewlines)), "needs the sqlite3 shell: \(damage.stderr)")
        // When the timeline of that hour is asked for
        let around = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(hour)))
        let timeline = try CLIRunner.run(["timeline", "--around", around, "--db", "h.sqlite"], in: folder.url)
        // Then it is damage: exit 2, naming db check, no timeline printed
        #expect(timeline.status == 2, "\(timeline.stderr)")
        #expect(timeline.stdout.isEmpty)
        #expect(timeline.stderr.hasPrefix("error: h.sqlite is damaged (a stored value is not of its column's type: could not decode Int64"), "\(timeline.stderr)")
    }
}
