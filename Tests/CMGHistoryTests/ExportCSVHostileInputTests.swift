import Foundation
import GRDB
import Testing
@testable import CMGHistory

/// CSV exports found by attacking the reader after issue 11: each lost its good rows.
@Suite("Export CSV: hostile input keeps the good rows")
struct ExportCSVHostileInputTests {
    static let header = #""ServiceCName","ServiceType","State","ExportedAt""#
    static func row(_ name: String) -> String { #""\#(name)","CloudProxyService","0","2026-10-01T14:00:00Z""# }

    func gateways(_ store: HistoryStore) throws -> [String] {
        try store.read { try String.fetchAll($0, sql: "SELECT name FROM gateway ORDER BY name") }
    }

    @Test func aQuoteNeverClosedRejectsItsRecordAndKeepsTheRowsBefore() throws {
        // Given an export whose last row opens a quote in ExportedAt and never closes it (a file cut short)
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let text = [Self.header, Self.row("A.contoso.com"), Self.row("B.contoso.com"),
                    #""C.contoso.com","CloudProxyService","0","2026-10-01T14:0"#].joined(separator: "\r\n")
        let path = try folder.write("cmg.csv", text + "\r\n")
        // When it is imported
        let summary = try ExportImporter(store: store).importFile(at: path)
        // Then the two rows before it are stored, and the rejection names the line and the field
        #expect(try gateways(store) == ["A.contoso.com", "B.contoso.com"])
        #expect(summary.rejections.map(\.line) == [4])
        #expect(summary.rejections.first?.problem.message
            == #"field "ExportedAt" has a quoted field that is never closed: the rest of the file, from line 4, is in it"#)
    }

    @Test func lineEndsThatAreALoneCarriageReturnSeparateRows() throws {
        // Given an export whose lines end with CR alone
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let path = try folder.write("cmg.csv", [Self.header, Self.row("A.contoso.com"), Self.row("B.contoso.com")].joined(separator: "\r") + "\r")
        // When it is imported
        let summary = try ExportImporter(store: store).importFile(at: path)
        // Then each row is a gateway, not one long header with nothing stored
        #expect(summary.rejections.isEmpty)
        #expect(try gateways(store) == ["A.contoso.com", "B.contoso.com"])
    }
}
