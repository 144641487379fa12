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

@Suite("Export text: UTF-16 that does not decode keeps the good rows")
struct ExportUTF16HostileInputTests {
    @Test(arguments: [
        ([UInt8](), [UInt8(ascii: "A")]),  // one byte appended after the last line: an odd byte count
        ([UInt8(ascii: "\""), 0, 0x00, 0xD8, UInt8(ascii: "\""), 0, UInt8(ascii: ","), 0], [UInt8]()),  // a lone high surrogate in a row
    ])
    func theRowHoldingTheBadUnitIsRejectedAndTheOthersStored(badRowPrefix: [UInt8], trailing: [UInt8]) throws {
        // Given a UTF-16LE export (with a BOM) whose bytes break in its last row or after it
        let folder = try TemporaryFolder()
        let store = try folder.store()
        func le(_ text: String) -> [UInt8] { text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } }
        let good = le(ExportCSVHostileInputTests.header + "\r\n" + ExportCSVHostileInputTests.row("A.contoso.com") + "\r\n")
        let bad = badRowPrefix.isEmpty ? [] : badRowPrefix + le(#""CloudProxyService","0","2026-10-01T14:00:00Z""# + "\r\n")
        let path = folder.path("cmg.csv")
        try Data([0xFF, 0xFE] + good + bad + trailing).write(to: URL(fileURLWithPath: path))
        // When it is imported
        let summary = try ExportImporter(store: store).importFile(at: path)
        // Then the file is read as UTF-16 with bad bytes named, the good row stored, the bad one rejected
        #expect(summary.formatDetail?.contains("UTF-16LE, with bytes that are not UTF-16") == true)
        #expect(try store.read { try String.fetchAll($0, sql: "SELECT name FROM gateway") } == ["A.contoso.com"])
        // (the odd byte is a row of its own, U+FFFD alone: it has too few fields)
        #expect(summary.rejections.map(\.line) == [3])
    }
}

@Suite("Exports: a property named twice")
struct ExportDuplicatePropertyTests {
    @Test func twoDifferentValuesRejectTheRowAndTheSameValueTwiceIsHarmless() throws {
        // Given a CSV whose header names ServiceCName twice (and State in two cases)
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let text = #""ServiceCName","ServiceCName","State","state","ExportedAt""# + "\n"
            + #""A.contoso.com","A.contoso.com","0","0","2026-10-01T14:00:00Z""# + "\n"
            + #""B.contoso.com","C.contoso.com","0","0","2026-10-01T14:00:00Z""# + "\n"
            + #""D.contoso.com","D.contoso.com","0","2","2026-10-01T14:00:00Z""# + "\n"
        let path = try folder.write("cmg.csv", text)
        // When it is imported
        let summary = try ExportImporter(store: store).importFile(at: path)
        // Then the row that agrees with itself is stored; each row giving two values is rejected, naming the property
        #expect(try store.read { try String.fetchAll($0, sql: "SELECT name FROM gateway") } == ["A.contoso.com"])
        #expect(summary.rejections.map(\.line) == [3, 4])
        #expect(summary.rejections.map(\.problem.message) == [
            #"field "ServiceCName" is given twice, with two different values: which one is meant is unknown"#,
            #"field "state" is given twice, with two different values: which one is meant is unknown"#,
        ])
    }

    @Test func inJSONNamesThatDifferOnlyInCaseAreOneProperty() throws {
        // Given a JSON object with ServiceCName and servicecname holding two names
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let path = try folder.write("cmg.json", #"[{"ServiceCName":"E.contoso.com","servicecname":"F.contoso.com","ExportedAt":"2026-10-01T14:00:00Z"}]"#)
        // When it is imported, then no gateway is made from a guess, and the row is rejected
        let summary = try ExportImporter(store: store).importFile(at: path)
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM gateway") } == 0)
        #expect(summary.rejections.map(\.problem.field) == ["servicecname"])
    }
}

extension ExportCSVHostileInputTests {
    @Test func aByteOrderMarkOpeningALaterRowIsNoPartOfItsName() throws {
        // Given two CSV exports with byte order marks joined into one file (the second's header repeated)
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let text = "\u{FEFF}" + [Self.header, Self.row("A.contoso.com")].joined(separator: "\r\n") + "\r\n"
            + "\u{FEFF}" + Self.row("B.contoso.com") + "\r\n"
        let path = try folder.write("cmg.csv", text)
        // When it is imported
        _ = try ExportImporter(store: store).importFile(at: path)
        // Then the second gateway is named as written, without the mark or the quotes
        #expect(try gateways(store) == ["A.contoso.com", "B.contoso.com"])
    }
}

extension ExportCSVHostileInputTests {
    @Test func aRaggedRowNamesTheColumnItLacksOrTheOneBeyondTheHeader() throws {
        // Given rows with too few and too many fields between good ones
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let text = [Self.header, Self.row("A.contoso.com"), #""R1.contoso.com","CloudProxyService""#,
                    Self.row("R2.contoso.com") + #","extra""#, Self.row("B.contoso.com")].joined(separator: "\r\n") + "\r\n"
        let path = try folder.write("cmg.csv", text)
        // When it is imported
        let summary = try ExportImporter(store: store).importFile(at: path)
        // Then each ragged row is rejected naming a column, and the good rows are stored
        #expect(try gateways(store) == ["A.contoso.com", "B.contoso.com"])
        #expect(summary.rejections.map(\.problem.message) == [
            #"field "State" is missing: the row has 2 fields but the header on line 1 has 4"#,
            #"field "column 5" is beyond the header: the row has 5 fields but the header on line 1 has 4"#,
        ])
    }
}
