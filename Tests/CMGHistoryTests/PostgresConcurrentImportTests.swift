import Foundation
import Testing
@testable import CMGHistory

/// Four collectors importing shuffled, overlapping parts of one history into one PostgreSQL schema
/// at once leave exactly what one import of the whole leaves.
extension PostgresTests {
    @Suite("PostgreSQL record writer: concurrent collectors")
    struct ConcurrentCollectors {
        @Test func fourWritersOfOverlappingShuffledPartsGiveTheOneShotRollupsSpansAndRows() throws {
            // Given three days of demo history with a record of every type, and four shuffled parts of it that overlap
            let url = try #require(Bundle.module.url(forResource: "Fixtures/every-record-type", withExtension: "ndjson"))
            let everyType = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
            let lines = try RecordWriterFixture.demoLines(days: 3) + everyType
            let parts = RecordWriterFixture.overlappingParts(lines, count: 4, seed: 9)
            try PostgresTestServer.withFreshSchema { shared, _ in
                _ = try PostgresDatabase(shared)
                // When four threads, each with its own connection, import one part each in small batches
                final class Counts: @unchecked Sendable {
                    let lock = NSLock()
                    var inserted = 0, duplicates = 0, other = 0
                }
                let counts = Counts()
                let errors = runConcurrently(4) { index in
                    let database = try PostgresDatabase(shared)
                    let summary = try RecordWriterFixture.importPostgres(parts[index], on: database.connection, batchSize: 400, name: "part\(index)")
                    counts.lock.lock()
                    counts.inserted += summary.inserted
                    counts.duplicates += summary.duplicates
                    counts.other += summary.rejected + summary.conflicts + summary.updated
                    counts.lock.unlock()
                }
                #expect(errors.allSatisfy { $0 == nil }, "\(errors.compactMap { $0 })")
                // And the whole history goes, once, into another schema
                try PostgresTestServer.withDatabase { oneShot in
                    let summary = try RecordWriterFixture.importPostgres(lines, on: oneShot.connection, batchSize: 20_000, name: "all")
                    // Then each record was stored once, the rest were duplicates
                    #expect(counts.inserted == summary.inserted && counts.other == 0)
                    #expect(counts.duplicates == parts.map(\.count).reduce(0, +) - summary.inserted)
                    // And every table equals the one-shot's, gateways and endpoints compared by name
                    let concurrent = try PostgresDatabase(shared)
                    let left = try ConcurrentCollectors.tablesByName(concurrent.connection)
                    let right = try ConcurrentCollectors.tablesByName(oneShot.connection)
                    for (table, rows) in right {
                        #expect(left[table] == rows, "\(table) differs after concurrent imports")
                    }
                    #expect((right["rollup_hour"]?.count ?? 0) > 100 && (right["state_span"]?.count ?? 0) > 0)
                    #expect((right["operation"]?.count ?? 0) > 0 && (right["gateway_config"]?.count ?? 0) > 0)
                }
            }
        }

        /// The derived, raw and configuration tables, with gateway and endpoint ids replaced by names (ids depend
        /// on which writer created a series first), each sorted.
        static func tablesByName(_ connection: PGConnection) throws -> [String: [String]] {
            let queries = [
                "rollup_hour": "SELECT g.name, r.metric_id, r.hour_start, r.count, r.sum, r.min, r.max, encode(r.value_list, 'hex') FROM rollup_hour r JOIN gateway g ON g.id = r.gateway_id",
                "rollup_day": "SELECT g.name, r.metric_id, r.day_start, r.count, r.sum, r.min, r.max, encode(r.value_list, 'hex') FROM rollup_day r JOIN gateway g ON g.id = r.gateway_id",
                "state_span": "SELECT g.name, s.first_seen_at, s.last_seen_at, s.state_code, s.state, s.description, s.snapshot_count FROM state_span s JOIN gateway g ON g.id = s.gateway_id",
                "gateway_traffic_sample": "SELECT g.name, t.at, t.endpoint_samples, t.request_count, t.request_bytes, t.response_bytes, t.elapsed_weighted, t.elapsed_requests FROM gateway_traffic_sample t JOIN gateway g ON g.id = t.gateway_id",
                "endpoint_traffic_sample": "SELECT g.name, e.name, e.interval_s, t.at, t.vm_instance, t.interval_s, t.request_count, t.unanswered_count FROM endpoint_traffic_sample t JOIN endpoint e ON e.id = t.endpoint_id JOIN gateway g ON g.id = e.gateway_id",
                "online_clients_sample": "SELECT g.name, s.at, s.count FROM online_clients_sample s JOIN gateway g ON g.id = s.gateway_id",
                "status_snapshot": "SELECT g.name, s.at, s.state, s.description FROM status_snapshot s JOIN gateway g ON g.id = s.gateway_id",
                "gateway_config": "SELECT g.name, c.at, c.site, c.region, c.vm_size, c.instances, c.extra::text FROM gateway_config c JOIN gateway g ON g.id = c.gateway_id",
                "alert_config": "SELECT g.name, c.at, c.egress_threshold_bytes, c.egress_warning_pct, c.stop_on_critical, c.storage_quota_bytes FROM alert_config c JOIN gateway g ON g.id = c.gateway_id",
                "operation": "SELECT g.name, o.kind, o.requested_at, o.completed_at, o.outcome, o.actor, o.note, o.task_key FROM operation o JOIN gateway g ON g.id = o.gateway_id",
                "credential": "SELECT g.name, c.kind, c.name, c.subject, c.thumbprint, c.not_before, c.expires_at, c.renewed_at FROM credential c JOIN gateway g ON g.id = c.gateway_id",
                "gateway": "SELECT name, azure_service_id FROM gateway",
            ]
            var tables: [String: [String]] = [:]
            for (table, sql) in queries {
                let result = try connection.query("SELECT concat_ws('|', q.*) FROM (\(sql)) AS q")
                tables[table] = try (0..<result.rowCount).map { try result.string(row: $0, column: 0) }.sorted()
            }
            return tables
        }
    }
}
