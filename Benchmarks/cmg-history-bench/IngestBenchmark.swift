import CMGHistory
import Foundation

/// Times NDJSON → database with the library's importer, as a user's import would run it:
/// open (create and migrate) the store, import the file, close the store (which checkpoints
/// the WAL into the main file). Then measures the result.
struct IngestBenchmark {
    let dataDirectory: String
    let databasePath: String

    func run() throws {
        let input = dataDirectory + "/history.ndjson"
        guard FileManager.default.fileExists(atPath: input) else {
            throw Options.Problem(description: "no \(input); run `cmg-history-bench generate --out \(dataDirectory) --days N` first")
        }
        let inputBytes = ((try? FileManager.default.attributesOfItem(atPath: input))?[.size] as? Int) ?? 0
        for suffix in ["", "-wal", "-shm", "-journal"] {
            try? FileManager.default.removeItem(atPath: databasePath + suffix)
        }
        let rssBefore = peakResidentBytes()

        let clock = ContinuousClock()
        let started = clock.now
        let summary: ImportSummary
        do {
            let store = try HistoryStore(path: databasePath)
            summary = try NDJSONImporter(store: store).importFile(at: input)
            // `store` is released at the end of this scope: its connections close and the last
            // one checkpoints the WAL into the database file, as the sqlite3 shell does on exit.
        }
        let seconds = (clock.now - started).seconds
        let peak = peakResidentBytes()
        let walLeft = ((try? FileManager.default.attributesOfItem(atPath: databasePath + "-wal"))?[.size] as? Int)

        let records = summary.inserted + summary.duplicates + summary.updated + summary.rejected
        let rate = Double(summary.inserted) / seconds
        print("ingest \(input): \(format(inputBytes)) bytes (\(megabytes(inputBytes))) → \(databasePath)")
        print("  records read    \(format(records))")
        let byType = summary.insertedByType.sorted { $0.key < $1.key }.map { "\($0.key) \(format($0.value))" }.joined(separator: ", ")
        print("  inserted        \(format(summary.inserted))  (\(byType))")
        print("  duplicates      \(format(summary.duplicates)), updated \(format(summary.updated)), rejected \(format(summary.rejected))")
        print("  wall time       \(String(format: "%.3f", seconds)) s  (open + migrate + import + close)")
        print("  records/s       \(format(Int(rate.rounded())))  (\(String(format: "%.1f", Double(inputBytes) / 1_048_576 / seconds)) MB/s of NDJSON)")
        if let peak {
            let before = rssBefore.map { " (\(megabytes($0)) before opening the store)" } ?? ""
            print("  peak RSS        \(megabytes(peak))\(before)")
        } else {
            print("  peak RSS        n/a on this platform")
        }
        if let walLeft { print("  note: \(databasePath)-wal still present after close (\(format(walLeft)) bytes)") }
        for r in summary.rejections.prefix(10) { print("  REJECTED \(r)") }
        if summary.rejected > 10 { print("  … \(format(summary.rejected - 10)) more rejections") }

        let stats = try TableStats.measure(databasePath: databasePath)
        stats.printTable()
        print(stats.resultLine(kind: "ours")
              + " inserted=\(summary.inserted) duplicates=\(summary.duplicates) rejected=\(summary.rejected)"
              + " seconds=\(String(format: "%.6f", seconds)) rate=\(Int(rate.rounded()))"
              + " peak_rss_kb=\((peak ?? 0) / 1024)")
        if summary.rejected > 0 {
            throw Options.Problem(description: "the importer rejected \(summary.rejected) of \(records) generated records (see REJECTED lines above)")
        }
    }
}
