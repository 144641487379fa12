import Testing
@testable import CMGHistory

/// One floor division for instants: rounds toward negative infinity and cannot overflow.
@Suite("Floor division of instants")
struct FloorDivisionTests {
    static let cases: [(Int64, Int64, Int64)] = [
        (0, 1000, 0), (999, 1000, 0), (1000, 1000, 1), (-1, 1000, -1), (-1000, 1000, -1), (-1001, 1000, -2),
        (Int64.max, 86_400, Int64.max / 86_400), (Int64.min, 1000, Int64.min / 1000 - 1), (Int64.min, 1, Int64.min),
    ]

    @Test(arguments: cases)
    func roundsDownAndNeverTraps(value: Int64, divisor: Int64, expected: Int64) {
        #expect(value.floorDivided(by: divisor) == expected)
    }

    @Test func daysLeftCountWholeDaysEvenAtTheLimits() {
        #expect(ExpiryStatus.daysLeft(expiresAt: 86_399, now: 0) == 0)
        #expect(ExpiryStatus.daysLeft(expiresAt: -1, now: 0) == -1)
        #expect(ExpiryStatus.daysLeft(expiresAt: Int64.min, now: 0) == Int64.min / 86_400 - 1)
    }
}
