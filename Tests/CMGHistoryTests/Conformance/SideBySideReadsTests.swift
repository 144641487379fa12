import Foundation
import Testing
@testable import CMGHistory

/// A report's gateways read side by side (on PostgreSQL, several connections in one exported
/// snapshot) answer as if read in turn: in item order, all from the same moment even while an
/// import commits, the first failure in item order thrown, and the store usable afterwards.
@Suite("Reads side by side answer from one snapshot, in order, on every backend")
struct SideBySideReadsTests {
    static func gateway(_ index: Int) -> HistoryRecord {
        .onlineClients(OnlineClientsSample(gateway: "Gateway\(index).contoso.com", at: 1_790_812_800 + Int64(index) * 300, count: 10))
    }

    @Test(arguments: ConformanceBackend.allCases)
    func answersComeInOrderFromOneMoment(_ backend: ConformanceBackend) throws {
        // Given three gateways
        let folder = try TemporaryFolder()
        let store = try backend.makeStore(in: folder)
        _ = try store.importRecords((0..<3).map(Self.gateway), source: "first")
        let writer = backend == .sqliteInMemory ? nil : store

        // When nine items are read side by side, and a fourth gateway is imported once the snapshot began
        let (counts, sessions) = try store.snapshot { reads in
            let before = try reads.allGateways().count
            _ = try writer?.importRecords([Self.gateway(3)], source: "meanwhile")
            let answers = try reads.sideBySide(Array(0..<9)) { reads, item -> (Int, Int, String?) in
                // Long enough an item that a lane opening its connection meanwhile still finds items left.
                let session = try (reads as? PostgresSnapshot).map {
                    try $0.rows("SELECT pg_backend_pid() FROM pg_sleep(0.05)").int64(row: 0, column: 0)
                }
                return (item, try reads.allGateways().count, session.map(String.init))
            }
            #expect(answers.map(\.0) == Array(0..<9))
            return ([before] + answers.map(\.1), Set(answers.compactMap(\.2)))
        }

        // Then every item saw the three gateways the snapshot began with, and a later read sees four
        #expect(counts == Array(repeating: 3, count: 10))
        if writer != nil { #expect(try store.snapshot { try $0.allGateways().count } == 4) }
        // On PostgreSQL, on more than one connection where the machine has more than one core
        if backend == .postgres, PostgresSnapshot.helperLanes > 0 { #expect(sessions.count > 1) }
    }

    struct ItemFailed: Error, Equatable { let item: Int }

    @Test(arguments: ConformanceBackend.allCases)
    func theFirstFailureInOrderIsThrownAndTheStoreStillReads(_ backend: ConformanceBackend) throws {
        // Given a store with three gateways
        let folder = try TemporaryFolder()
        let store = try backend.makeStore(in: folder)
        _ = try store.importRecords((0..<3).map(Self.gateway), source: "first")

        // When items 4 and 6 of eight fail, one of them in a statement the server refuses
        let error = #expect(throws: (any Error).self) {
            try store.snapshot { reads in
                try reads.sideBySide(Array(0..<8)) { reads, item -> Int in
                    if let postgres = reads as? PostgresSnapshot {
                        _ = try postgres.rows("SELECT pg_sleep(0.03)")
                        if item == 6 { _ = try postgres.rows("SELECT no_such_column FROM gateway") }
                    }
                    if item == 4 { throw ItemFailed(item: item) }
                    return try reads.allGateways().count
                }
            }
        }

        // Then the first failure in item order is thrown
        #expect(error as? ItemFailed == ItemFailed(item: 4))
        // And every connection is clean: the next reads side by side answer
        for _ in 0..<3 {
            #expect(try store.snapshot { reads in try reads.sideBySide(Array(0..<5)) { reads, _ in try reads.allGateways().count } }
                    == Array(repeating: 3, count: 5))
        }
    }
}
