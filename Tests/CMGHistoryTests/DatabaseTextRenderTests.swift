import Foundation
import Testing
@testable import CMGHistory

/// The `db info`, `db check`, `db prune` and `db recover` texts, rendered from what the store
/// answers for a temporary database.
@Suite("Database maintenance texts")
struct DatabaseTextRenderTests {
    @Test func infoListsTablesAndEachGatewaysDataOrSaysThereIsNone() throws {
        // Given an empty database, and one with a gateway's status
        let folder = try TemporaryFolder()
        let empty = try folder.store("empty.sqlite")
        let store = try folder.store()
        try importNDJSON(#"{"type":"status","gateway":"G1","at":"2026-10-01T00:00:00Z","state":"Ready"}"# + "\n", into: store, folder: folder)
        // When each is rendered
        let none = DatabaseInfoText.render(try empty.info())
        let one = DatabaseInfoText.render(try store.info())
        // Then the empty one says how to fill it, the other names the gateway and its rows
        #expect(none.contains("No gateways yet: import a file with `cmg-history ingest FILE`."), "\(none)")
        #expect(one.hasPrefix("Database \(store.path)\n  schema version "), "\(one)")
        #expect(one.contains("\nGateway G1\n") && one.contains("2026-10-01T00:00:00Z"), "\(one)")
    }

    @Test func checkSaysCleanOrListsEachProblemAndHowToSalvage() throws {
        // Given a clean database's check, and the same check with a problem found
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let clean = try store.check()
        var damaged = clean
        damaged.problems = [StoreCheck.Problem(check: "rollups", problem: "hour 2026-10-01T00:00:00Z of G1 differs")]
        // When each is rendered
        let ok = StoreCheckText.render(clean)
        let bad = StoreCheckText.render(damaged)
        // Then the clean one ends so, the other lists the problem and the recover command
        #expect(ok.hasPrefix("Checked \(store.path):\n") && ok.hasSuffix("No problems found.\n"), "\(ok)")
        #expect(bad.contains("\n1 problem found:\n  rollups: hour 2026-10-01T00:00:00Z of G1 differs\n"), "\(bad)")
        #expect(bad.hasSuffix("cmg-history db recover NEW.sqlite --db \(store.path)\n"))
    }

    @Test func pruneSaysTheHorizonTheRowsPerTableAndTheBytesFreed() throws {
        // Given a database with samples older than the horizon, pruned
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let lines = (1...3).map { #"{"type":"online_clients","gateway":"G1","at":"2026-09-0\#($0)T00:00:00Z","count":5}"# }
        try importNDJSON(lines.joined(separator: "\n") + "\n", into: store, folder: folder)
        let summary = try store.prune(keepDays: 1, now: 1_790_000_000)
        // When it is rendered
        let text = PruneSummaryText.render(summary)
        // Then it names the horizon and the table the rows came from, with its count
        #expect(text.hasPrefix("Raw samples before \(summary.rawKeptFrom) deleted; hourly rollups keep them ("), "\(text)")
        let rows = try #require(summary.deletedRows.first { $0.value > 0 })
        #expect(text.contains(rows.key) && text.contains(NumberFormat.grouped(rows.value)), "\(text)")
        #expect(text.hasSuffix(" freed for reuse inside the file.\n"))
    }

    @Test func recoverTellsRowsPerTableAndWhatToRunNext() throws {
        // Given a database salvaged into a new one
        let folder = try TemporaryFolder()
        let store = try folder.store()
        try importNDJSON(#"{"type":"online_clients","gateway":"G1","at":"2026-10-01T00:00:00Z","count":5}"# + "\n", into: store, folder: folder)
        let summary = try StoreRecovery.recover(from: store.path, to: folder.path("new.sqlite"))
        // When it is rendered
        let text = RecoverySummaryText.render(summary, source: "old.sqlite", destination: "new.sqlite")
        // Then it has a row per table and ends with the check to run
        #expect(text.hasPrefix("Recovered old.sqlite into new.sqlite:\n"), "\(text)")
        #expect(text.contains("online_clients") && text.contains("Rebuilt from the recovered rows: "), "\(text)")
        #expect(text.hasSuffix("Next: cmg-history db check --db new.sqlite\n"))
    }
}

/// The import summary texts `ingest` and `demo` print, from a real import.
@Suite("Import summary texts")
struct ImportSummaryTextTests {
    @Test func theLineCountsAndTheTableListsEachRecordTypeInserted() throws {
        // Given an NDJSON import of two types, one line rejected
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let summary = try importNDJSON("""
            {"type":"status","gateway":"G1","at":"2026-10-01T00:00:00Z","state":"Ready"}
            {"type":"online_clients","gateway":"G1","at":"2026-10-01T00:05:00Z","count":3}
            {"type":"online_clients","gateway":"G1","at":"yesterday","count":3}

            """, into: store, folder: folder)
        // When its texts are rendered
        let line = ImportSummaryText.line(summary)
        let table = ImportSummaryText.insertedByType(summary)
        // Then the line counts, the table has a row per type, and NDJSON has no export details
        #expect(line == "\(folder.path("input.ndjson")) (ndjson): 2 inserted, 0 duplicates, 1 rejected\n", "\(line)")
        #expect(table.hasPrefix("\n  record type") && table.contains("online_clients") && table.contains("status"), "\(table)")
        #expect(ImportSummaryText.exportDetails(summary) == "")
    }
}
