// cmg-history-bench: a deterministic large-history generator and a timed NDJSON ingest.
//
//   cmg-history-bench generate --out DIR --days N [--gateways 10] [--endpoints 20] [--seed 1]
//   cmg-history-bench ingest   --data DIR --db PATH
//   cmg-history-bench stats    --db PATH
//   cmg-history-bench history  --db PATH --years N [--gateways 10] [--endpoints 20] [--seed 1]
//   cmg-history-bench reports  --db PATH [--runs 5] [--month YYYY-MM] [--postgres URL] [--only NAME,…]
//
// `Benchmarks/ingest.sh` drives the first three and times the sqlite3 shell's `.import` of the
// same rows as the baseline; `Benchmarks/reports.sh` drives the last two and times the same
// report figures computed by plain SQL over the raw tables.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let usage = """
    usage:
      cmg-history-bench generate --out DIR --days N [--gateways 10] [--endpoints 20] [--seed 1]
          Writes DIR/history.ndjson and the equivalent CSVs for the sqlite3 baseline
          (online_clients.csv, endpoint_traffic.csv, parents.sql).
      cmg-history-bench ingest --data DIR --db PATH
          Deletes PATH, imports DIR/history.ndjson with NDJSONImporter, prints records/s,
          peak RSS and bytes on disk per sample row.
      cmg-history-bench stats --db PATH
          Prints rows and bytes on disk per row of the two sample tables of any database.
      cmg-history-bench history --db PATH --years N [--days N] [--gateways 10] [--endpoints 20] [--seed 1] [--batch 20000]
          Builds a long history straight into PATH through HistoryStore.importRecords (the
          library's write path, rollups included), in time order; reuses PATH when PATH.params
          says it was built with the same parameters. --days replaces --years for quick trials.
      cmg-history-bench pg-ingest --url postgres://USER@HOST:PORT/DB --scratch DIR [--samples 400000] [--runs 5]
          Times online-client samples through the PostgreSQL record writer (rollups maintained)
          against psql's \\copy of the same rows as CSV into online_clients_sample, interleaved,
          each run into a fresh schema; prints the medians and their ratio (password: PGPASSWORD).
      cmg-history-bench reports --db PATH [--runs 5] [--month YYYY-MM] [--postgres URL] [--only NAME,…]
          Times, in-process, the capacity report of one month (default: the last full month)
          and daily trends of online_clients and requests over the whole history; medians.
          With --postgres, times the same reports on the PostgreSQL history URL names (a copy
          of PATH: `cmg-history db copy --from PATH --to URL`), PATH giving the period.
          --only capacity,trend_online_clients,trend_requests times those alone.
    """

func fail(_ message: String) -> Never {
    var err = StandardError()
    print("cmg-history-bench: \(message)", to: &err)
    exit(1)
}

do {
    var args = Array(CommandLine.arguments.dropFirst())
    guard !args.isEmpty else { print(usage); exit(2) }
    let command = args.removeFirst()
    var options = try Options(args)
    switch command {
    case "generate":
        let config = GeneratorConfig(
            outputDirectory: try options.string("out"),
            days: try options.int("days", min: 1),
            gateways: try options.int("gateways", default: 10, min: 1),
            endpointsPerGateway: try options.int("endpoints", default: 20, min: 1),
            seed: UInt64(try options.int("seed", default: 1, min: 0)))
        try options.finish()
        try Generator(config).run()
    case "ingest":
        let data = try options.string("data")
        let db = try options.string("db")
        try options.finish()
        try IngestBenchmark(dataDirectory: data, databasePath: db).run()
    case "stats":
        let db = try options.string("db")
        try options.finish()
        let stats = try TableStats.measure(databasePath: db)
        stats.printTable()
        print(stats.resultLine(kind: "stats"))
    case "history":
        let db = try options.string("db")
        let days: Int? = try (try? options.string("days")).map { text in
            guard let n = Int(text), n >= 1 else { throw Options.Problem(description: "--days must be an integer ≥ 1, not '\(text)'") }
            return n
        }
        let config = HistoryConfig(
            databasePath: db,
            years: days == nil ? try options.int("years", min: 1) : 0,
            days: days,
            gateways: try options.int("gateways", default: 10, min: 1),
            endpointsPerGateway: try options.int("endpoints", default: 20, min: 1),
            seed: UInt64(try options.int("seed", default: 1, min: 0)),
            batchSize: try options.int("batch", default: 20_000, min: 1))
        try options.finish()
        try HistoryBuilder(config: config).run()
    case "reports":
        let db = try options.string("db")
        let runs = try options.int("runs", default: 5, min: 1)
        let month = try? options.string("month")
        let postgres = try? options.string("postgres")
        let only = (try? options.string("only")).map { Set($0.split(separator: ",").map(String.init)) }
        try options.finish()
        try ReportBenchmark(databasePath: db, runs: runs, month: month, postgresURL: postgres, only: only).run()
    case "pg-ingest":
        let url = try options.string("url")
        let samples = try options.int("samples", default: 400_000, min: 1)
        let runs = try options.int("runs", default: 5, min: 1)
        let scratch = try options.string("scratch")
        try options.finish()
        try PostgresIngestBenchmark(url: url, samples: samples, runs: runs, scratch: scratch).run()
    case "-h", "--help", "help":
        print(usage)
    default:
        fail("unknown command '\(command)'\n\(usage)")
    }
} catch {
    fail("\(error)")
}
