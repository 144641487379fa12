import Foundation
import Testing

@Suite("cmg-history timeline --bundle and db recover from a database in a read-only folder")
struct ReadOnlySourceCLITests {
    /// The story database, closed (WAL mode, no -wal left), as a read-only file in a read-only
    /// folder, and a folder anyone may write the results into.
    func lockedStory() throws -> ScratchFolder {
        let folder = try ScratchFolder()
        try folder.write("story.ndjson", TimelineCLITests.story())
        #expect(try CLIRunner.run(["ingest", "--db", "h.sqlite", "story.ndjson"], in: folder.url).status == 0)
        let manager = FileManager.default
        let locked = folder.url.appendingPathComponent("locked")
        let out = folder.url.appendingPathComponent("out")
        try manager.createDirectory(at: locked, withIntermediateDirectories: true)
        try manager.createDirectory(at: out, withIntermediateDirectories: true)
        try manager.moveItem(at: folder.url.appendingPathComponent("h.sqlite"), to: locked.appendingPathComponent("h.sqlite"))
        try manager.setAttributes([.posixPermissions: 0o444], ofItemAtPath: locked.appendingPathComponent("h.sqlite").path)
        try manager.setAttributes([.posixPermissions: 0o555], ofItemAtPath: locked.path)
        try manager.setAttributes([.posixPermissions: 0o777], ofItemAtPath: out.path)
        return folder
    }

    /// Runs the binary as `nobody`: tests run as root here, where permissions stop nothing.
    func asNobody(_ arguments: [String], in folder: ScratchFolder) throws -> CLIRunner.Result {
        try CLIRunner.run(["--reuid=65534", "--regid=65534", "--clear-groups", CLIRunner.binary.path] + arguments,
                          in: folder.url, executable: URL(fileURLWithPath: "/usr/bin/setpriv"))
    }

    /// Today: `locked/h.sqlite: cannot open or create the database: attempt to write a readonly
    /// database`, exit 2, at the extract's attach step, with three of the four files written.
    @Test(.enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")))
    func aBundleIsWrittenFromADatabaseInAReadOnlyFolder() throws {
        // Given a database its reader may not write to, nor beside
        let folder = try lockedStory()
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.url.appendingPathComponent("locked").path) }
        let before = try Data(contentsOf: folder.url.appendingPathComponent("locked/h.sqlite"))
        let window = ["--around", "2026-10-08T14:00:00Z", "--reproducible", "--format", "json"]
        // When a bundle of it is written elsewhere
        let bundle = try asNobody(["timeline", "--db", "locked/h.sqlite", "--bundle", "out/case"] + window, in: folder)
        // Then the bundle is whole and its extract gives the same timeline; the source is unchanged
        #expect(bundle.status == 0, "\(bundle.stderr)")
        let fromExtract = try CLIRunner.run(["timeline", "--db", "out/case/extract.sqlite"] + window, in: folder.url)
        #expect(fromExtract.status == 0, "\(fromExtract.stderr)")
        #expect(fromExtract.stdout.replacingOccurrences(of: "out/case/extract.sqlite", with: "locked/h.sqlite") == bundle.stdout)
        #expect(try Data(contentsOf: folder.url.appendingPathComponent("locked/h.sqlite")) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.appendingPathComponent("locked").path) == ["h.sqlite"])
    }

    /// Today: `out/saved.sqlite: cannot open or create the database: attempt to write a readonly database`.
    @Test(.enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")))
    func aDatabaseInAReadOnlyFolderCanBeRecovered() throws {
        // Given a database on a read-only medium (a mounted backup, a copy from a failed disk)
        let folder = try lockedStory()
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.url.appendingPathComponent("locked").path) }
        // When it is recovered into a writable folder
        let recover = try asNobody(["db", "recover", "out/saved.sqlite", "--db", "locked/h.sqlite"], in: folder)
        // Then the copy holds what the source holds
        #expect(recover.status == 0, "\(recover.stderr)")
        // A fixed instant: "as of now" would differ when the second turns between the two runs.
        let expiry = ["report", "expiry", "--reproducible", "--format", "json", "--as-of", "2026-11-01T00:00:00Z"]
        let source = try asNobody(expiry + ["--db", "locked/h.sqlite"], in: folder)
        let saved = try CLIRunner.run(expiry + ["--db", "out/saved.sqlite"], in: folder.url)
        #expect(source.status == 0 && saved.status == 0 && saved.stdout == source.stdout, "\(source.stderr)\(saved.stderr)")
    }
}
