import Foundation
import Testing

@Suite("cmg-history: foreign files, read-only commands, first-open races, bundles")
struct StoreSafetyCLITests {
    static let lines = CLITests.goodLines

    func bytes(_ folder: ScratchFolder, _ name: String) throws -> Data {
        try Data(contentsOf: folder.url.appendingPathComponent(name))
    }

    func exists(_ folder: ScratchFolder, _ name: String) -> Bool {
        FileManager.default.fileExists(atPath: folder.url.appendingPathComponent(name).path)
    }

    @Test func everyReadCommandOnAMistypedPathFailsAndCreatesNothing() throws {
        // Given a folder without the database (a scheduled check run from the wrong folder)
        let folder = try ScratchFolder()
        for command in [["report", "expiry"], ["report", "capacity", "--month", "2026-10"], ["timeline", "--around", "2026-10-08T14:00:00Z"],
                        ["logs", "list"], ["logs", "search", "error"], ["logs", "events"], ["db", "info"]] {
            // When a read command runs on it
            let result = try CLIRunner.run(command + ["--db", "typo.sqlite"], in: folder.url)
            // Then it exits 2, naming the path and how to create it, and no file appears
            #expect(result.status == 2, "\(command)")
            #expect(result.stdout.isEmpty, "\(command)")
            #expect(result.stderr == "error: typo.sqlite: no database at this path (reports and other read commands never create one). "
                    + "Create it with `cmg-history ingest FILE --db typo.sqlite`, or try `cmg-history demo --db typo.sqlite`.\n", "\(command)")
            #expect(!exists(folder, "typo.sqlite"), "\(command)")
        }
    }

    @Test func anotherProgramsDatabaseIsRefusedByIngestAndReportsAndLeftUntouched() throws {
        // Given another program's SQLite file, in WAL mode, closed
        let folder = try ScratchFolder()
        try folder.write("a.ndjson", Self.lines)
        let setup = try CLIRunner.run(["-c", "sqlite3 app.db 'PRAGMA journal_mode=WAL; CREATE TABLE customer(id INTEGER PRIMARY KEY); INSERT INTO customer VALUES (1);'"],
                                      in: folder.url, executable: URL(fileURLWithPath: "/bin/sh"))
        try #require(setup.status == 0, "needs the sqlite3 shell: \(setup.stderr)")
        let before = try bytes(folder, "app.db")
        // When an ingest and a report are pointed at it
        for command in [["ingest", "a.ndjson"], ["report", "expiry"]] {
            let result = try CLIRunner.run(command + ["--db", "app.db"], in: folder.url)
            // Then each says what the file is, exits 2, and the file is as it was, with no -wal or -shm
            #expect(result.status == 2)
            #expect(result.stderr.hasPrefix("error: app.db: not a CMG History database: an SQLite database of another program (tables: customer). The file was not changed."))
        }
        #expect(try bytes(folder, "app.db") == before)
        #expect(!exists(folder, "app.db-wal") && !exists(folder, "app.db-shm"))
    }

    @Test func aReportReadsWithoutChangingTheDatabase() throws {
        // Given a database written by an ingest
        let folder = try ScratchFolder()
        try folder.write("a.ndjson", Self.lines)
        #expect(try CLIRunner.run(["ingest", "--db", "h.sqlite", "a.ndjson"], in: folder.url).status == 0)
        let before = try bytes(folder, "h.sqlite")
        // When reports and db info read it
        for command in [["report", "expiry"], ["db", "info"], ["logs", "list"]] {
            let result = try CLIRunner.run(command + ["--db", "h.sqlite"], in: folder.url)
            #expect(result.status == 0, "\(command): \(result.stderr)")
        }
        // Then the database file's bytes are the same
        #expect(try bytes(folder, "h.sqlite") == before)
    }

    @Test func aDirectoryAsTheDatabaseIsNamedAsOne() throws {
        let folder = try ScratchFolder()
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("data"), withIntermediateDirectories: true)
        try folder.write("a.ndjson", Self.lines)
        for command in [["ingest", "a.ndjson"], ["report", "expiry"]] {
            let result = try CLIRunner.run(command + ["--db", "data"], in: folder.url)
            #expect(result.status == 2)
            #expect(result.stderr == "error: data is a directory, not a database file. Point --db at a file, such as data/cmg-history.sqlite.\n")
        }
    }

    /// Today 4 of 20 tries failed with `duplicate column name`, `table log_file already exists`
    /// or `UNIQUE constraint failed: grdb_migrations.identifier`.
    @Test func twoIngestsAndAReportOnANewPathAllSucceed() throws {
        let folder = try ScratchFolder()
        try folder.write("a.ndjson", Self.lines)
        let trials = 20
        for trial in 0..<trials {
            // Given a new path
            let db = "race-\(trial).sqlite"
            let path = folder.url.appendingPathComponent(db).path
            // When two ingests start at once, and a report as soon as the file appears
            let box = ResultsBox()
            let url = folder.url
            DispatchQueue.concurrentPerform(iterations: 3) { index in
                if index == 2 {
                    let deadline = Date().addingTimeInterval(10)
                    while !FileManager.default.fileExists(atPath: path), Date() < deadline { usleep(200) }
                }
                let arguments = index < 2 ? ["ingest", "--db", db, "a.ndjson"] : ["report", "expiry", "--db", db]
                let result = try? CLIRunner.run(arguments, in: url)
                box.set(index, result)
            }
            let results = box.results
            // Then all three exit 0, and the rows are stored once
            for (index, result) in results.enumerated() {
                #expect(result?.status == 0, "trial \(trial), process \(index): \(result?.stderr ?? "did not run")")
            }
            let inserted = results.prefix(2).compactMap { $0?.stdout }.map { $0.contains("3 inserted") }
            #expect(inserted.filter { $0 }.count == 1, "trial \(trial): \(results.prefix(2).compactMap { $0?.stdout })")
        }
    }

    // MARK: - Bundles

    static let story = TimelineCLITests.story()
    static let window = ["--around", "2026-10-08T14:00:00Z", "--reproducible"]

    func ingestedStory() throws -> ScratchFolder {
        let folder = try ScratchFolder()
        try folder.write("story.ndjson", Self.story)
        #expect(try CLIRunner.run(["ingest", "--db", "h.sqlite", "story.ndjson"], in: folder.url).status == 0)
        return folder
    }

    @Test func aBundleIntoTheFolderOfItsOwnDatabaseIsRefusedAndTheSourceKept() throws {
        // Given an extract made by a first bundle, opened as the README suggests
        let folder = try ingestedStory()
        #expect(try CLIRunner.run(["timeline", "--db", "h.sqlite", "--bundle", "e"] + Self.window, in: folder.url).status == 0)
        let extract = try bytes(folder, "e/extract.sqlite")
        // When a bundle of the extract is written into the folder holding it, even spelled otherwise and with --force
        for spelling in ["e", "e/", "./e/../e"] {
            let result = try CLIRunner.run(["timeline", "--db", "e/extract.sqlite", "--bundle", spelling, "--force"] + Self.window, in: folder.url)
            // Then it is refused, exit 2, and the extract is byte-identical
            #expect(result.status == 2, "\(spelling)")
            #expect(result.stderr.contains("holds the database this timeline reads (e/extract.sqlite)"), "\(spelling): \(result.stderr)")
        }
        #expect(try bytes(folder, "e/extract.sqlite") == extract)
    }

    @Test func aBundleRefusesANonEmptyFolderUnlessForced() throws {
        let folder = try ingestedStory()
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("case"), withIntermediateDirectories: true)
        try folder.write("case/notes.txt", "mine")
        let refused = try CLIRunner.run(["timeline", "--db", "h.sqlite", "--bundle", "case"] + Self.window, in: folder.url)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("case: already holds 1 file. Give --bundle a new folder, or add --force"))
        #expect(!exists(folder, "case/timeline.html"))
        let forced = try CLIRunner.run(["timeline", "--db", "h.sqlite", "--bundle", "case", "--force"] + Self.window, in: folder.url)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(exists(folder, "case/timeline.html"))
        #expect(try String(decoding: bytes(folder, "case/notes.txt"), as: UTF8.self) == "mine")
    }

    @Test func aSymlinkPlantedUnderABundleFileNameIsReplacedNotFollowed() throws {
        // Given a bundle folder where timeline.html and extract.sqlite are links to files elsewhere
        let folder = try ingestedStory()
        try folder.write("precious.txt", "do not overwrite")
        try folder.write("precious.db", "nor this")
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("case"), withIntermediateDirectories: true)
        for (link, target) in [("timeline.html", "precious.txt"), ("extract.sqlite", "precious.db")] {
            try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent("case/\(link)").path,
                                                       withDestinationPath: folder.url.appendingPathComponent(target).path)
        }
        // When the bundle is written there
        let result = try CLIRunner.run(["timeline", "--db", "h.sqlite", "--bundle", "case", "--force"] + Self.window, in: folder.url)
        // Then the link targets are untouched and the bundle files are regular files
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try String(decoding: bytes(folder, "precious.txt"), as: UTF8.self) == "do not overwrite")
        #expect(try String(decoding: bytes(folder, "precious.db"), as: UTF8.self) == "nor this")
        for name in ["timeline.html", "extract.sqlite"] {
            let type = try FileManager.default.attributesOfItem(atPath: folder.url.appendingPathComponent("case/\(name)").path)[.type] as? FileAttributeType
            #expect(type == .typeRegular, "\(name)")
        }
        #expect(try CLIRunner.run(["report", "expiry", "--db", "case/extract.sqlite"], in: folder.url).status == 0)
    }

    // MARK: - Special files

    @Test(.timeLimit(.minutes(1)))
    func aFIFOInAnIngestedFolderIsSkippedAndCounted() throws {
        // Given a folder holding an NDJSON file and a FIFO named like a log (reading it would block forever)
        let folder = try ScratchFolder()
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("in"), withIntermediateDirectories: true)
        try folder.write("in/a.ndjson", Self.lines)
        #expect(mkfifo(folder.url.appendingPathComponent("in/CloudMgr.log").path, 0o644) == 0)
        // When the folder is ingested
        let result = try CLIRunner.run(["ingest", "--db", "h.sqlite", "in"], in: folder.url)
        // Then the file is read, the FIFO skipped and named
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("in/a.ndjson (ndjson): 3 inserted"))
        #expect(result.stdout.contains("1 special file in folders skipped (FIFOs, devices or sockets): in/CloudMgr.log"))
    }
}

/// The results of processes run on several threads at once.
private final class ResultsBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored = [CLIRunner.Result?](repeating: nil, count: 3)

    func set(_ index: Int, _ result: CLIRunner.Result?) { lock.withLock { stored[index] = result } }
    var results: [CLIRunner.Result?] { lock.withLock { stored } }
}
