import CMGHistory
import Foundation

/// Online-client samples through ``PostgresRecordWriter`` (staged COPY, ON CONFLICT, hourly and
/// daily rollups) against `psql \copy` of the same rows as CSV into the raw table alone: the
/// baseline issue 13 sets the writer (goal: at most 1.5× its time).
///
/// Each run gets a fresh schema per contender, in alternation (ours, psql, ours, …), so drift in
/// the machine's load falls on both; the months' partitions are made for psql beforehand and by
/// the writer itself (inside its timed call). Medians of the runs are printed.
struct PostgresIngestBenchmark {
    let url: String
    let samples: Int
    let runs: Int
    let scratch: String

    /// 10 gateways, one sample each per 5 minutes from 2026-01-01T00:00:00Z.
    static let gateways = 10

    func run() throws {
        guard case let .postgres(base) = try StoreLocation(url) else {
            throw Options.Problem(description: "--url must be a postgres:// URL")
        }
        let records = makeRecords()
        let csv = URL(fileURLWithPath: scratch).appendingPathComponent("online_clients.csv")
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        try csvText(records).write(to: csv, atomically: true, encoding: .utf8)
        var ours: [Double] = [], theirs: [Double] = []
        for run in 1...runs {
            ours.append(try timeWriter(base, records, run: run))
            theirs.append(try timePsql(base, csv: csv.path, run: run))
            print(String(format: "run %d: writer %.3f s, psql \\copy %.3f s", run, ours.last ?? 0, theirs.last ?? 0))
        }
        let (a, b) = (median(ours), median(theirs))
        print(String(format: "%d online-client samples: writer median %.3f s (%.0f rows/s), psql \\copy median %.3f s (%.0f rows/s), ratio %.2f×",
                     samples, a, Double(samples) / a, b, Double(samples) / b, a / b))
    }

    private func makeRecords() -> [HistoryRecord] {
        var random = SplitMix64(seed: 1)
        return (0..<samples).map { index in
            let gateway = index % Self.gateways, tick = Int64(index / Self.gateways)
            return .onlineClients(OnlineClientsSample(gateway: Generator.gatewayName(gateway), at: GeneratorConfig.start + tick * 300,
                                                      count: Int64(random.int(500...5000))))
        }
    }

    private func csvText(_ records: [HistoryRecord]) -> String {
        var text = ""
        text.reserveCapacity(records.count * 24)
        for (index, record) in records.enumerated() {
            guard case .onlineClients(let r) = record else { continue }
            text += "\(index % Self.gateways + 1),\(r.at),\(r.count)\n"
        }
        return text
    }

    private func schema(_ base: PostgresLocation, _ name: String) -> PostgresLocation {
        var location = base
        location.schema = name
        return location
    }

    private func timeWriter(_ base: PostgresLocation, _ records: [HistoryRecord], run: Int) throws -> Double {
        let location = schema(base, "bench_writer_\(run)")
        let database = try PostgresDatabase(location)
        defer { _ = try? database.connection.execute("DROP SCHEMA \(location.schema) CASCADE") }
        let clock = ContinuousClock()
        let started = clock.now
        let summary = try PostgresRecordWriter.importRecords(records, source: "bench", on: database.connection)
        let elapsed = clock.now - started
        guard summary.inserted == records.count else {
            throw Options.Problem(description: "the writer stored \(summary.inserted) of \(records.count) samples")
        }
        return seconds(elapsed)
    }

    private func timePsql(_ base: PostgresLocation, csv: String, run: Int) throws -> Double {
        let location = schema(base, "bench_psql_\(run)")
        let database = try PostgresDatabase(location)
        defer { _ = try? database.connection.execute("DROP SCHEMA \(location.schema) CASCADE") }
        for id in 1...Self.gateways {
            try database.connection.query("INSERT INTO gateway (id, name) VALUES ($1, $2)", [.int64(Int64(id)), .text(Generator.gatewayName(id - 1))])
        }
        let last = GeneratorConfig.start + Int64(samples / Self.gateways + 1) * 300
        try PostgresPartitions.ensureMonths(database.connection, table: "online_clients_sample",
                                            instants: stride(from: GeneratorConfig.start, through: last, by: 86_400))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", "--no-psqlrc", "-q", "-v", "ON_ERROR_STOP=1", "-h", location.host ?? "127.0.0.1", "-p", String(location.port),
                             "-U", location.user ?? "postgres", "-d", location.database ?? "postgres",
                             "-c", "\\copy online_clients_sample (gateway_id, at, count) FROM '\(csv)' WITH (FORMAT csv)"]
        var environment = ProcessInfo.processInfo.environment
        environment["PGOPTIONS"] = "-c search_path=\(location.schema)"
        process.environment = environment
        let clock = ContinuousClock()
        let started = clock.now
        try process.run()
        process.waitUntilExit()
        let elapsed = clock.now - started
        guard process.terminationStatus == 0 else { throw Options.Problem(description: "psql exited with \(process.terminationStatus)") }
        return seconds(elapsed)
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }
}
