import Testing
@testable import CMGHistory

/// Tables cut to a terminal's width by column priority; whole with no width.
@Suite("Text tables fitted to a width")
struct TextTableFitTests {
    static func table() -> TextTable {
        var table = TextTable(headers: ["time", "gateway", "message", "evidence"], alignments: [.left, .left, .left, .left])
        table.append(["2026-10-08 13:45:00Z", "GraniteFalls", "Ready → Error: The Azure AD app secret has expired. Renew the secret key.", "status snapshot 2026-10-08T13:45:00Z"])
        table.append(["2026-10-08 14:00:00Z", "CedarRapids", "online clients dropped", "derived"])
        return table
    }

    static func longest(_ text: String) -> Int { text.split(separator: "\n").map(\.count).max() ?? 0 }

    @Test func withoutAWidthEveryCellIsWhole() {
        // Given a wide table / When rendered with no width
        let text = Self.table().render()
        // Then nothing is cut
        #expect(text.contains("Renew the secret key.") && !text.contains("…"))
        #expect(Self.longest(text) > 100)
    }

    @Test func messageColumnsAreCutFirstWithAnEllipsis() {
        // Given the message column first to shrink, then the evidence
        var table = Self.table()
        table.shrinkOrder = [2, 3]
        // When rendered at 100 columns
        let text = table.render(width: 100)
        // Then each line fits, the message is cut with …, the times and names are whole
        #expect(Self.longest(text) <= 100)
        #expect(text.contains("GraniteFalls") && text.contains("2026-10-08 13:45:00Z"))
        #expect(text.contains("Ready → Error: The Azure AD app secret…") || text.contains("…"))
        #expect(text.contains("status snapshot 2026-10-08T13:45:00Z"))
        #expect(table.isCut(width: 100) && !table.isCut(width: 500))
    }

    @Test func aColumnIsDroppedWhenCuttingIsNotEnoughAndAMinimumHolds() {
        // Given evidence droppable and the message kept at 20 at least
        var table = Self.table()
        table.shrinkOrder = [3, 1, 2]
        table.minimumWidths = [2: 20]
        table.dropOrder = [3]
        // When rendered at 60 columns with an indent
        let text = table.render(indent: "  ", width: 60)
        // Then the evidence column is gone, the message is 20 characters or more, and each line fits
        #expect(!text.contains("evidence") && !text.contains("derived"))
        #expect(Self.longest(text) <= 60, "\(text)")
        let header = text.split(separator: "\n").first.map(String.init) ?? ""
        #expect(header.hasPrefix("  time                  gateway   message"))
        #expect(text.contains("online clients dropp"))
    }

    @Test func aWidthTooSmallForAnyFitStillRendersEveryRow() {
        // Given a width no table fits / When rendered
        var table = Self.table()
        table.shrinkOrder = [2, 3, 1]
        let text = table.render(width: 10)
        // Then each row is still there, cut to the columns' minimums, never a trap
        #expect(text.split(separator: "\n").count == 3)
        #expect(text.contains("2026-10-08 14:00:00Z"))
    }
}
