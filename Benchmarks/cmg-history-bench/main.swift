// cmg-history-bench: a deterministic large-history generator and a timed NDJSON ingest.
//
//   cmg-history-bench generate --out DIR --days N [--gateways 10] [--endpoints 20] [--seed 1]
//   cmg-history-bench ingest   --data DIR --db PATH
//   cmg-history-bench stats    --db PATH
//
// `Benchmarks/ingest.sh` drives these and times the sqlite3 shell's `.import` of the same rows
// as the baseline.

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
    case "-h", "--help", "help":
        print(usage)
    default:
        fail("unknown command '\(command)'\n\(usage)")
    }
} catch {
    fail("\(error)")
}
