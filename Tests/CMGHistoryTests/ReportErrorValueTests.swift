import Testing
@testable import CMGHistory

/// The library's report errors carry the values at fault and say them without the command
/// line's flags: a Swift program calling the library typed no `--month`.
@Suite("Report errors carry values, not flag names")
struct ReportErrorValueTests {
    @Test func anEmptyPeriodSaysItsBoundsAndNoFlag() throws {
        // Given a period whose end is its start
        // When the library reads it
        let error = #expect(throws: ReportError.self) {
            try ReportPeriod.parse(from: "2026-10-02T00:00:00Z", to: "2026-10-02T00:00:00Z", zone: .utc)
        }
        // Then the error carries both values, and its sentence names no flag
        #expect(error == .emptyPeriod(from: "2026-10-02T00:00:00Z", to: "2026-10-02T00:00:00Z"))
        #expect(error?.description == "the period is empty: 2026-10-02T00:00:00Z is not before 2026-10-02T00:00:00Z")
    }

    @Test func aMonthThatIsNoneSaysTheTextAndNoFlag() throws {
        // Given a capacity report asked for a thirteenth month
        let folder = try TemporaryFolder()
        let store = try folder.store()
        // When the library is asked for it
        let error = #expect(throws: ReportError.self) {
            try store.capacity(year: 2026, month: 13, zone: .utc, gateways: [])
        }
        // Then the error carries the month as text and names no flag
        #expect(error == .invalidMonth("2026-13"))
        #expect(error?.description == "2026-13 is not a month like 2026-10")
    }
}
