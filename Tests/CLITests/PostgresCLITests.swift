import Foundation
import Testing

/// `--db postgres://…`: the same commands and figures as on an SQLite file, and errors that name
/// the server without a password.
@Suite("cmg-history on PostgreSQL")
struct PostgresCLITests {
    @Test func anUnreachableServerIsOneErrorLineWithoutThePassword() throws {
        // Given a password file and a URL whose port nothing listens on
        let folder = try ScratchFolder()
        let passwordFile = try folder.write("pw", "hunter2-secret\n")
        _ = try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: passwordFile)

        // When a report is pointed at it
        let result = try CLIRunner.run(["report", "expiry", "--db", "postgres://collector@127.0.0.1:1/cmg?schema=contoso",
                                        "--password-file", passwordFile], in: folder.url)

        // Then one line names the server and schema, and the password appears nowhere
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("error: postgres://collector@127.0.0.1:1/cmg?schema=contoso: "), "\(result.stderr)")
        #expect(result.stderr.filter { $0 == "\n" }.count == 1, "\(result.stderr)")
        #expect(!(result.stdout + result.stderr).contains("hunter2"))
    }

    @Test func aPasswordInTheURLIsRefusedWithoutBeingRepeated() throws {
        let folder = try ScratchFolder()
        let result = try CLIRunner.run(["ingest", "--db", "postgres://collector:hunter2@db.contoso.com/cmg", "-"], in: folder.url, stdin: "")
        #expect(result.status == 2)
        #expect(result.stderr.contains("password"), "\(result.stderr)")
        #expect(!(result.stdout + result.stderr).contains("hunter2"))
    }

    /// Without a server it returns at once: the PostgreSQL suite's one skip line (CMGHistoryTests'
    /// `PostgresTests.theServerAnswers`) says how to run it.
    @Test func theDemoOnPostgresGivesTheReportsOfTheDemoOnSQLite() throws {
        try PostgresCLIServer.withFreshSchema { url in
            // Given the same 20-day demo imported into an SQLite file and into a PostgreSQL schema
            let folder = try ScratchFolder()
            let sqlite = try CLIRunner.run(["demo", "--days", "20", "--db", "demo.sqlite"], in: folder.url)
            let postgres = try CLIRunner.run(["demo", "--days", "20", "--db", url], in: folder.url)
            #expect(sqlite.status == 0, "\(sqlite.stderr)")
            #expect(postgres.status == 0, "\(postgres.stderr)")

            // When each report is asked of both
            for arguments in [["report", "capacity", "--month", "2026-10", "--format", "json"],
                              ["report", "trend", "--metric", "online_clients", "--bucket", "1d", "--format", "json"],
                              ["report", "trend", "--metric", "requests", "--bucket", "1h", "--format", "csv"],
                              ["report", "availability", "--format", "json"], ["report", "expiry", "--format", "json"],
                              ["db", "info", "--format", "json"], ["gateway", "list"]] {
                // The demo ends on 2026-11-01: "now" is then, so the default periods hold its data.
                let reproducible = arguments[0] == "report" ? ["--reproducible", "--now", "2026-11-01T00:00:00Z"] : []
                let onSQLite = try CLIRunner.run(arguments + reproducible + ["--db", "demo.sqlite"], in: folder.url)
                let onPostgres = try CLIRunner.run(arguments + reproducible + ["--db", url], in: folder.url)

                // Then PostgreSQL answers byte for byte what SQLite does
                #expect(onSQLite.status == 0, "\(arguments): \(onSQLite.stderr)")
                #expect(onPostgres.status == onSQLite.status, "\(arguments): \(onPostgres.stderr)")
                if arguments[0] == "report" {
                    #expect(onPostgres.stdout == onSQLite.stdout, "\(arguments) differs on PostgreSQL")
                }
            }
        }
    }
}
