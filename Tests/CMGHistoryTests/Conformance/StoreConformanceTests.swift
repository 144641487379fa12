import Foundation
import Testing
@testable import CMGHistory

/// What every store backend must do the same way: idempotent imports, conflicts that keep the
/// stored value, rollups equal to the raw samples whatever order data arrives in, and pruning
/// that keeps every figure of whole hours.
@Suite("Store conformance: every backend gives the same values")
struct StoreConformanceTests {
    /// Two days of 5-minute online-client samples from 2026-10-01T00:00:00Z, a value per sample
    /// that repeats rarely (so percentiles mean something), as NDJSON lines.
    static let twoDays: [String] = (0..<576).map { step in
        let at = Timestamp.format(1_790_812_800 + Int64(step) * 300)
        return #"{"type":"online_clients","gateway":"G1.contoso.com","at":"\#(at)","count":\#((step * 37) % 1_000 + 200)}"#
    }
    static let period = ReportPeriod(start: 1_790_812_800, end: 1_790_812_800 + 2 * 86_400)

    private func dailyAndHourly(_ store: HistoryStore) throws -> String {
        let zone = try ReportZone(identifier: "Europe/Berlin")
        return try [TrendBucket.day, .hour].map { bucket in
            try JSONRender.render(store.trend(TrendRequest(metric: .onlineClients, bucket: bucket, period: Self.period, zone: zone)))
        }.joined(separator: "\n")
    }

    @Test(arguments: ConformanceBackend.allCases)
    func importingTheSameRecordsTwiceStoresThemOnce(_ backend: ConformanceBackend) throws {
        // Given a store holding every record type
        let folder = try TemporaryFolder()
        let store = try backend.makeStore(in: folder)
        let url = try #require(Bundle.module.url(forResource: "Fixtures/every-record-type", withExtension: "ndjson"))
        let fixture = try String(contentsOf: url, encoding: .utf8)
        let first = try importNDJSON(fixture, into: store, folder: folder)

        // When the same lines are imported again
        let second = try importNDJSON(fixture, into: store, folder: folder, name: "again.ndjson")

        // Then nothing new is stored: every line is a duplicate
        #expect(first.inserted > 0)
        #expect(first.rejected == 0)
        #expect(second.inserted == 0)
        #expect(second.conflicts == 0)
        #expect(second.duplicates == first.inserted + first.updated)
    }

    @Test(arguments: ConformanceBackend.allCases)
    func aDifferentValueAtAStoredInstantIsAConflictAndTheStoredValueStays(_ backend: ConformanceBackend) throws {
        // Given a stored sample
        let folder = try TemporaryFolder()
        let store = try backend.makeStore(in: folder)
        try importNDJSON(Self.twoDays[0] + "\n", into: store, folder: folder)

        // When another value arrives for the same gateway and instant
        let changed = Self.twoDays[0].replacingOccurrences(of: #""count":200"#, with: #""count":999"#)
        let summary = try importNDJSON(changed + "\n", into: store, folder: folder, name: "changed.ndjson")

        // Then it is a conflict, and reports read the stored value
        #expect(summary.conflicts == 1)
        #expect(summary.inserted == 0)
        let trend = try store.trend(TrendRequest(metric: .onlineClients, bucket: .day, period: Self.period, zone: .utc))
        #expect(trend.series.first?.points.first?.max == 200)
    }

    @Test(arguments: ConformanceBackend.allCases)
    func overlappingShuffledImportsGiveTheFiguresOfOneImport(_ backend: ConformanceBackend) throws {
        // Given the two days imported at once
        let folder = try TemporaryFolder()
        let once = try backend.makeStore(in: folder)
        try importNDJSON(Self.twoDays.joined(separator: "\n"), into: once, folder: folder)

        // When another store gets them as three overlapping parts, each shuffled, latest first
        let pieces = try backend.makeStore(in: folder)
        var generator = SplitMix64(seed: 13)
        for (index, range) in [380..<576, 0..<250, 200..<420].enumerated() {
            let part = Array(Self.twoDays[range]).shuffled(using: &generator)
            try importNDJSON(part.joined(separator: "\n"), into: pieces, folder: folder, name: "part\(index).ndjson")
        }

        // Then every hourly and daily figure, in a zone whose days are not UTC's, is the same
        #expect(try dailyAndHourly(pieces) == dailyAndHourly(once))
    }

    @Test(arguments: ConformanceBackend.allCases)
    func pruningKeepsTheFiguresOfWholeHours(_ backend: ConformanceBackend) throws {
        // Given the two days, and their figures
        let folder = try TemporaryFolder()
        let store = try backend.makeStore(in: folder)
        try importNDJSON(Self.twoDays.joined(separator: "\n"), into: store, folder: folder)
        let before = try dailyAndHourly(store)

        // When raw samples older than a day before the end are pruned (PostgreSQL drops whole
        // months, cutting at the first of the month: there the prune runs in November, so all of
        // October goes)
        let now = backend == .postgres ? 1_793_491_200 + 86_400 : Self.period.end
        let summary = try store.prune(keepDays: 1, now: now)

        // Then rows were deleted, and every hourly and daily figure is unchanged
        #expect(summary.deletedRows["online_clients_sample", default: 0] == (backend == .postgres ? 576 : 288))
        // (each point now says its hour was pruned; the figures are what must not move)
        #expect(try dailyAndHourly(store).replacingOccurrences(of: #""pruned" : true"#, with: #""pruned" : false"#) == before)
    }
}
