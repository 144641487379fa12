import Foundation
import GRDB

/// Keeps `rollup_day` in step with `rollup_hour`: a day's row is the merge of its hours' rows.
///
/// Hours are recomputed from raw samples (``RollupMaintainer``); days only from hours, so a day
/// is exact whenever its hours are, raw samples pruned or not.
enum DailyRollups {
    static let secondsPerDay: Int64 = 86_400

    /// The UTC midnight at or before `at`.
    static func dayStart(_ at: Int64) -> Int64 {
        let remainder = at % secondsPerDay
        return remainder >= 0 ? at - remainder : at - remainder - secondsPerDay
    }

    struct Key: Hashable, Comparable {
        var gatewayID: Int64
        var metricID: Int64
        var dayStart: Int64
        static func < (a: Key, b: Key) -> Bool {
            (a.gatewayID, a.metricID, a.dayStart) < (b.gatewayID, b.metricID, b.dayStart)
        }
    }

    /// Rebuilds each day in `days` from its hours (or removes it when it has none left).
    static func recompute(_ db: Database, _ days: some Sequence<Key>) throws {
        let hours = try db.cachedStatement(sql: """
            SELECT count, sum, min, max, value_list FROM rollup_hour
            WHERE gateway_id = ? AND metric_id = ? AND hour_start >= ? AND hour_start < ?
            """)
        for key in days {
            var merged = Merge()
            let rows = try Row.fetchCursor(hours, arguments: [key.gatewayID, key.metricID, key.dayStart, key.dayStart + secondsPerDay])
            while let row = try rows.next() { try merged.add(row) }
            try merged.store(db, key)
        }
    }

    /// Fills `rollup_day` from every row of `rollup_hour`: for a database that had hourly
    /// rollups before daily ones existed. One ordered pass, writing each day as it completes.
    static func rebuildAll(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM rollup_day")
        let rows = try Row.fetchCursor(db, sql: """
            SELECT gateway_id, metric_id, hour_start, count, sum, min, max, value_list FROM rollup_hour
            ORDER BY gateway_id, metric_id, hour_start
            """)
        var current: Key?
        var merged = Merge()
        while let row = try rows.next() {
            let key = Key(gatewayID: row[0], metricID: row[1], dayStart: dayStart(row[2]))
            if key != current {
                if let current { try merged.store(db, current) }
                current = key
                merged = Merge()
            }
            try merged.add(row, from: 3)
        }
        if let current { try merged.store(db, current) }
    }

    /// Rollup rows of one day, merged: counts and sums add, extremes combine, value lists join.
    private struct Merge {
        var count: Int64 = 0
        var sum: Int64 = 0
        var low = Int64.max
        var high = Int64.min
        var values: [Int64] = []

        /// Adds the row whose count, sum, min, max and value_list start at column `first`.
        mutating func add(_ row: Row, from first: Int = 0) throws {
            count += row[first] as Int64
            sum &+= row[first + 1] as Int64
            low = min(low, row[first + 2])
            high = max(high, row[first + 3])
            try row.withUnsafeData(atIndex: first + 4) { list in
                list?.withUnsafeBytes { ValueList.decode($0, into: &values) }
            }
        }

        func store(_ db: Database, _ key: Key) throws {
            guard count > 0 else {
                try db.cachedStatement(sql: "DELETE FROM rollup_day WHERE gateway_id = ? AND metric_id = ? AND day_start = ?")
                    .execute(arguments: [key.gatewayID, key.metricID, key.dayStart])
                return
            }
            try db.cachedStatement(sql: """
                INSERT INTO rollup_day(gateway_id, metric_id, day_start, count, sum, min, max, value_list)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (gateway_id, metric_id, day_start) DO UPDATE SET
                    count = excluded.count, sum = excluded.sum, min = excluded.min, max = excluded.max,
                    value_list = excluded.value_list
                """).execute(arguments: [key.gatewayID, key.metricID, key.dayStart, count, sum, low, high,
                                         Data(ValueList.encode(values))])
        }
    }
}
