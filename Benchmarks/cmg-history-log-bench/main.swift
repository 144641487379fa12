// cmg-history-log-bench: a generated CMTrace log, parsed and ingested.
//
//   cmg-history-log-bench generate --out FILE [--mb 100] [--seed 1] [--shape cmgservice|site-server]
//                                             cmgservice: a CMG's CMTrace CMGService.log; site-server:
//                                             server-format CloudMgr.log and SMS_Cloud_ProxyConnector.log
//                                             lines (longer messages, more rule hits)
//   cmg-history-log-bench parse FILE          parse-only MB/s (whole file in memory, entries materialised)
//   cmg-history-log-bench ingest FILE --db PATH
//                                             end-to-end entries/s into a new database, with the
//                                             full-text index and default rules, and peak RSS
//   cmg-history-log-bench ingest FILE --db postgres://USER@HOST:PORT/DB?schema=S
//                                             the same into schema S of a PostgreSQL server, dropped
//                                             and created anew (password from PGPASSWORD), through
//                                             the same HistoryStore and LogIngester
//
// `Benchmarks/logs.sh` drives these and times `grep -c` over the same file as the I/O floor.
@_spi(Benchmarks) import CMGHistory
import Foundation

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("cmg-history-log-bench: \(message)\n".utf8))
    exit(1)
}

func option(_ name: String, _ args: [String]) -> String? {
    guard let i = args.firstIndex(of: "--" + name), i + 1 < args.count else { return nil }
    return args[i + 1]
}

func seconds(_ d: Swift.Duration) -> Double {
    let (s, attos) = d.components
    return Double(s) + Double(attos) / 1e18
}

/// Peak resident set size in MB (Linux: VmHWM), or nil elsewhere.
func peakRSSMegabytes() -> Double? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        if fields.count >= 2, let kb = Double(fields[1]) { return kb / 1024 }
    }
    return nil
}

let args = Array(CommandLine.arguments.dropFirst())
guard let command = args.first else {
    fail("usage: generate --out FILE [--mb N] [--seed S] [--shape cmgservice|site-server] | parse FILE | ingest FILE --db PATH")
}
let clock = ContinuousClock()

switch command {
case "generate":
    guard let out = option("out", args) else { fail("generate needs --out FILE") }
    let mb = Int(option("mb", args) ?? "100") ?? 100
    let seed = UInt64(option("seed", args) ?? "1") ?? 1
    let bytes: Int, entries: Int
    switch option("shape", args) ?? "cmgservice" {
    case "cmgservice":
        var generator = LogGenerator(seed: seed)
        (bytes, entries) = try generator.write(to: out, megabytes: mb)
    case "site-server":
        var generator = SiteServerLogGenerator(seed: seed)
        (bytes, entries) = try generator.write(to: out, megabytes: mb)
    case let other:
        fail("--shape \(other) is not cmgservice or site-server")
    }
    print("generated \(out): \(bytes) bytes, \(entries) entries")
case "parse":
    guard args.count >= 2, let data = FileManager.default.contents(atPath: args[1]) else { fail("parse needs a readable FILE") }
    let bytes = [UInt8](data)
    var best = Double.infinity
    var result = (entries: 0, checksum: Int64(0))
    for _ in 0..<3 {
        let started = clock.now
        result = bytes.withUnsafeBufferPointer { LogParser.measure($0) }
        best = min(best, seconds(clock.now - started))
    }
    let mbs = Double(bytes.count) / 1_000_000 / best
    print("parse \(args[1]): \(bytes.count) bytes, \(result.entries) entries, best of 3: \(String(format: "%.3f", best)) s, "
          + "\(String(format: "%.0f", mbs)) MB/s, \(String(format: "%.0f", Double(result.entries) / best)) entries/s (checksum \(result.checksum))")
    print("RESULT parse seconds=\(best) mb_per_s=\(mbs) entries=\(result.entries)")
case "classify":
    // Parse, then run the default rules over every entry: the ingest's work before the database.
    guard args.count >= 2, let data = FileManager.default.contents(atPath: args[1]) else { fail("classify needs a readable FILE") }
    let started = clock.now
    let entries = LogParser.entries(in: [UInt8](data))
    let parsed = clock.now
    let events = try LogParser.classify(entries, rules: LogRuleSet.defaults(), log: "CMGService")
    let done = clock.now
    print("classify \(args[1]): \(entries.count) entries, parse \(String(format: "%.3f", seconds(parsed - started))) s, "
          + "rules \(String(format: "%.3f", seconds(done - parsed))) s (\(String(format: "%.0f", Double(entries.count) / seconds(done - parsed))) entries/s), \(events) events")
case "ingest":
    guard args.count >= 2, let db = option("db", args) else { fail("ingest needs FILE --db PATH") }
    if db.hasPrefix("postgres://") {
        try ingestIntoPostgres(file: args[1], url: db)
        exit(0)
    }
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
    let file = args[1]
    let size = ((try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? NSNumber)?.int64Value ?? 0
    let started = clock.now
    let summary: LogIngestSummary
    do {
        let store = try HistoryStore(path: db)
        summary = try LogIngester(store: store, rules: try LogRuleSet.defaults(), now: 1_900_000_000).ingestFile(at: file)
    }
    let elapsed = seconds(clock.now - started)
    let rate = Double(summary.counts.inserted) / elapsed
    let dbBytes = ((try? FileManager.default.attributesOfItem(atPath: db))?[.size] as? NSNumber)?.int64Value ?? 0
    print("ingest \(file): \(size) bytes → \(db)")
    print("  entries inserted \(summary.counts.inserted), events \(summary.counts.events), traffic samples \(summary.counts.trafficSamples)")
    print("  wall time        \(String(format: "%.3f", elapsed)) s (open + migrate + ingest + close)")
    print("  entries/s        \(String(format: "%.0f", rate))  (\(String(format: "%.1f", Double(size) / 1_000_000 / elapsed)) MB/s of log)")
    print("  peak RSS         \(peakRSSMegabytes().map { String(format: "%.1f MB", $0) } ?? "n/a")")
    print("  database         \(dbBytes) bytes (\(String(format: "%.0f", Double(dbBytes) / Double(max(1, summary.counts.inserted)))) bytes/entry, full-text index included)")
    print("RESULT ingest seconds=\(elapsed) entries_per_s=\(rate) entries=\(summary.counts.inserted) peak_rss_mb=\(peakRSSMegabytes() ?? 0)")
default:
    fail("unknown command \(command)")
}

/// `ingest FILE --db postgres://…`: the same ingest into a fresh schema, timed the same way
/// (connect + migrate + ingest), and the schema's size on disk (tables, indexes, TOAST).
func ingestIntoPostgres(file: String, url: String) throws {
    guard case let .postgres(location) = try StoreLocation(url) else { fail("\(url) is not a postgres:// URL") }
    let size = ((try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? NSNumber)?.int64Value ?? 0
    do {
        let admin = try PGConnection(PostgresConnectionParameters(location: location))
        try admin.execute("DROP SCHEMA IF EXISTS \(location.schema) CASCADE")
    }
    let started = clock.now
    let store = try HistoryStore(location: .postgres(location))
    let summary = try LogIngester(store: store, rules: try LogRuleSet.defaults(), now: 1_900_000_000).ingestFile(at: file)
    let elapsed = seconds(clock.now - started)
    let rate = Double(summary.counts.inserted) / elapsed
    let bytes = try PGConnection(PostgresConnectionParameters(location: location)).query("""
        SELECT coalesce(sum(pg_total_relation_size(oid)), 0) FROM pg_class
        WHERE relnamespace = $1::regnamespace AND relkind IN ('r', 'p')
        """, [.text(location.schema)]).int64(row: 0, column: 0)
    print("ingest \(file): \(size) bytes → PostgreSQL schema \(location.schema)")
    print("  entries inserted \(summary.counts.inserted), events \(summary.counts.events), traffic samples \(summary.counts.trafficSamples)")
    print("  wall time        \(String(format: "%.3f", elapsed)) s (connect + migrate + ingest)")
    print("  entries/s        \(String(format: "%.0f", rate))  (\(String(format: "%.1f", Double(size) / 1_000_000 / elapsed)) MB/s of log)")
    print("  peak RSS         \(peakRSSMegabytes().map { String(format: "%.1f MB", $0) } ?? "n/a") (this process; the server's is apart)")
    print("  schema           \(bytes) bytes (\(String(format: "%.0f", Double(bytes) / Double(max(1, summary.counts.inserted)))) bytes/entry, GIN index included)")
    print("RESULT ingest seconds=\(elapsed) entries_per_s=\(rate) entries=\(summary.counts.inserted) peak_rss_mb=\(peakRSSMegabytes() ?? 0)")
}
