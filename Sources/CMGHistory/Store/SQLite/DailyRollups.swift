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
        // Runs for every touched day of every import batch: stepped through the C API.
        let hours = try BulkStatement(db, sql: """
            SELECT value_list FROM rollup_hour WHERE gateway_id = ? AND metric_id = ? AND hour_start >= ? AND hour_start < ?
            """)
        var values: [Int64] = []
        for key in days {
            values.removeAll(keepingCapacity: true)
            hours.bind(1, key.gatewayID)
            hours.bind(2, key.metricID)
            hours.bind(3, key.dayStart)
            hours.bind(4, key.dayStart + secondsPerDay)
            try hours.forEachRow { row in ValueList.decode(row.bytes(0), into: &values) }
            try store(db, key, values)
        }
    }

    /// Fills `rollup_day` from every row of `rollup_hour`: for a database that had hourly
    /// rollups before daily ones existed. One ordered pass, writing each day as it completes.
    static func rebuildAll(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM rollup_day")
        let hours = try BulkStatement(db, sql: """
            SELECT gateway_id, metric_id, hour_start, value_list FROM rollup_hour ORDER BY gateway_id, metric_id, hour_start
            """)
        var current: Key?
        var values: [Int64] = []
        try hours.forEachRow { row in
            let key = Key(gatewayID: row.int64(0), metricID: row.int64(1), dayStart: dayStart(row.int64(2)))
            if key != current {
                if let current { try store(db, current, values) }
                current = key
                values.removeAll(keepingCapacity: true)
            }
            ValueList.decode(row.bytes(3), into: &values)
        }
        if let current { try store(db, current, values) }
    }

    /// Writes one day from its hours' values: count, sum and extremes computed as an hour's are
    /// from its samples.
    private static func store(_ db: Database, _ key: Key, _ values: [Int64]) throws {
        try RollupRow.store(db, .day, gatewayID: key.gatewayID, metricID: key.metricID, start: key.dayStart, values: values)
    }
}
