import Foundation
import GRDB
import Testing
@testable import CMGHistory

@Suite("Times without a zone at a DST change: one rule, counted, and no sample dropped silently")
struct LocalTimeDSTTests {
    static let berlin = SourceTimeZone(identifier: "Europe/Berlin")

    @Test(arguments: [
        // Spring forward, 2026-03-29: the clock goes from 02:00 CET to 03:00 CEST.
        ("2026-03-29 01:30:00", "2026-03-29T00:30:00Z", SourceTimeZone.LocalTimeFit.unique),
        ("2026-03-29 02:30:00", "2026-03-29T01:30:00Z", .nonexistent),  // moved forward by the skipped hour
        ("2026-03-29 03:30:00", "2026-03-29T01:30:00Z", .unique),
        // Fall back, 2026-10-25: the clock goes from 03:00 CEST back to 02:00 CET.
        ("2026-10-25 02:30:00", "2026-10-25T00:30:00Z", .ambiguous),    // the first of the two: summer time
        ("2026-10-25 03:30:00", "2026-10-25T02:30:00Z", .unique),
    ])
    func eachLocalTimeHasOneInstantByTheDocumentedRule(_ local: String, _ utc: String, _ fit: SourceTimeZone.LocalTimeFit) throws {
        let zone = try #require(Self.berlin)
        let resolved = try #require(PowerShellTime.resolve(local, zone: zone))
        #expect(Timestamp.format(resolved.instant) == utc)
        #expect(resolved.fit == fit)
    }

    @Test func twoRowsThatADSTChangeMakesOneInstantAreAConflictAndTheRuleIsCounted() throws {
        // Given one gateway, and BGB_Statistics rows around both of Berlin's DST changes
        let folder = try TemporaryFolder()
        let store = try folder.store()
        try importNDJSON(#"{"type":"gateway","gateway":"G1","at":"2026-01-01T00:00:00Z"}"#, into: store, folder: folder)
        let path = try folder.write("bgb.csv", """
            TimeStamp,CMGOnlineClients,InternetOnlineClients,IntranetOnlineClients
            2026-03-29 01:30:00.000,10,,
            2026-03-29 02:30:00.000,20,,
            2026-03-29 03:30:00.000,30,,
            2026-10-25 02:30:00.000,40,,
            """)
        // When it is imported with --source-tz Europe/Berlin
        let zone = try #require(Self.berlin)
        let summary = try ExportImporter(store: store).importFile(at: path, options: ExportImportOptions(sourceTimeZone: zone),
                                                                  fileModifiedAt: ExportFixtures.october1)
        // Then 03:30 CEST, the same instant as 02:30 moved forward, is a conflict named with both lines
        #expect(summary.conflicts == 1 && summary.inserted == 3 && summary.rejected == 0)
        #expect(summary.conflictList.map(\.description) == [
            "\(path):4: conflicts with line 3 (TimeStamp \"2026-03-29 03:30:00.000\" and line 3's \"2026-03-29 02:30:00.000\" are "
                + "both 2026-03-29T01:30:00Z in Europe/Berlin, where a DST change skips or repeats an hour): kept line 3",
        ])
        // And the rule's two cases are counted and said
        #expect(summary.nonexistentLocalTimes == 1 && summary.ambiguousLocalTimes == 1)
        #expect(summary.notes.contains("1 time without a zone fell in the hour Europe/Berlin skips when DST begins: moved forward by the skipped hour"))
        #expect(summary.notes.contains("1 time without a zone fell in the hour Europe/Berlin repeats when DST ends: read as the first of the two (summer time)"))
        let stored = try store.read { try Row.fetchAll($0, sql: "SELECT at, count FROM online_clients_sample ORDER BY at") }
        #expect(stored.map { Timestamp.format($0["at"]) } == ["2026-03-29T00:30:00Z", "2026-03-29T01:30:00Z", "2026-10-25T00:30:00Z"])
        #expect(stored.map { $0["count"] as Int64 } == [10, 20, 40])
    }
}
