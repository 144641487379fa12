// Loads the same N online-client samples into one PostgreSQL table four ways, interleaved, and
// prints the median of each (README, "PostgreSQL driver"):
//   libpq-copy     our PGConnection, COPY … FROM STDIN (FORMAT binary) straight into the table
//   libpq-staged   our import path, PostgresSampleCopy: binary COPY into a staging table, then
//                  INSERT … SELECT … ON CONFLICT DO NOTHING RETURNING (idempotent, says what is new)
//   nio-copy       postgres-nio 1.33.2's copyFrom (text format, its only one) straight into the table
//   psql-copy      `psql -c "\copy … FROM file (FORMAT csv)"` of the same rows, process start included
//
// Usage: pg-driver-bench URL [--rows N] [--runs R]
//   URL is postgres://user@host:port/db (password from PGPASSWORD); the schema bench_pgdriver is
//   created (our migrations) and dropped at the end.
import CMGHistory
import Foundation
import Logging
import NIOCore
import PostgresNIO

struct Options {
    var url = ""
    var rows = 400_000
    var runs = 5

    static func parse(_ arguments: [String]) -> Options? {
        var options = Options()
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--rows": guard let value = rest.popFirst().flatMap({ Int($0) }), value > 0 else { return nil }; options.rows = value
            case "--runs": guard let value = rest.popFirst().flatMap({ Int($0) }), value > 0 else { return nil }; options.runs = value
            default: options.url = argument
            }
        }
        return options.url.isEmpty ? nil : options
    }
}

/// Seconds of wall time `body` takes.
func timed(_ body: () async throws -> Void) async rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try await body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

@main
struct PGDriverBench {
    static let schema = "bench_pgdriver"
    static let gateways: Int64 = 10
    static let columns = ["gateway_id", "at", "count"]

    static func main() async throws {
        guard let options = Options.parse(Array(CommandLine.arguments.dropFirst())) else {
            FileHandle.standardError.write(Data("usage: pg-driver-bench postgres://user@host:port/db [--rows N] [--runs R]\n".utf8))
            exit(2)
        }
        guard case var .postgres(location) = try StoreLocation(options.url) else {
            FileHandle.standardError.write(Data("pg-driver-bench: the URL must be postgres://…\n".utf8))
            exit(2)
        }
        location.schema = schema
        let database = try PostgresDatabase(location)
        let connection = database.connection
        defer { _ = try? connection.execute("DROP SCHEMA \(schema) CASCADE") }

        // Rows: 10 gateways, samples every 5 minutes from 2026-01-01, row i → gateway i % 10.
        let start: Int64 = 1_767_225_600
        let rows: [[Int64?]] = (0..<Int64(options.rows)).map { i in [i % gateways + 1, start + (i / gateways) * 300, (i * 7919) % 20_000] }
        for gateway in 1...gateways {
            try connection.query("INSERT INTO gateway (id, name) VALUES ($1, $2)", [.int64(gateway), .text("gw\(gateway).contoso.com")])
        }
        try PostgresPartitions.ensureMonths(connection, table: "online_clients_sample", instants: rows.compactMap { $0[1] })
        let csv = FileManager.default.temporaryDirectory.appendingPathComponent("pg-driver-bench-\(getpid()).csv")
        defer { try? FileManager.default.removeItem(at: csv) }
        try rows.map { $0.map { String($0 ?? 0) }.joined(separator: ",") }.joined(separator: "\n").appending("\n")
            .write(to: csv, atomically: true, encoding: .utf8)

        let nio = try await PostgresConnection.connect(
            configuration: .init(
                host: location.host ?? "127.0.0.1", port: location.port, username: location.user ?? "postgres",
                password: ProcessInfo.processInfo.environment["PGPASSWORD"], database: location.database, tls: .disable),
            id: 1, logger: Logger(label: "pg-driver-bench"))
        try await nio.query("SET search_path TO \(unescaped: schema)", logger: Logger(label: "pg-driver-bench"))

        func reset() throws {
            try connection.execute("TRUNCATE online_clients_sample")
        }
        func check(_ method: String) throws {
            let count = try connection.query("SELECT count(*) FROM online_clients_sample").int64(row: 0, column: 0)
            guard count == options.rows else { throw PostgresError(.statement, message: "\(method) stored \(count) rows, not \(options.rows)") }
        }

        let methods: [(String, () async throws -> Void)] = [
            ("libpq-copy", {
                try connection.copyIn("COPY online_clients_sample (gateway_id, at, count) FROM STDIN (FORMAT binary)") { copy in
                    for row in rows {
                        copy.startRow(fields: 3)
                        for value in row { copy.int64(value) }
                        try copy.flushIfFull()
                    }
                }
            }),
            ("libpq-staged", {
                let new = try PostgresSampleCopy.onlineClients.insertNew(connection, rows: rows)
                guard new.count == rows.count else { throw PostgresError(.statement, message: "staged path returned \(new.count) new rows") }
            }),
            ("nio-copy", {
                try await nio.copyFrom(table: "online_clients_sample", columns: columns, logger: Logger(label: "pg-driver-bench")) { writer in
                    var buffer = ByteBuffer()
                    buffer.reserveCapacity(256 * 1024 + 64)
                    for row in rows {
                        buffer.writeString("\(row[0] ?? 0)\t\(row[1] ?? 0)\t\(row[2] ?? 0)\n")
                        if buffer.readableBytes >= 256 * 1024 {
                            try await writer.write(buffer)
                            buffer.clear()
                        }
                    }
                    if buffer.readableBytes > 0 { try await writer.write(buffer) }
                }
            }),
            ("psql-copy", {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                process.arguments = ["psql", options.url, "-v", "ON_ERROR_STOP=1", "-q", "-c",
                                     "\\copy \(schema).online_clients_sample (gateway_id, at, count) FROM '\(csv.path)' WITH (FORMAT csv)"]
                try process.run()
                process.waitUntilExit()
                guard process.terminationStatus == 0 else { throw PostgresError(.statement, message: "psql exited \(process.terminationStatus)") }
            }),
        ]

        var seconds: [String: [Double]] = [:]
        for run in 0..<options.runs {
            // Interleaved, and the order rotated each round, so drift (cache, autovacuum) spreads evenly.
            for offset in 0..<methods.count {
                let (name, body) = methods[(run + offset) % methods.count]
                try reset()
                try connection.execute("CHECKPOINT")
                let elapsed = try await timed(body)
                try check(name)
                seconds[name, default: []].append(elapsed)
                print(String(format: "run %d %-13@ %.3f s", run + 1, name as NSString, elapsed))
            }
        }
        try await nio.close()
        print("\nmedians of \(options.runs) interleaved runs, \(options.rows) rows (gateway_id, at, count) into online_clients_sample:")
        let base = median(seconds["psql-copy"] ?? [1])
        for (name, _) in methods {
            let m = median(seconds[name] ?? [])
            print(String(format: "  %-13@ %7.3f s  %9.0f rows/s  %.2f× psql", name as NSString, m, Double(options.rows) / m, m / base))
        }
    }
}
