import Foundation
import Testing

/// A damaged page (or a crafted file) can hold NULL or a blob where the schema says text or
/// integer. Every read command meeting one must call the file damaged (exit 2, naming `db check`),
/// never trap in GRDB's `row[i]` (`Fatal error: could not decode …`, a signal, a backtrace).
@Suite("Reports, timeline and logs: a stored value of the wrong type is damage, never a trap")
struct DamagedReadCLITests {
    /// Every read command over the demo's days and the log's entries (2026-10-02 05:00Z).
    static let commands: [(name: String, arguments: [String])] = [
        ("capacity", ["report", "capacity", "--month", "2026-10"]),
        ("trend", ["report", "trend", "--metric", "online_clients", "--from", "2026-09-30", "--to", "2026-10-03"]),
        ("availability", ["report", "availability", "--from", "2026-09-30", "--to", "2026-10-03"]),
        ("expiry", ["report", "expiry"]),
        ("timeline", ["timeline", "--around", "2026-10-02T05:00:00Z"]),
        ("logs list", ["logs", "list"]),
        ("logs events", ["logs", "events"]),
    ]

    struct Damage: Sendable, CustomTestStringConvertible {
        var table: String
        var update: String
        /// The commands that read the damaged value: each must exit 2; the others exit 0.
        var readers: Set<String>
        var testDescription: String { update }
    }

    /// One wrong value per case, each where a read of the reports, timeline or logs used `row[…]`
    /// (each trapped before: `Fatal error: … could not decode …`).
    static let damages: [Damage] = [
        Damage(table: "gateway", update: "UPDATE gateway SET name = x'ff' WHERE id = 1",
               readers: ["capacity", "trend", "availability", "expiry", "timeline"]),
        Damage(table: "credential", update: "UPDATE credential SET expires_at = x'00' WHERE id = (SELECT min(id) FROM credential)",
               readers: ["capacity", "expiry", "timeline"]),
        Damage(table: "credential", update: "UPDATE credential SET thumbprint = NULL", readers: ["capacity", "expiry", "timeline"]),
        // Capacity and availability read stop requests' outcomes: planned downtime is told apart.
        Damage(table: "operation", update: "UPDATE operation SET outcome = NULL",
               readers: ["capacity", "trend", "availability", "expiry", "timeline"]),
        Damage(table: "state_span", update: "UPDATE state_span SET state_code = x'00'", readers: ["capacity", "availability", "timeline"]),
        Damage(table: "alert_config", update: "UPDATE alert_config SET egress_threshold_bytes = x'00'", readers: ["capacity"]),
        Damage(table: "gateway_config", update: "UPDATE gateway_config SET instances = x'00'", readers: ["capacity", "timeline"]),
        Damage(table: "connection_point_status", update: "UPDATE connection_point_status SET status = x'00'", readers: ["timeline"]),
        Damage(table: "egress_sample", update: "UPDATE egress_sample SET bytes = x'00'", readers: ["capacity"]),
        Damage(table: "log_entry", update: "UPDATE log_entry SET severity = x'00'", readers: ["timeline", "logs list", "logs events"]),
        Damage(table: "log_entry", update: "UPDATE log_entry SET message = NULL", readers: ["timeline", "logs list", "logs events"]),
        Damage(table: "log_file", update: "UPDATE log_file SET path = NULL", readers: ["timeline", "logs list"]),
        Damage(table: "log_event", update: "UPDATE log_event SET kind = NULL", readers: ["logs events"]),
    ]

    func sh(_ script: String, in folder: ScratchFolder) throws -> CLIRunner.Result {
        try CLIRunner.run(["-c", script], in: folder.url, executable: URL(fileURLWithPath: "/bin/sh"))
    }

    /// Three demo days and a CloudMgr log, then `damage` written as damage would: the table
    /// loses STRICT and its NOT NULLs first (a STRICT table refuses such values), as a damaged
    /// schema page would allow.
    func damagedDatabase(_ damage: Damage) throws -> ScratchFolder {
        let folder = try ScratchFolder()
        try #require(try CLIRunner.run(["demo", "--days", "3", "--end", "2026-10-03T00:00:00Z", "--db", "h.sqlite"], in: folder.url).status == 0)
        try folder.write("CloudMgr.log", LogsCLITests.cloudMgr)
        try #require(try CLIRunner.run(["ingest", "CloudMgr.log", "--db", "h.sqlite"], in: folder.url).status == 0)
        let result = try sh("""
            sqlite3 h.sqlite "PRAGMA writable_schema=ON; UPDATE sqlite_schema SET sql = \
            replace(replace(replace(sql, ') STRICT', ')'), ' NOT NULL,', ','), ' NOT NULL ', ' ') \
            WHERE type = 'table' AND name = '\(damage.table)';" && \
            sqlite3 h.sqlite "PRAGMA ignore_check_constraints=ON; \(damage.update); SELECT changes();"
            """, in: folder)
        try #require(result.status == 0, "needs the sqlite3 shell: \(result.stderr)")
        try #require((Int(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) > 0, "the damage changed no row")
        return folder
    }

    @Test(arguments: damages)
    func everyReadCommandCallsAWrongTypedValueDamage(_ damage: Damage) throws {
        // Given a database holding one value of the wrong type
        let folder = try damagedDatabase(damage)
        for (name, arguments) in Self.commands {
            // When each read command runs on it
            let result = try CLIRunner.run(arguments + ["--db", "h.sqlite"], in: folder.url)
            // Then none traps; those that read the value exit 2 naming the damage and db check,
            // printing nothing; the others answer as usual
            #expect(!result.stderr.contains("Fatal error"), "\(name): \(result.stderr)")
            if damage.readers.contains(name) {
                #expect(result.status == 2, "\(name): exit \(result.status) \(result.stderr)")
                #expect(result.stderr.hasPrefix("error: h.sqlite is damaged (a stored value is not of its column's type: could not decode "),
                        "\(name): \(result.stderr)")
                #expect(result.stderr.contains("run `cmg-history db check --db h.sqlite`"), "\(name): \(result.stderr)")
                #expect(result.stdout.isEmpty, "\(name): \(result.stdout)")
            } else {
                #expect(result.status == 0, "\(name): exit \(result.status) \(result.stderr)")
            }
        }
    }

    /// Imports read stored rows too (an operation's stored outcome, the last state span to extend).
    @Test func anImportMeetingAWrongTypedStoredValueCallsItDamage() throws {
        // Given a stored operation with NULL where its outcome belongs
        let folder = try damagedDatabase(Damage(table: "operation", update: "UPDATE operation SET outcome = NULL", readers: []))
        let operation = try #require(try String(contentsOf: folder.url.appendingPathComponent("h.demo.ndjson"), encoding: .utf8)
            .split(separator: "\n").first { $0.contains(#""type":"operation""#) })
        try folder.write("again.ndjson", String(operation) + "\n")
        // When the same operation is imported again
        let ingest = try CLIRunner.run(["ingest", "again.ndjson", "--db", "h.sqlite"], in: folder.url)
        // Then the import stops at the damage: exit 2, naming db check, no trap
        #expect(ingest.status == 2, "\(ingest.stderr)")
        #expect(ingest.stderr.hasPrefix("error: h.sqlite is damaged (a stored value is not of its column's type: could not decode String from database value NULL"),
                "\(ingest.stderr)")
    }
}
