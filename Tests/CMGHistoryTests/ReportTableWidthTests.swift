import Foundation
import Testing
@testable import CMGHistory

/// The capacity report's table fits a terminal: warnings, values and notes wrap at spaces under
/// their first character, figures and their units stay together, and no width means one line each.
@Suite("Capacity and trend tables at a terminal's width")
struct ReportTableWidthTests {
    @Test func valuesWrapUnderTheirColumnAndUnitsStayWithTheirFigures() throws {
        // Given a gateway with a VM size, a 1-instance configuration (so a long recommendation) and a few samples
        let folder = try TemporaryFolder()
        let store = try folder.store()
        try importNDJSON("""
            {"type":"gateway","gateway":"GraniteFalls.contoso.com","at":"2026-10-01T00:00:00Z","vm_size":"Standard_A2_v2","instances":1}
            {"type":"alert_config","gateway":"GraniteFalls.contoso.com","at":"2026-10-01T00:00:00Z","egress_threshold_gb":10000,"egress_warning_pct":50,"egress_critical_pct":90}
            {"type":"online_clients","gateway":"GraniteFalls.contoso.com","at":"2026-10-02T00:00:00Z","count":1834}
            {"type":"status","gateway":"GraniteFalls.contoso.com","at":"2026-10-02T00:00:00Z","state":"Ready"}
            """, into: store, folder: folder)
        let report = try store.capacity(year: 2026, month: 10, zone: .utc)
        // When it is rendered at 60 columns, and with no width
        let narrow = CapacityRender.table(report, width: 60)
        let whole = CapacityRender.table(report)
        // Then every line fits, the words are the same, and no unit starts a line
        let lines = narrow.split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= 60 }, "\(narrow)")
        #expect(narrow.split(whereSeparator: \.isWhitespace) == whole.split(whereSeparator: \.isWhitespace))
        let continuations = lines.filter { $0.hasPrefix("          ") }.map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(!continuations.isEmpty && !continuations.contains { $0.hasPrefix("%") || $0.hasPrefix("GB") || $0.hasPrefix("min") }, "\(narrow)")
        // And a wrapped value continues under its first character
        let recommended = try #require(lines.firstIndex { $0.hasPrefix("  Recommended instances") })
        let column = try #require(lines[recommended].range(of: "2 (high")).lowerBound
        let offset = lines[recommended].distance(from: lines[recommended].startIndex, to: column)
        #expect(lines[recommended + 1].prefix(offset).allSatisfy { $0 == " " } && lines[recommended + 1].dropFirst(offset).first != " ")
        #expect(whole.split(separator: "\n").contains { $0.count > 60 })
    }

    @Test func aTrendsNotesWrapButItsFiguresAreWhole() throws {
        // Given a trend of a few online-client samples
        let folder = try TemporaryFolder()
        let store = try folder.store()
        try importNDJSON(#"{"type":"online_clients","gateway":"G1","at":"2026-10-02T00:00:00Z","count":1834}"#, into: store, folder: folder)
        let report = try store.trend(TrendRequest(metric: .onlineClients, bucket: .day, period: ReportPeriod(
            start: Timestamp.parse("2026-10-01T00:00:00Z") ?? 0, end: Timestamp.parse("2026-10-04T00:00:00Z") ?? 0), zone: .utc, gateways: []))
        // When it is rendered at 70 columns
        let narrow = TrendRender.table(report, width: 70)
        // Then the notes fit and the rows are those of the unlimited table
        let whole = TrendRender.table(report)
        let rows = { (text: String) in text.split(separator: "\n").filter { $0.hasPrefix("  ") } }
        #expect(rows(narrow) == rows(whole))
        #expect(narrow.split(separator: "\n").filter { !$0.hasPrefix("  ") }.allSatisfy { $0.count <= 70 }, "\(narrow)")
        #expect(whole.split(separator: "\n").contains { !$0.hasPrefix("  ") && $0.count > 70 })
    }

    @Test func aUnitTakesItsFigureToTheNextLine() {
        #expect(TextWrap.lines("egress 100.0 %", width: 12) == ["egress", "100.0 %"])
        #expect(TextWrap.lines("a verylongwordthatfitsnowhere b", width: 5) == ["a", "verylongwordthatfitsnowhere", "b"])
        #expect(TextWrap.lines("", width: 10).isEmpty)
    }
}
