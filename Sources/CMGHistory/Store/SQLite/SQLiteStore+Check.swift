import Foundation
import GRDB

extension SQLiteStore {
    /// Runs `PRAGMA integrity_check`, `PRAGMA foreign_key_check`, and compares rollups with their
    /// raw samples (a sample of hours, and each sampled hour's day) and state spans with the
    /// snapshots they summarise (every gateway). Reads only.
    func check() throws -> StoreCheck {
        // One snapshot, opened by hand: GRDB's read transaction turns any error met inside it
        // (which here is a finding, not a failure) into a failed read.
        try writer.unsafeRead { db in
            try db.execute(sql: "BEGIN DEFERRED")
            defer { try? db.execute(sql: "ROLLBACK") }
            let checker = try StoreChecker(db: db, path: path)
            checker.run()
            return checker.result
        }
    }
}

/// The checks, on one read transaction.
///
/// Values are read with `decode`, which throws, never with `row[i]`, which traps when a damaged
/// page holds a blob or NULL where the schema says integer: a damaged file is what this reads.
private final class StoreChecker {
    let db: Database
    let rawKeptFrom: Int64
    var result: StoreCheck

    init(db: Database, path: String) throws {
        self.db = db
        result = StoreCheck(path: path)
        rawKeptFrom = (try? Int64.fetchOne(db, sql: "SELECT raw_kept_from FROM retention WHERE id = 1")) ?? Int64.min
    }

    func run() {
        sqliteChecks()
        guarded("rollup sums") { try wrappedSums() }
        guarded("rollups") { try rollups() }
        guarded("state spans") { try stateSpans() }
    }

    /// Runs `body`; an error it throws (a damaged page) is a problem of `check`, not the end.
    private func guarded(_ check: String, _ body: () throws -> Void) {
        do { try body() } catch { result.problems.append(.init(check: check, problem: "could not be read: \(error)")) }
    }

    private func sqliteChecks() {
        guarded("integrity_check") {
            let lines = try String.fetchAll(db, sql: "PRAGMA integrity_check(\(StoreCheck.problemsListed))")
            result.steps.append(.init(check: "integrity_check", looked: "every page, index and constraint"))
            let found = lines.filter { $0 != "ok" }.flatMap { $0.split(separator: "\n").map(String.init) }
            for line in found where !line.hasPrefix("*** in database") {
                result.problems.append(.init(check: "integrity_check", problem: line))
            }
        }
        guarded("foreign_key_check") {
            let rows = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
            result.steps.append(.init(check: "foreign_key_check", looked: "every reference between tables"))
            for row in rows.prefix(StoreCheck.problemsListed) {
                let table: String = try row.value(0), parent: String = try row.value(2)
                let rowid: Int64? = try row.value(1)
                result.problems.append(.init(check: "foreign_key_check",
                                             problem: "\(table) row \(rowid.map(String.init) ?? "?") refers to a missing \(parent) row"))
            }
            if rows.count > StoreCheck.problemsListed {
                result.problems.append(.init(check: "foreign_key_check", problem: "\(rows.count - StoreCheck.problemsListed) more rows like these"))
            }
        }
    }

    // MARK: - Rollups

    private struct Aggregate: Equatable {
        var count: Int64, sum: Int64, min: Int64, max: Int64
        var text: String { "count \(count), sum \(sum), min \(min), max \(max)" }
    }

    /// The aggregate of the values (second column) a raw query returns, with checked sums: a
    /// sum past Int64 is reported as such rather than trapping.
    private func rawAggregate(_ metric: RollupMetric, gateway: Int64, hour: Int64) throws -> Aggregate? {
        let values = try Row.fetchAll(db, sql: metric.rawQuery, arguments: [gateway, hour, hour + 3600]).map { try $0.decode(Int64.self, atIndex: 1) }
        guard let low = values.min(), let high = values.max() else { return nil }
        // Summed as the rollup writer sums, so a saturated sum compares equal to its rollup.
        let sum = RollupRow.sum(values)
        return Aggregate(count: Int64(values.count), sum: sum, min: low, max: high)
    }

    private func aggregate(_ sql: String, _ arguments: StatementArguments) throws -> Aggregate? {
        guard let row = try Row.fetchOne(db, sql: sql, arguments: arguments),
              let count = try row.decode(Int64?.self, atIndex: 0), count > 0 else { return nil }
        return try Aggregate(count: count, sum: row.decode(Int64.self, atIndex: 1), min: row.decode(Int64.self, atIndex: 2),
                             max: row.decode(Int64.self, atIndex: 3))
    }

    private func rollups() throws {
        var hours = 0, days: Set<DailyRollups.Key> = []
        var found: [String] = []
        for gateway in try Int64.fetchAll(db, sql: "SELECT id FROM gateway ORDER BY id") {
            for metric in RollupMetric.allCases {
                for hour in try sampledHours(gateway: gateway, metric: metric) where hour <= Int64.max - 3600 {
                    hours += 1
                    let raw = try rawAggregate(metric, gateway: gateway, hour: hour)
                    let rollup = try aggregate("""
                        SELECT count, sum, min, max FROM rollup_hour WHERE gateway_id = ? AND metric_id = ? AND hour_start = ?
                        """, [gateway, metric.rawValue, hour])
                    if raw != rollup {
                        found.append("gateway \(gateway) \(metric.name) hour \(Timestamp.format(hour)): raw samples give "
                                     + "\(raw?.text ?? "none"), the hourly rollup holds \(rollup?.text ?? "none")")
                    }
                    days.insert(DailyRollups.Key(gatewayID: gateway, metricID: metric.rawValue, dayStart: DailyRollups.dayStart(hour)))
                }
            }
        }
        for day in days.sorted() where day.dayStart <= Int64.max - DailyRollups.secondsPerDay {
            let fromHours = try aggregate("""
                SELECT sum(count), sum(sum), min(min), max(max) FROM rollup_hour
                WHERE gateway_id = ? AND metric_id = ? AND hour_start >= ? AND hour_start < ?
                """, [day.gatewayID, day.metricID, day.dayStart, day.dayStart + DailyRollups.secondsPerDay])
            let stored = try aggregate("SELECT count, sum, min, max FROM rollup_day WHERE gateway_id = ? AND metric_id = ? AND day_start = ?",
                                       [day.gatewayID, day.metricID, day.dayStart])
            if fromHours != stored {
                found.append("gateway \(day.gatewayID) metric \(day.metricID) day \(Timestamp.format(day.dayStart)): its hours give "
                             + "\(fromHours?.text ?? "none"), the daily rollup holds \(stored?.text ?? "none")")
            }
        }
        result.steps.append(.init(check: "rollups", looked: "\(hours) hours against their raw samples, \(days.count) days against their hours"))
        list(found, as: "rollups")
    }

    /// Every hourly and daily rollup whose sum is below its largest value although no value is
    /// negative: a sum that wrapped past Int64 (three online-client samples of 2^62 made one
    /// negative), as versions before range checks wrote it; today such a sum is stored as
    /// Int64.max, "cannot be represented". The sampled comparison with raw samples would see
    /// it only in a sampled hour, and not at all once the raw samples are pruned.
    private func wrappedSums() throws {
        var found: [String] = []
        var rows = 0
        for (table, column, width) in [("rollup_hour", "hour_start", "hour"), ("rollup_day", "day_start", "day")] {
            rows += try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0
            let wrapped = try Row.fetchAll(db, sql: """
                SELECT gateway_id, metric_id, \(column), sum, max FROM \(table) WHERE min >= 0 AND sum < max ORDER BY 1, 2, 3
                """)
            for row in wrapped {
                let metric = try RollupMetric(rawValue: row.decode(Int64.self, atIndex: 1)).map(\.name) ?? "metric \(row.decode(Int64.self, atIndex: 1))"
                try found.append("gateway \(row.decode(Int64.self, atIndex: 0)) \(metric) \(width) \(Timestamp.format(row.decode(Int64.self, atIndex: 2))): "
                                 + "sum \(row.decode(Int64.self, atIndex: 3)) is below its largest value \(row.decode(Int64.self, atIndex: 4)), "
                                 + "of values none negative: it wrapped past Int64 (an older cmg-history wrote it); "
                                 + "`cmg-history db recover` rebuilds the rollups from the raw samples")
            }
        }
        result.steps.append(.init(check: "rollup sums", looked: "\(rows) hourly and daily rollups for a sum that wrapped"))
        list(found, as: "rollup sums")
    }

    /// Hours of one series spread evenly over its rollup rows and over its raw samples' span,
    /// from the retention horizon on (older hours have no raw samples by design).
    private func sampledHours(gateway: Int64, metric: RollupMetric) throws -> [Int64] {
        let perSide = StoreCheck.sampledHoursPerSeries / 2
        let stored = try Int64.fetchAll(db, sql: """
            SELECT hour_start FROM rollup_hour WHERE gateway_id = ? AND metric_id = ? AND hour_start >= ? ORDER BY hour_start
            """, arguments: [gateway, metric.rawValue, rawKeptFrom])
        var hours = Set(Self.spread(stored, count: perSide))
        let span = try Row.fetchOne(db, sql: "SELECT min(at), max(at) FROM (\(metric.rawQuery))",
                                    arguments: [gateway, max(rawKeptFrom, Int64.min / 2), Int64.max / 2])
        if let span, let first: Int64 = try span.value(0), let last: Int64 = try span.value(1) {
            let firstHour = RollupMaintainer.hourStart(first), lastHour = RollupMaintainer.hourStart(last)
            // Instants are checked on import, but a damaged or foreign row may hold anything: no
            // arithmetic here may trap.
            let (span, overflow) = lastHour.subtractingReportingOverflow(firstHour)
            let steps = overflow ? 0 : span / 3600
            let picks = min(Int64(perSide), steps + 1)
            for index in 0..<picks {
                let offset = picks > 1 ? steps.multipliedReportingOverflow(by: index) : (partialValue: 0, overflow: false)
                let (hour, past) = firstHour.addingReportingOverflow((offset.partialValue / max(picks - 1, 1)) * 3600)
                if !offset.overflow, !past { hours.insert(hour) }
            }
        }
        return hours.filter { $0 >= rawKeptFrom }.sorted()
    }

    static func spread(_ values: [Int64], count: Int) -> [Int64] {
        guard values.count > count, count > 1 else { return values }
        return (0..<count).map { values[$0 * (values.count - 1) / (count - 1)] }
    }

    // MARK: - State spans

    private struct Span: Equatable {
        var first: Int64, last: Int64, code: Int64?, state: String, description: String, count: Int64
        var text: String { "\(state) from \(Timestamp.format(first)) to \(Timestamp.format(last)) (\(count) snapshots)" }
    }

    private func stateSpans() throws {
        var snapshots = 0
        var found: [String] = []
        let stale = StalenessPolicy.defaultLimitSeconds
        for gateway in try Int64.fetchAll(db, sql: "SELECT id FROM gateway ORDER BY id") {
            var expected: [Span] = []
            let rows = try Row.fetchCursor(db, sql: """
                SELECT at, state_code, state, description FROM status_snapshot WHERE gateway_id = ? ORDER BY at
                """, arguments: [gateway])
            while let row = try rows.next() {
                snapshots += 1
                let at = try row.decode(Int64.self, atIndex: 0), code = try row.decode(Int64?.self, atIndex: 1)
                let state = try row.decode(String.self, atIndex: 2), description = try row.decode(String.self, atIndex: 3)
                let gap = at.subtractingReportingOverflow(expected.last?.last ?? at)
                if var last = expected.last, last.code == code, last.state == state, last.description == description,
                   !gap.overflow, gap.partialValue <= stale {
                    last.last = at
                    last.count += 1
                    expected[expected.count - 1] = last
                } else {
                    expected.append(Span(first: at, last: at, code: code, state: state, description: description, count: 1))
                }
            }
            let stored = try Row.fetchAll(db, sql: """
                SELECT first_seen_at, last_seen_at, state_code, state, description, snapshot_count FROM state_span
                WHERE gateway_id = ? ORDER BY first_seen_at
                """, arguments: [gateway]).map {
                    try Span(first: $0.decode(Int64.self, atIndex: 0), last: $0.decode(Int64.self, atIndex: 1),
                             code: $0.decode(Int64?.self, atIndex: 2), state: $0.decode(String.self, atIndex: 3),
                             description: $0.decode(String.self, atIndex: 4), count: $0.decode(Int64.self, atIndex: 5))
                }
            if stored != expected {
                let index = zip(stored, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(stored.count, expected.count)
                let have = index < stored.count ? stored[index].text : "no span"
                let want = index < expected.count ? expected[index].text : "no span"
                found.append("gateway \(gateway): \(stored.count) spans stored, its snapshots make \(expected.count); "
                             + "the first difference: stored \(have), snapshots make \(want)")
            }
        }
        result.steps.append(.init(check: "state spans", looked: "\(snapshots) snapshots against their spans"))
        list(found, as: "state spans")
    }

    private func list(_ found: [String], as check: String) {
        for problem in found.prefix(StoreCheck.problemsListed) { result.problems.append(.init(check: check, problem: problem)) }
        if found.count > StoreCheck.problemsListed {
            result.problems.append(.init(check: check, problem: "\(found.count - StoreCheck.problemsListed) more like these"))
        }
    }
}
