import CMGHistory
import Foundation
import GRDB

/// Times the reports in-process, as the library computes them (release build, warm cache):
/// `capacity(year:month:zone:)` for one month and `trend` with daily buckets over the whole
/// history, for online clients and for requests summed over endpoints, over every gateway.
/// One untimed warm-up call each, then `runs` timed calls; prints each run and the medians.
struct ReportBenchmark {
    let databasePath: String
    let runs: Int
    /// `YYYY-MM`, or nil for the last full month of data.
    let month: String?
    /// A PostgreSQL URL to time instead of `databasePath`, which then holds the same history in
    /// SQLite (copied across with `cmg-history db copy`) and gives the period and month.
    var postgresURL: String? = nil
    /// The reports to time (`capacity`, `trend_online_clients`, `trend_requests`); nil for all.
    var only: Set<String>? = nil

    func run() throws {
        guard FileManager.default.fileExists(atPath: databasePath) else {
            throw Options.Problem(description: "no \(databasePath); build it with `cmg-history-bench history --db \(databasePath) --years 3`")
        }
        let store = try postgresURL.map { try HistoryStore.open(url: $0) } ?? HistoryStore(path: databasePath)
        // The benchmark's own look at the file, outside the store API: which months it holds.
        var readOnly = Configuration()
        readOnly.readonly = true
        guard let (first, last) = try DatabaseQueue(path: databasePath, configuration: readOnly).read({ db -> (Int64, Int64)? in
            let row = try Row.fetchOne(db, sql: "SELECT min(at), max(at) FROM online_clients_sample")
            guard let first: Int64 = row?[0], let last: Int64 = row?[1] else { return nil }
            return (first, last)
        }) else { throw Options.Problem(description: "\(databasePath) holds no online-clients samples") }

        let zone = ReportZone.utc
        let (year, monthNumber) = try chosenMonth(last: last)
        let monthText = String(format: "%04d-%02d", year, monthNumber)
        // Whole UTC days from the first sample's day to the day after the last sample.
        let period = ReportPeriod(start: first - first % 86_400, end: last - last % 86_400 + 86_400)
        let days = (period.end - period.start) / 86_400
        print("reports on \(postgresURL.map { _ in "PostgreSQL (\(databasePath)'s copy)" } ?? databasePath): capacity \(monthText), trend 1d over \(days) days "
              + "(\(Timestamp.format(period.start)) to \(Timestamp.format(period.end))), UTC, all gateways; \(runs) runs after a warm-up")

        var checks: [String: String] = [:]
        let cases: [(String, () throws -> String)] = [
            ("capacity", {
                let r = try store.capacity(year: year, month: monthNumber, zone: zone)
                return "\(r.gateways.count) gateways, requests \(r.gateways.compactMap(\.requests.total).reduce(0, +))"
            }),
            ("trend_online_clients", {
                let r = try store.trend(TrendRequest(metric: .onlineClients, bucket: .day, period: period, zone: zone))
                return "\(r.series.count) series × \(r.series.first?.points.count ?? 0) days, samples \(r.series.flatMap(\.points).compactMap(\.count).reduce(0, +))"
            }),
            ("trend_requests", {
                let r = try store.trend(TrendRequest(metric: .requests, bucket: .day, period: period, zone: zone))
                return "\(r.series.count) series × \(r.series.first?.points.count ?? 0) days, requests \(r.series.flatMap(\.points).compactMap(\.sum).reduce(0, +))"
            }),
        ]
        let clock = ContinuousClock()
        var medians: [String] = []
        if let unknown = only?.subtracting(cases.map(\.0)).sorted(), !unknown.isEmpty {
            throw Options.Problem(description: "--only takes \(cases.map(\.0).joined(separator: ", ")), not \(unknown.joined(separator: ", "))")
        }
        for (name, body) in cases where only?.contains(name) ?? true {
            checks[name] = try body()  // warm-up: page cache, prepared statements
            var times: [Double] = []
            for _ in 0..<runs {
                let started = clock.now
                _ = try body()
                times.append((clock.now - started).seconds * 1000)
            }
            let median = Self.median(times)
            print("  " + name.padding(toLength: 22, withPad: " ", startingAt: 0) + String(format: " median %8.1f ms  min %8.1f ms  runs %@   (%@)", median, times.min() ?? 0,
                         times.map { String(format: "%.1f", $0) }.joined(separator: " "), checks[name] ?? ""))
            medians.append("\(name)_ms=\(String(format: "%.3f", median))")
        }
        print("RESULT reports month=\(monthText) from=\(period.start) to=\(period.end) " + medians.joined(separator: " "))
    }

    private func chosenMonth(last: Int64) throws -> (Int, Int) {
        if let month {
            let parts = month.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 2, (1...12).contains(parts[1]) else { throw Options.Problem(description: "--month takes YYYY-MM, not \(month)") }
            return (parts[0], parts[1])
        }
        // The month holding the last sample if the data run to its end, else the month before.
        let text = Timestamp.format(last)
        var y = Int(text.prefix(4)) ?? 2026
        var m = Int(text.dropFirst(5).prefix(2)) ?? 1
        if let bounds = ReportZone.utc.month(year: y, month: m), last + GeneratorConfig.tick < bounds.end {
            m -= 1
            if m == 0 { m = 12; y -= 1 }
        }
        return (y, m)
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}
