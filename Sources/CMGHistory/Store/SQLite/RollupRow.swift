import Foundation
import GRDB

/// Writes rollup rows of either tier (`rollup_hour`, `rollup_day`): count, sum, extremes and the
/// value list, all from the values themselves, or no row when there are none.
enum RollupRow {
    enum Tier: String {
        case hour, day
    }

    static func store(_ db: Database, _ tier: Tier, gatewayID: Int64, metricID: Int64, start: Int64, values: [Int64]) throws {
        let table = "rollup_\(tier.rawValue)", startColumn = "\(tier.rawValue)_start"
        guard let low = values.min(), let high = values.max() else {
            try db.cachedStatement(sql: "DELETE FROM \(table) WHERE gateway_id = ? AND metric_id = ? AND \(startColumn) = ?")
                .execute(arguments: [gatewayID, metricID, start])
            return
        }
        try db.cachedStatement(sql: """
            INSERT INTO \(table)(gateway_id, metric_id, \(startColumn), count, sum, min, max, value_list)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (gateway_id, metric_id, \(startColumn)) DO UPDATE SET
                count = excluded.count, sum = excluded.sum, min = excluded.min, max = excluded.max,
                value_list = excluded.value_list
            """).execute(arguments: [gatewayID, metricID, start, values.count, sum(values), low, high,
                                     Data(ValueList.encode(values))])
    }

    /// The sum of a rollup's values, held at `Int64.max` when it does not fit: every value is
    /// within ``ValueLimits``, but an hour of thousands of them may not be. Readers take
    /// `Int64.max` as "too large to represent" (``SampleAggregate``), never as a figure.
    static func sum(_ values: [Int64]) -> Int64 {
        var total: Int64 = 0
        for value in values {
            let (next, overflow) = total.addingReportingOverflow(value)
            guard !overflow else { return wideSum(values).saturated }
            total = next
        }
        return total
    }

    private static func wideSum(_ values: [Int64]) -> WideSum {
        var total = WideSum()
        for value in values { total.add(value) }
        return total
    }
}
