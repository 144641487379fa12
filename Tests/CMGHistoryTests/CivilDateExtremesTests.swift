import Testing
@testable import CMGHistory

@Suite("Civil dates of any Int64 instant: a damaged file can hold one")
struct CivilDateExtremesTests {
    /// `(local - 86_399)` overflowed, and trapped, for an instant within a day of Int64.min.
    @Test(arguments: [Int64.min, Int64.min + 1, Int64.min + 86_398, Int64.max, -1, 0])
    func anyInstantFormatsWithoutTrapping(instant: Int64) {
        // Given any instant
        // When it is formatted
        let text = CivilDate.rfc3339(instant)
        let local = CivilDate.rfc3339(instant, offset: instant < 0 ? -3600 : 3600)
        // Then it is a date-time, its time of day in range
        #expect(text.hasSuffix("Z") && text.contains("T"), "\(text)")
        #expect(local.contains("T"), "\(local)")
        let clock = text.split(separator: "T").last.map { $0.dropLast().split(separator: ":").compactMap { Int($0) } } ?? []
        #expect(clock.count == 3 && (0..<24).contains(clock[0]) && (0..<60).contains(clock[1]) && (0..<60).contains(clock[2]), "\(text)")
    }

    @Test func theFloorDivisionStillGivesTheKnownDates() {
        #expect(CivilDate.rfc3339(-1) == "1969-12-31T23:59:59Z")
        #expect(CivilDate.rfc3339(-86_400) == "1969-12-31T00:00:00Z")
        #expect(CivilDate.rfc3339(1_790_812_800) == "2026-10-01T00:00:00Z")
        #expect(CivilDate.rfc3339(1_790_812_800, offset: -7 * 3600) == "2026-09-30T17:00:00-07:00")
    }
}
