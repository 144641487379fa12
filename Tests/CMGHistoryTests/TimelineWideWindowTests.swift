import Foundation
import Testing
@testable import CMGHistory

extension TimelineTests {
    @Test func aWindowOfCenturiesCostsWhatItsDataCostsNotOneStepPerHour() throws {
        // Given five weeks of hourly online clients with a three-hour drop on the last day
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let start = Self.t("2026-09-03T00:00:00Z")
        let lines = (0..<(35 * 24)).map { hour in
            let at = start + Int64(hour) * 3600
            let low = at >= Self.t("2026-10-07T14:00:00Z") && at < Self.t("2026-10-07T17:00:00Z")
            return #"{"type":"online_clients","gateway":"G1","at":"\#(Timestamp.format(at + 60))","count":\#(low ? 10 : 100)}"#
        }
        try importNDJSON(lines.joined(separator: "\n"), into: store, folder: folder)
        // When the timeline covers every storable instant (70 million hours: minutes when each was visited)
        let clock = ContinuousClock()
        let began = clock.now
        let t = try timeline(store, "1970-01-01T00:00:00Z", "9999-12-31T23:59:59Z")
        let took = clock.now - began
        // Then it is quick, and finds the same drop and recovery as a window of hours does
        #expect(took < .seconds(2))  // 0.15 s here; 7 s when every hour was stepped through
        #expect(story(t).filter { $0.contains("traffic") } == [
            "2026-10-07T14:00:00Z traffic_drop online clients dropped: 10 on average, 10 % of the usual 100, 14:00–15:00; low until 17:00",
            "2026-10-07T17:00:00Z traffic_recovered online clients recovered: 100 on average, 100 % of the usual 100, 17:00–18:00",
        ])
    }
}
