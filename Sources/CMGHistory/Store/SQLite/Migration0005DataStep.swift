import Foundation
import GRDB

/// Migration 0005's data step, frozen: fills the new `rollup_day` from every `rollup_hour` row of
/// a database that had hourly rollups before daily ones existed.
///
/// A shipped migration never changes (DESIGN §5), and this step is part of one: it is a private
/// copy of what `DailyRollups.rebuildAll` did when 0005 shipped, with its own value-list codec,
/// UTC day and saturating sum, so that changing how the live store keeps its rollups (or moving
/// them to another backend) never changes what upgrading an old file produces. It runs right
/// after `0005_add_daily_rollups.sql`, on the schema as it is at version 5.
enum Migration0005DataStep {
    /// Rebuilds `rollup_day` from `rollup_hour`: one ordered pass, each day written as it completes.
    static func run(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM rollup_day")
        let insert = try db.makeStatement(sql: """
            INSERT INTO rollup_day(gateway_id, metric_id, day_start, count, sum, min, max, value_list)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let hours = try Row.fetchCursor(db, sql: """
            SELECT gateway_id, metric_id, hour_start, value_list FROM rollup_hour ORDER BY gateway_id, metric_id, hour_start
            """)
        var current: (gatewayID: Int64, metricID: Int64, dayStart: Int64)?
        var values: [Int64] = []
        func store() throws {
            guard let day = current, let low = values.min(), let high = values.max() else { return }
            try insert.execute(arguments: [day.gatewayID, day.metricID, day.dayStart, Int64(values.count),
                                           saturatingSum(values), low, high, Data(encode(values))])
        }
        while let row = try hours.next() {
            let gatewayID = try integer(row, 0), metricID = try integer(row, 1)
            let dayStart = try integer(row, 2).floorDivided(by: 86_400) &* 86_400
            if current.map({ $0 != (gatewayID, metricID, dayStart) }) ?? true {
                try store()
                current = (gatewayID, metricID, dayStart)
                values.removeAll(keepingCapacity: true)
            }
            guard let list = Data.fromDatabaseValue(row[3]) else {
                throw DatabaseError(message: "rollup_hour.value_list is not a blob")
            }
            decode(list, into: &values)
        }
        try store()
    }

    /// Column `index` of `row` as an integer; a value of another type is damage, said, not read as 0.
    private static func integer(_ row: Row, _ index: Int) throws -> Int64 {
        guard let value = Int64.fromDatabaseValue(row[index]) else {
            throw DatabaseError(message: "rollup_hour column \(index + 1) is not an integer")
        }
        return value
    }

    /// The sum, held at `Int64.max` (or `.min`) when it does not fit, as rollup rows store it.
    /// Summed in 128 bits (`high` · 2⁶⁴ + `low`), by hand: `Int128` needs macOS 15.
    private static func saturatingSum(_ values: [Int64]) -> Int64 {
        var high: Int64 = 0, low: UInt64 = 0
        for value in values {
            let (sum, carry) = low.addingReportingOverflow(UInt64(bitPattern: value))
            low = sum
            high = high &+ (value < 0 ? -1 : 0) &+ (carry ? 1 : 0)
        }
        if high == 0, low <= UInt64(Int64.max) { return Int64(low) }
        if high == -1, low > UInt64(Int64.max) { return Int64(bitPattern: low) }
        return high < 0 ? .min : .max
    }

    /// The value list as 0005 defined it: the values sorted, as unsigned LEB128 deltas.
    private static func encode(_ values: [Int64]) -> [UInt8] {
        var out: [UInt8] = []
        var previous: Int64 = 0
        for value in values.sorted() {
            var delta = UInt64(bitPattern: value &- previous)
            previous = value
            while delta >= 0x80 {
                out.append(UInt8(delta & 0x7F) | 0x80)
                delta >>= 7
            }
            out.append(UInt8(delta))
        }
        return out
    }

    /// Appends the values of a list to `values`; a truncated final value is dropped.
    private static func decode(_ bytes: Data, into values: inout [Int64]) {
        var previous: Int64 = 0, delta: UInt64 = 0, shift: UInt64 = 0
        for byte in bytes {
            guard shift < 64 else { return }
            delta |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 {
                previous &+= Int64(bitPattern: delta)
                values.append(previous)
                delta = 0
                shift = 0
            } else {
                shift += 7
            }
        }
    }
}
