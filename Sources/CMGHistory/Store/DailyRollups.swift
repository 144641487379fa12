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
            SELECT value_list FROM rollup_hour WHERE gateway_id = ? AND metric_id = ? AND hour_start >= ? AND hour_start < ?
            """)
        for key in days {
            var merged = Merge()
            let rows = try Row.fetchCursor(hours, arguments: [key.gatewayID, key.metricID, key.dayStart, key.dayStart + secondsPerDay])
            while let row = try rows.next() { try merged.add(row, column: 0) }
            try merged.store(db, key)
        }
    }

    /// Fills `rollup_day` from every row of `rollup_hour`: for a database that had hourly
    /// rollups before daily ones existed. One ordered pass, writing each day as it completes.
    static func rebuildAll(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM rollup_day")
        let rows = try Row.fetchCursor(db, sql: """
            SELECT gateway_id, metric_id, hour_start, value_list FROM rollup_hour
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
            try merged.add(row, column: 3)
        }
        if let current { try merged.store(db, current) }
    }

    /// The value lists of one day's hours, joined; the day's count, sum and extremes are
    /// computed from them as an hour's are from its samples.
    private struct Merge {
        var values: [Int64] = []

        mutating func add(_ row: Row, column: Int) throws {
            try row.withUnsafeData(atIndex: column) { list in
                list?.withUnsafeBytes { ValueList.decode($0, into: &values) }
            }
        }

        func store(_ db: Database, _ key: Key) throws {
            try RollupRow.store(db, .day, gatewayID: key.gatewayID, metricID: key.metricID, start: key.dayStart, values: values)
        }
    }
}
