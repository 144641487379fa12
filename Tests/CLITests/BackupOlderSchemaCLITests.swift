import Foundation
import Testing

@Suite("cmg-history db backup of a database an older version wrote")
struct BackupOlderSchemaCLITests {
    @Test func anOlderDatabaseIsBackedUpAsItIsAndReportsStillAskForTheUpgrade() throws {
        // Given a database whose newest migration has not been applied (as an older version leaves it)
        let folder = try ScratchFolder()
        try folder.write("a.ndjson", CLITests.goodLines)
        try #require(try CLIRunner.run(["ingest", "--db", "h.sqlite", "a.ndjson"], in: folder.url).status == 0)
        let downgrade = try CLIRunner.run(["-c", "sqlite3 h.sqlite \"DELETE FROM grdb_migrations WHERE identifier = (SELECT max(identifier) FROM grdb_migrations)\""],
                                          in: folder.url, executable: URL(fileURLWithPath: "/bin/sh"))
        try #require(downgrade.status == 0, "needs the sqlite3 shell: \(downgrade.stderr)")
        let report = try CLIRunner.run(["report", "expiry", "--db", "h.sqlite"], in: folder.url)
        try #require(report.status == 2 && report.stderr.contains("db upgrade"), "\(report.stderr)")
        // When it is backed up before the upgrade
        let backup = try CLIRunner.run(["db", "backup", "copy.sqlite", "--db", "h.sqlite"], in: folder.url)
        // Then the copy is made, holds the same migrations, and the original still asks for the upgrade
        #expect(backup.status == 0, "\(backup.stderr)")
        let count = try CLIRunner.run(["-c", "sqlite3 copy.sqlite 'SELECT count(*) FROM grdb_migrations'; sqlite3 h.sqlite 'SELECT count(*) FROM grdb_migrations'"],
                                      in: folder.url, executable: URL(fileURLWithPath: "/bin/sh"))
        let counts = count.stdout.split(separator: "\n")
        #expect(counts.count == 2 && counts[0] == counts[1], "\(count.stdout)")
        #expect(try CLIRunner.run(["report", "expiry", "--db", "h.sqlite"], in: folder.url).status == 2)
    }
}
