import Foundation
import Testing
@testable import CMGHistory

/// The periods reports take when the command line names none, cut in the report's zone.
@Suite("Default report periods")
struct DefaultPeriodsTests {
    static func t(_ text: String) -> Int64 { Timestamp.parse(text) ?? 0 }

    @Test(arguments: [
        ("2026-12-01T00:30:00+01:00", "Europe/Berlin", 2026, 11),  // just after midnight in Berlin, still November in UTC
        ("2026-11-30T23:30:00Z", "UTC", 2026, 10),
        ("2027-01-01T00:00:00Z", "UTC", 2026, 12),  // January's last full month is last year's December
        ("2026-03-01T07:59:59Z", "America/Los_Angeles", 2026, 1),  // still 28 February there
        ("1970-01-01T00:00:00Z", "America/Los_Angeles", 1969, 11),  // before 1970 locally: floor division
    ])
    func theLastFullMonthIsTheOneBeforeTheLocalMonthOfNow(now: String, zone: String, year: Int, month: Int) throws {
        // Given now in a zone / When the default month is asked for
        let found = DefaultPeriods.lastFullMonth(before: Self.t(now), zone: try ReportZone(identifier: zone))
        // Then it is the month before the local one
        #expect(found.year == year && found.month == month)
    }

    @Test func theLastThirtyDaysEndAtTheNextLocalMidnightAcrossADaylightSavingChange() throws {
        // Given now on the day Berlin springs forward (29 March 2026, a 23-hour day)
        let zone = try ReportZone(identifier: "Europe/Berlin")
        let period = try #require(DefaultPeriods.recentDays(endingAt: Self.t("2026-03-29T12:00:00Z"), zone: zone))
        // Then the period runs from local midnight 29 days before to the next local midnight
        #expect(period.start == Self.t("2026-02-28T00:00:00+01:00"))
        #expect(period.end == Self.t("2026-03-30T00:00:00+02:00"))
        // And it is 30 local days, one of them an hour short
        #expect(period.end - period.start == 30 * 86_400 - 3600)
    }

    @Test func oneDayIsTodayAndNoDaysIsNoPeriod() throws {
        let zone = try ReportZone(identifier: "Europe/Berlin")
        // Given now late on 25 October 2026, the 25-hour day Berlin falls back
        let today = try #require(DefaultPeriods.recentDays(endingAt: Self.t("2026-10-25T21:00:00Z"), days: 1, zone: zone))
        // Then one day is that local day, 25 hours long
        #expect(today.start == Self.t("2026-10-25T00:00:00+02:00") && today.end - today.start == 25 * 3600)
        // And zero days is refused rather than an empty or inverted period
        #expect(DefaultPeriods.recentDays(endingAt: Self.t("2026-10-25T21:00:00Z"), days: 0, zone: zone) == nil)
    }
}
