import Foundation
import GRDB
import Testing
@testable import CMGHistory

/// `db recover` rebuilds rollups and spans from what it salvaged: a damaged row whose instant no
/// import writes (near Int64's limits) is left out and counted, never an overflow that traps.
@Suite("Recovery with instants out of range")
struct RecoveryOutOfRangeTests {
    @Test func rowsWithImpossibleInstantsAreLeftOutAndTheRestRebuilt() throws {
        // Given a database with good samples, and rows a damaged file might hold at extreme instants
        let folder = try TemporaryFolder()
        let store = try folder.store("bad.sqlite")
        try importNDJSON("""
            {"type":"online_clients","gateway":"G1","at":"2026-10-01T00:05:00Z","count":10}
            {"type":"status","gateway":"G1","at":"2026-10-01T00:00:00Z","state":"Ready"}
            {"type":"storage","gateway":"G1","at":"2026-10-01T00:00:00Z","used_bytes":5}
            """, into: store, folder: folder)
        try store.writeTransaction { db in
            try db.execute(sql: """
                INSERT INTO online_clients_sample(gateway_id, at, count) VALUES (1, 9223372036854775000, 1), (1, -9223372036854775000, 2);
                INSERT INTO storage_sample(gateway_id, at, used_bytes) VALUES (1, 9223372036854775807, 3);
                INSERT INTO status_snapshot(gateway_id, at, state_code, state, description) VALUES (1, 9223372036854775807, 0, 'Ready', '');
                """)
        }
        // When it is recovered into a new file
        let summary = try StoreRecovery.recover(from: store.path, to: folder.path("good.sqlite"))
        // Then the impossible rows are left out and counted, the good ones kept, and the copy checks clean
        #expect(summary.outOfRange == ["online_clients_sample": 2, "storage_sample": 1, "status_snapshot": 1])
        let good = try HistoryStore(path: folder.path("good.sqlite"))
        #expect(try good.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM online_clients_sample") } == 1)
        #expect(try good.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM rollup_hour") } == 2)
        #expect(try good.check().problems.isEmpty)
    }
}
