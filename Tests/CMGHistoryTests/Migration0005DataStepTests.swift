import Foundation
import GRDB
import Testing
@testable import CMGHistory

/// Migration 0005's data step is a frozen copy: a database made at schema 0004 upgrades to the
/// `rollup_day` rows that rebuilding daily rollups from hours gave when 0005 shipped.
@Suite("Migration 0005's frozen data step")
struct Migration0005DataStepTests {
    /// One day's row as `rollup_day` holds it, its value list decoded.
    struct DayRow: Equatable, CustomStringConvertible {
        var gatewayID: Int64, metricID: Int64, dayStart: Int64, count: Int64, sum: Int64, min: Int64, max: Int64
        var values: [Int64]
        var description: String { "(\(gatewayID), \(metricID), \(dayStart), n=\(count), Σ=\(sum), \(min)…\(max), \(values))" }
    }

    static func days(_ db: Database) throws -> [DayRow] {
        try Row.fetchAll(db, sql: """
            SELECT gateway_id, metric_id, day_start, count, sum, min, max, value_list FROM rollup_day
            ORDER BY gateway_id, metric_id, day_start
            """).map { row in
            var values: [Int64] = []
            ValueList.decode(row["value_list"] as Data? ?? Data(), into: &values)
            return DayRow(gatewayID: row["gateway_id"], metricID: row["metric_id"], dayStart: row["day_start"],
                          count: row["count"], sum: row["sum"], min: row["min"], max: row["max"], values: values)
        }
    }

    /// Hours of two gateways and two metrics over three UTC days, one before 1970 and one whose
    /// sum does not fit 64 bits.
    static let hours: [(gateway: Int64, metric: Int64, hourStart: Int64, values: [Int64])] = [
        (1, 1, 1_790_812_800, [10, 30, 20]),          // 2026-10-01 00:00Z
        (1, 1, 1_790_812_800 + 3_600, [5]),           // same day, next hour
        (1, 1, 1_790_812_800 + 86_400, [7, 7]),       // the next day
        (1, 6, 1_790_812_800 + 7_200, [Int64.max, Int64.max - 1]),
        (2, 1, -3_600, [1, 2]),                        // 1969-12-31 23:00Z
        (2, 1, 0, [3]),                                // 1970-01-01, another day
    ]

    @Test func aSchema4DatabaseWithHourlyRollupsUpgradesToTheDaysItsHoursMergeTo() throws {
        // Given a database at schema 0004 (before daily rollups) holding hourly rollups
        let folder = try TemporaryFolder()
        let path = try folder.database(before: 5, sql: "INSERT INTO gateway(id, name) VALUES (1, 'G1'), (2, 'G2');")
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            for hour in Self.hours {
                try db.execute(sql: """
                    INSERT INTO rollup_hour(gateway_id, metric_id, hour_start, count, sum, min, max, value_list)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [hour.gateway, hour.metric, hour.hourStart, hour.values.count, RollupRow.sum(hour.values),
                                     hour.values.min(), hour.values.max(), Data(ValueList.encode(hour.values))])
            }
        }
        // When it is upgraded to the latest schema
        try queue.writeWithoutTransaction { try SchemaMigrations.migrate($0) }
        // Then each day is the merge of its hours: counts, sums (held at Int64.max past 64 bits),
        // extremes and the sorted values, days cut at UTC midnight, before 1970 too
        let migrated = try queue.read { try Self.days($0) }
        let day = Int64(1_790_812_800)
        #expect(migrated == [
            DayRow(gatewayID: 1, metricID: 1, dayStart: day, count: 4, sum: 65, min: 5, max: 30, values: [5, 10, 20, 30]),
            DayRow(gatewayID: 1, metricID: 1, dayStart: day + 86_400, count: 2, sum: 14, min: 7, max: 7, values: [7, 7]),
            DayRow(gatewayID: 1, metricID: 6, dayStart: day, count: 2, sum: .max, min: .max - 1, max: .max, values: [.max - 1, .max]),
            DayRow(gatewayID: 2, metricID: 1, dayStart: -86_400, count: 2, sum: 3, min: 1, max: 2, values: [1, 2]),
            DayRow(gatewayID: 2, metricID: 1, dayStart: 0, count: 1, sum: 3, min: 3, max: 3, values: [3]),
        ])
        // and equal to what the live store's rebuild makes of the same hours today
        let rebuilt = try queue.write { db in
            try DailyRollups.rebuildAll(db)
            return try Self.days(db)
        }
        #expect(rebuilt == migrated)
    }
}
