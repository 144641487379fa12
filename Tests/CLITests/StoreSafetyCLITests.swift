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
                        ["logs", "list"], ["logs", "search", "error"], ["logs", "events"], ["db", "info"], ["gateway", "list"]] {
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

    /// Tests run as root here, where permissions stop nothing: the report runs as `nobody`.
    @Test(.enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")))
    func aReportAnswersFromAWALDatabaseInAReadOnlyFolder() throws {
        // Given a WAL-mode database, closed, as a read-only file in a read-only folder
        let folder = try ScratchFolder()
        try folder.write("a.ndjson", Self.lines)
        #expect(try CLIRunner.run(["ingest", "--db", "h.sqlite", "a.ndjson"], in: folder.url).status == 0)
        let locked = folder.url.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: folder.url.appendingPathComponent("h.sqlite"), to: locked.appendingPathComponent("h.sqlite"))
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: locked.appendingPathComponent("h.sqlite").path)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: locked.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: locked.path) }
        let before = try bytes(folder, "locked/h.sqlite")
        // When a report and db info run as a user who may not write there
        for command in [["db", "info"], ["report", "expiry"]] {
            let result = try CLIRunner.run(["--reuid=65534", "--regid=65534", "--clear-groups", CLIRunner.binary.path]
                                           + command + ["--db", "locked/h.sqlite"],
                                           in: folder.url, executable: URL(fileURLWithPath: "/usr/bin/setpriv"))
            // Then they answer, and nothing was written
            #expect(result.status == 0, "\(command): \(result.stderr)")
        }
        #expect(try bytes(folder, "locked/h.sqlite") == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: locked.path) == ["h.sqlite"])
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

    @Test func aFIFOInAnIngestedFolderIsSkippedAndCounted() throws {
        // Given a folder holding an NDJSON file and a FIFO named like a log (reading it would block forever)
        let folder = try ScratchFolder()
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("in"), withIntermediateDirectories: true)
        try folder.write("in/a.ndjson", Self.lines)
        #expect(mkfifo(folder.url.appendingPathComponent("in/CloudMgr.log").path, 0o644) == 0)
        // When the folder is ingested
        let result = try CLIRunner.run(["ingest", "--db", "h.sqlite", "in"], in: folder.url, timeout: 30)
        // Then it ends by itself: the file is read, the FIFO skipped and named
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

@Suite("cmg-history db check, backup, recover: damage is never read silently")
struct DamageCLITests {
    func sh(_ script: String, in folder: ScratchFolder) throws -> CLIRunner.Result {
        try CLIRunner.run(["-c", script], in: folder.url, executable: URL(fileURLWithPath: "/bin/sh"))
    }

    /// Overwrites 2,000 bytes inside one leaf page of `table` (the `index`-th), past its header.
    func corrupt(_ file: String, table: String, index: Int, in folder: ScratchFolder) throws {
        let page = try sh("sqlite3 \(file) \"SELECT pageno FROM dbstat WHERE name = '\(table)' AND pagetype = 'leaf' LIMIT 1 OFFSET \(index)\"", in: folder)
        let number = try #require(Int(page.stdout.trimmingCharacters(in: .whitespacesAndNewlines)), "needs sqlite3 with dbstat: \(page.stderr)")
        let handle = try #require(FileHandle(forUpdatingAtPath: folder.url.appendingPathComponent(file).path))
        try handle.seek(toOffset: UInt64((number - 1) * 4096 + 100))
        try handle.write(contentsOf: Data(repeating: 0xAB, count: 2000))
        try handle.close()
    }

    func rows(_ output: String, _ table: String) -> (source: Int, recovered: Int)? {
        guard let line = output.split(separator: "\n").first(where: { $0.split(separator: " ").first.map(String.init) == table }) else { return nil }
        let numbers = line.split(separator: " ").dropFirst().compactMap { Int($0.replacingOccurrences(of: ",", with: "")) }
        return numbers.count == 2 ? (numbers[0], numbers[1]) : nil
    }

    @Test func aDamagedPageIsFoundRefusedByReportsAndSalvagedIntoANewDatabase() throws {
        // Given a demo database, backed up, and a copy with a damaged rollup page and a damaged raw-sample page
        let folder = try ScratchFolder()
        #expect(try CLIRunner.run(["demo", "--days", "35", "--db", "d.sqlite"], in: folder.url).status == 0)
        let backup = try CLIRunner.run(["db", "backup", "good.sqlite", "--db", "d.sqlite"], in: folder.url)
        #expect(backup.status == 0, "\(backup.stderr)")
        #expect(try CLIRunner.run(["db", "backup", "good.sqlite", "--db", "d.sqlite"], in: folder.url).stderr
                == "error: good.sqlite exists already; backup and recover write only a new file, never over one. Give a new path.\n")
        #expect(try sh("cp good.sqlite bad.sqlite", in: folder).status == 0)
        for index in stride(from: 0, to: 60, by: 6) { try corrupt("bad.sqlite", table: "rollup_hour", index: index, in: folder) }
        try corrupt("bad.sqlite", table: "online_clients_sample", index: 10, in: folder)
        let month = ["report", "capacity", "--month", "2026-10", "--format", "json", "--reproducible"]

        // When it is checked: exit 1, naming the damage
        let check = try CLIRunner.run(["db", "check", "--db", "bad.sqlite"], in: folder.url)
        #expect(check.status == 1)
        #expect(check.stdout.contains("problems found:") && check.stdout.contains("integrity_check: On tree page"))
        #expect(check.stdout.contains("cmg-history db recover NEW.sqlite --db bad.sqlite"))
        // … a report that reads the damaged pages refuses, exit 2, naming db check and db recover
        let report = try CLIRunner.run(month + ["--db", "bad.sqlite"], in: folder.url)
        #expect(report.status == 2)
        #expect(report.stdout.isEmpty)
        #expect(report.stderr.hasPrefix("error: bad.sqlite is damaged (SQLite error 11: database disk image is malformed); "
                                        + "run `cmg-history db check --db bad.sqlite` to see what is wrong; `cmg-history db recover DEST --db bad.sqlite` salvages"))
        // … and recovered: a new database with most rows, clean, giving the good file's report
        let recover = try CLIRunner.run(["db", "recover", "saved.sqlite", "--db", "bad.sqlite"], in: folder.url)
        #expect(recover.status == 0, "\(recover.stderr)")
        let clients = try #require(rows(recover.stdout, "online_clients_sample"), "\(recover.stdout)")
        #expect(clients.recovered < clients.source || clients.source == 0)
        #expect(clients.recovered * 100 >= clients.source * 95, "\(clients)")
        #expect(rows(recover.stdout, "endpoint_traffic_sample").map { $0.source == $0.recovered } == true)
        #expect(try CLIRunner.run(["db", "check", "--db", "saved.sqlite"], in: folder.url).status == 0)
        #expect(try CLIRunner.run(["db", "recover", "saved.sqlite", "--db", "bad.sqlite"], in: folder.url).status == 2)
        // A fixed instant: "as of now" would differ when the second turns between the two runs.
        let expiry = ["report", "expiry", "--reproducible", "--as-of", "2026-11-01T00:00:00Z"]
        let good = try CLIRunner.run(expiry + ["--db", "good.sqlite"], in: folder.url)
        let saved = try CLIRunner.run(expiry + ["--db", "saved.sqlite"], in: folder.url)
        #expect(good.status == 0 && saved.stdout == good.stdout)
        // The damaged file itself was only read
        #expect(try CLIRunner.run(["db", "check", "--db", "good.sqlite"], in: folder.url).stdout.hasSuffix("No problems found.\n"))
    }

    @Test func aBackupTakenWhileAnImportRunsIsConsistent() throws {
        // Given a database, and a large import into it running
        let folder = try ScratchFolder()
        #expect(try CLIRunner.run(["demo", "--days", "60", "--db", "source.sqlite"], in: folder.url).status == 0)
        try folder.write("a.ndjson", CLITests.goodLines)
        #expect(try CLIRunner.run(["ingest", "--db", "live.sqlite", "a.ndjson"], in: folder.url).status == 0)
        let url = folder.url
        let importing = DispatchGroup()
        importing.enter()
        DispatchQueue.global().async {
            _ = try? CLIRunner.run(["ingest", "--db", "live.sqlite", "source.demo.ndjson"], in: url)
            importing.leave()
        }
        usleep(300_000)
        // When it is backed up meanwhile
        let backup = try CLIRunner.run(["db", "backup", "copy.sqlite", "--db", "live.sqlite"], in: folder.url)
        importing.wait()
        // Then the copy is a clean CMG History database
        #expect(backup.status == 0, "\(backup.stderr)")
        let check = try CLIRunner.run(["db", "check", "--db", "copy.sqlite"], in: folder.url)
        #expect(check.status == 0, "\(check.stdout)")
    }

    /// quick_check runs only for a log no process is using: not on every report while an import runs.
    @Test func aReportChecksALogLeftByADeadWriterButNotOneInUse() throws {
        // Given a database with a damaged page no report reads, and a live writer holding a log of frames
        let folder = try ScratchFolder()
        #expect(try CLIRunner.run(["demo", "--days", "10", "--db", "d.sqlite"], in: folder.url).status == 0)
        try corrupt("d.sqlite", table: "connection_point_status", index: 3, in: folder)
        let url = folder.url
        let holding = DispatchGroup()
        holding.enter()
        DispatchQueue.global().async {
            _ = try? CLIRunner.run(["-c", "(echo \"INSERT INTO metric(id, name) VALUES (99, 'held');\"; sleep 4) | sqlite3 d.sqlite"],
                                   in: url, executable: URL(fileURLWithPath: "/bin/sh"))
            holding.leave()
        }
        let deadline = Date().addingTimeInterval(3)
        while ((try? FileManager.default.attributesOfItem(atPath: url.appendingPathComponent("d.sqlite-wal").path))?[.size] as? Int ?? 0) == 0,
              Date() < deadline { usleep(10_000) }
        // … and a copy of the file and its log, as a crash leaves them
        #expect(try sh("cp d.sqlite crashed.sqlite && cp d.sqlite-wal crashed.sqlite-wal", in: folder).status == 0)
        // When a report reads each
        let live = try CLIRunner.run(["report", "expiry", "--db", "d.sqlite"], in: folder.url)
        let crashed = try CLIRunner.run(["report", "expiry", "--db", "crashed.sqlite"], in: folder.url)
        holding.wait()
        // Then the live one answers (an import at work is not a crash), the crashed one is checked and refused
        #expect(live.status == 0, "\(live.stderr)")
        #expect(crashed.status == 2)
        #expect(crashed.stderr.contains("crashed.sqlite is damaged ("), "\(crashed.stderr)")
    }

    @Test func aCorruptHeaderIsDamageWithExitTwoNotOne() throws {
        // Given a database whose first page is overwritten past the SQLite magic (today: `SQLite error 11`, exit 1)
        let folder = try ScratchFolder()
        try folder.write("a.ndjson", CLITests.goodLines)
        #expect(try CLIRunner.run(["ingest", "--db", "h.sqlite", "a.ndjson"], in: folder.url).status == 0)
        let handle = try #require(FileHandle(forUpdatingAtPath: folder.url.appendingPathComponent("h.sqlite").path))
        try handle.seek(toOffset: 100)
        try handle.write(contentsOf: Data(repeating: 0xFF, count: 3900))
        try handle.close()
        // When a report reads it
        let report = try CLIRunner.run(["report", "expiry", "--db", "h.sqlite"], in: folder.url)
        // Then it is damage: exit 2, naming db check
        #expect(report.status == 2)
        #expect(report.stderr.contains("h.sqlite is damaged (") && report.stderr.contains("db check --db h.sqlite"), "\(report.stderr)")
        // … and db check, which cannot even read the schema, says so with exit 2 (could not check)
        let check = try CLIRunner.run(["db", "check", "--db", "h.sqlite"], in: folder.url)
        #expect(check.status == 2, "\(check.stdout)")
        #expect(check.stderr.contains("h.sqlite is damaged ("), "\(check.stderr)")
    }
}
