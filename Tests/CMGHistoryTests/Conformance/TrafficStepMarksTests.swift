import Foundation
import GRDB
import Testing
@testable import CMGHistory

/// Coverage of traffic counts the steps some endpoint of a gateway reported in. The steps are
/// read from the per-instant totals (`gateway_traffic_sample`), not from every endpoint's rows:
/// on every backend they must be exactly the steps of the endpoint samples themselves, with VM
/// instances seconds apart, endpoints at other instants, instants half a step from a mark, and
/// after a merge moves one gateway's endpoints into another's.
@Suite("Traffic steps are the endpoint samples' steps on every backend")
struct TrafficStepMarksTests {
    static let start: UnixSeconds = 1_790_812_800  // 2026-10-01T00:00:00Z

    /// Samples of two gateways: instance 1 and 2 of CCM_STS seconds apart, SMS_MP half a step
    /// late (149 s rounds down, 150 s rounds up), an hour with no traffic, a shared instant.
    static func samples() -> [EndpointTrafficSample] {
        var out: [EndpointTrafficSample] = []
        func add(_ gateway: String, _ endpoint: String, _ offset: Int64, instance: Int64 = 0) {
            out.append(EndpointTrafficSample(gateway: gateway, endpoint: endpoint, at: start + offset, intervalSeconds: 300,
                                             requestCount: 3, requestBytes: 30, responseCount: 3, responseBytes: 300,
                                             vmInstance: instance))
        }
        for step: Int64 in 0..<36 where !(12..<24).contains(step) {
            add("GraniteFalls.contoso.com", "CCM_STS", step * 300, instance: 1)
            add("GraniteFalls.contoso.com", "CCM_STS", step * 300 + 4, instance: 2)
            add("GraniteFalls.contoso.com", "SMS_MP", step * 300 + (step.isMultiple(of: 2) ? 149 : 150))
            add("RiverBend.contoso.com", "CCM_STS", step * 300 + 151)
        }
        add("RiverBend.contoso.com", "SMS_MP", 40 * 300)
        return out
    }

    /// The steps as the definition gives them: every endpoint sample's nearest mark, once each.
    static func expectedMarks(_ samples: [EndpointTrafficSample], gateways: Set<String>, interval: Int64,
                              from: UnixSeconds, to: UnixSeconds) -> [UnixSeconds] {
        let marks = samples.filter { gateways.contains($0.gateway) && $0.at >= from && $0.at < to }
            .map { ($0.at + interval / 2) / interval * interval }
        return Array(Set(marks)).sorted()
    }

    static func marks(_ store: HistoryStore, _ gateway: String, interval: Int64, from: UnixSeconds, to: UnixSeconds) throws -> [UnixSeconds] {
        try store.snapshot { reads in
            guard let id = try reads.allGateways().first(where: { $0.name == gateway })?.id else { return [] }
            let marks = try reads.trafficStepMarks(gatewayID: id, interval: interval, from: from, to: to)
            // The count a capacity report asks for, however the backend counts it, is the marks'.
            #expect(try reads.trafficSteps(gatewayID: id, interval: interval, from: from, to: to) == Int64(marks.count))
            return marks
        }
    }

    @Test(arguments: ConformanceBackend.allCases)
    func stepsAreTheEndpointSamplesStepsBeforeAndAfterAMerge(_ backend: ConformanceBackend) throws {
        // Given two gateways' endpoint traffic, in shuffled batches
        let folder = try TemporaryFolder()
        let store = try backend.makeStore(in: folder)
        let samples = Self.samples()
        var random = SplitMix64(seed: 13)
        let shuffled = samples.map(HistoryRecord.endpointTraffic).shuffled(using: &random)
        _ = try store.importRecords(Array(shuffled.prefix(50)), source: "first")
        _ = try store.importRecords(Array(shuffled.dropFirst(50)), source: "second")
        let (granite, river) = ("GraniteFalls.contoso.com", "RiverBend.contoso.com")

        // Then each gateway's steps, at 5 minutes, an hour, and over a window that cuts a step, are its samples' steps
        for (interval, from, to) in [(300, Self.start, Self.start + 86_400), (3_600, Self.start, Self.start + 86_400),
                                     (300, Self.start + 449, Self.start + 5_000)] as [(Int64, UnixSeconds, UnixSeconds)] {
            for gateway in [granite, river] {
                #expect(try Self.marks(store, gateway, interval: interval, from: from, to: to)
                        == Self.expectedMarks(samples, gateways: [gateway], interval: interval, from: from, to: to))
            }
        }
        // 24 steps of CCM_STS, and SMS_MP half a step late after steps 11 and 35 reaches steps 12 and 36.
        #expect(try Self.marks(store, granite, interval: 300, from: Self.start, to: Self.start + 86_400).count == 26)

        // When one gateway is merged into the other, the steps are those of both gateways' samples
        _ = try store.mergeGateway(river, into: granite)
        #expect(try Self.marks(store, granite, interval: 300, from: Self.start, to: Self.start + 86_400)
                == Self.expectedMarks(samples, gateways: [granite, river], interval: 300, from: Self.start, to: Self.start + 86_400))
    }

    @Test func stepsOfInstantsInOrderDropRepeatsAndNeverTrap() {
        var steps = TrafficStepMarks(interval: 300)
        for at: UnixSeconds in [-451, -450, -149, 0, 149, 150, 151, 449, 450, Int64.max - 10, Int64.max] { steps.add(at) }
        // Integer division truncates toward zero, as on both backends: -451 and -450 share step -1; past Int64.max is skipped.
        #expect(steps.marks == [-300, 0, 300, 600])
    }

    /// `cmg_traffic_steps` over instants given as a VALUES list, in that order.
    static func counted(_ instants: [String], interval: String = "300") throws -> Int64? {
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let rows = instants.map { "(\($0))" }.joined(separator: ", ")
        return try store.read { db in
            try Int64.fetchOne(db, sql: "SELECT \(TrafficStepCount.functionName)(column1, \(interval)) FROM (VALUES \(rows))")
        }
    }

    @Test func theCountInsideSQLiteIsTheMarksCountOrNothing() throws {
        // Given instants in order, with repeats, half steps, negative ones and ones past Int64.max
        let instants: [Int64] = [-451, -450, -149, 0, 4, 149, 150, 151, 449, 450, 900, Int64.max - 10, Int64.max]
        for interval: Int64 in [1, 300, 3_600] {
            var steps = TrafficStepMarks(interval: interval)
            instants.forEach { steps.add($0) }
            // Then SQLite's count is the marks'
            #expect(try Self.counted(instants.map(String.init), interval: "\(interval)") == Int64(steps.marks.count))
        }
        #expect(try Self.counted(instants.map(String.init)) == 5)
        // And where it cannot be sure (out of order, not an integer, no positive interval) it says nothing, so the marks are counted
        #expect(try Self.counted(["0", "600", "300"]) == nil)
        #expect(try Self.counted(["0", "'600'"]) == nil)
        #expect(try Self.counted(["0", "600.5"]) == nil)
        #expect(try Self.counted(["0", "NULL"]) == nil)
        #expect(try Self.counted(["0"], interval: "0") == nil)
        // And no row is no step
        let folder = try TemporaryFolder()
        #expect(try folder.store().read { db in
            try Int64.fetchOne(db, sql: "SELECT \(TrafficStepCount.functionName)(at, 300) FROM gateway_traffic_sample")
        } == 0)
    }

    @Test func aHistoryFilesStepsAreCountedInsideSQLite() throws {
        // Given a history file with two gateways' traffic
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let samples = Self.samples()
        _ = try store.importRecords(samples.map(HistoryRecord.endpointTraffic), source: "test")
        // Then the count SQLite gives, over the key range as the reports read it, is the marks' count, never left to the fallback
        for (interval, from, to) in [(300, Self.start, Self.start + 86_400), (3_600, Self.start, Self.start + 86_400),
                                     (300, Self.start + 449, Self.start + 5_000)] as [(Int64, UnixSeconds, UnixSeconds)] {
            for gateway in ["GraniteFalls.contoso.com", "RiverBend.contoso.com"] {
                let counted = try store.read { db -> Int64? in
                    guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM gateway WHERE name = ?", arguments: [gateway]) else { return nil }
                    return try TrafficStepCount.count(db, gatewayID: id, interval: interval, from: from, to: to)
                }
                #expect(counted == Int64(Self.expectedMarks(samples, gateways: [gateway], interval: interval, from: from, to: to).count))
            }
        }
    }

    @Test func aDatabaseFileCannotCallTheCountFromItsSchema() throws {
        // Given a history whose file defines a view over the function
        let folder = try TemporaryFolder()
        let store = try folder.store()
        try store.writeTransaction { db in
            try db.execute(sql: "CREATE VIEW hostile AS SELECT \(TrafficStepCount.functionName)(at, 300) AS n FROM gateway_traffic_sample")
        }
        // Then reading the view is refused: the function is for the reports' own statements only
        let error = #expect(throws: DatabaseError.self) {
            try store.read { db in try Int64.fetchOne(db, sql: "SELECT n FROM hostile") }
        }
        #expect(error?.message?.contains("unsafe use of \(TrafficStepCount.functionName)") == true)
    }
}

/// Migration 0011 keys `gateway_traffic_sample` by gateway, then instant: a version-10 history's
/// per-instant totals survive it row for row, and reports read them as before.
@Suite("Schema 11: per-instant traffic totals keyed by gateway")
struct GatewayTrafficKeyMigrationTests {
    @Test func aVersion10HistoryKeepsEveryTotalAndItsStepsAfterTheUpgrade() throws {
        // Given a version-10 database whose totals were written by the importer of today, then copied back
        let folder = try TemporaryFolder()
        let current = try folder.store("current.sqlite")
        _ = try current.importRecords(TrafficStepMarksTests.samples().map(HistoryRecord.endpointTraffic), source: "test")
        let rows = try current.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM gateway_traffic_sample ORDER BY gateway_id, at")
        }
        let values = rows.map { row in (0..<8).map { "\(row[$0] as Int64? ?? -1)" }.joined(separator: ",") }
        #expect(rows.count > 40)
        let inserts = values.map { "INSERT INTO gateway_traffic_sample VALUES (\($0));" }.joined(separator: "\n")
        let path = try folder.database(before: 11, sql: """
            INSERT INTO gateway(id, name) VALUES (1, 'GraniteFalls.contoso.com'), (2, 'RiverBend.contoso.com');
            \(inserts)
            """)
        // When it is upgraded
        let upgraded = try HistoryStore(path: path)
        // Then every row is there, keyed (gateway_id, at), and the steps read from it are the samples' steps
        let after = try upgraded.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM gateway_traffic_sample ORDER BY gateway_id, at")
        }.map { row in (0..<8).map { "\(row[$0] as Int64? ?? -1)" }.joined(separator: ",") }
        #expect(after == values)
        let key = try upgraded.read { db in
            try Row.fetchAll(db, sql: "SELECT name FROM pragma_index_info('sqlite_autoindex_gateway_traffic_sample_1')").map { $0[0] as String? }
        }
        #expect(key == ["gateway_id", "at"])
        let start = TrafficStepMarksTests.start
        #expect(try TrafficStepMarksTests.marks(upgraded, "GraniteFalls.contoso.com", interval: 300, from: start, to: start + 86_400)
                == TrafficStepMarksTests.marks(current, "GraniteFalls.contoso.com", interval: 300, from: start, to: start + 86_400))
    }
}
