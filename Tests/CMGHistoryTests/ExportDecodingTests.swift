import Foundation
import Testing
@testable import CMGHistory

@Suite("Reading Windows exports: encodings, times, CSV, format detection")
struct ExportDecodingTests {
    @Test(arguments: [
        ("2026-10-01T12:00:00Z", 1_790_856_000),
        ("2026-10-01T14:00:00.1234567+02:00", 1_790_856_000),
        (#"\/Date(1790856000000)\/"#, 1_790_856_000),
        ("/Date(1790856000999)/", 1_790_856_000),
        (#"\/Date(1790856000000+0900)\/"#, 1_790_856_000),
        ("20261001120000.000000+000", 1_790_856_000),
        ("20261001140000.000000+120", 1_790_856_000),
        ("20261001070000.000000-300", 1_790_856_000),
        ("2026-10-01 12:00:00.000", 1_790_856_000),
        ("2026-10-01T12:00:00", 1_790_856_000),
        ("10/1/2026 12:00:00 PM", 1_790_856_000),
        ("10/01/2026 12:00:00", 1_790_856_000),
        ("10/1/2026 12:00:00 AM", 1_790_812_800),
    ] as [(String, Int64)])
    func everyWindowsTimeFormReadsAsTheSameInstant(text: String, expected: Int64) {
        #expect(PowerShellTime.parse(text, zone: .utc) == expected)
    }

    @Test func zonelessTimesAreReadInTheSourceZoneAcrossDaylightSaving() throws {
        let berlin = try #require(SourceTimeZone(identifier: "Europe/Berlin"))
        // Summer: UTC+2; winter: UTC+1; a zone-qualified time ignores the source zone.
        #expect(PowerShellTime.parse("2026-10-01 14:00:00", zone: berlin) == 1_790_856_000)
        #expect(PowerShellTime.parse("2026-12-01 13:00:00", zone: berlin) == PowerShellTime.parse("2026-12-01T12:00:00Z", zone: .utc))
        #expect(PowerShellTime.parse("2026-10-01T12:00:00Z", zone: berlin) == 1_790_856_000)
        #expect(SourceTimeZone(identifier: "Mars/Olympus") == nil)
    }

    @Test(arguments: ["yesterday", "", "13/45/2026 1:00:00 PM", "/Date(abc)/", "20261301120000.000000+000", "2026-02-30 00:00:00"])
    func notATimeIsNil(text: String) {
        #expect(PowerShellTime.parse(text, zone: .utc) == nil)
    }

    @Test func utf16WithAndWithoutAByteOrderMarkAndUTF8BOMAreDecoded() throws {
        let text = "\"ServerName\",\"ConnectionStatus\"\r\n\"CMGCP1\",\"2\"\r\n"
        let leNoBOM: [UInt8] = text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let le: [UInt8] = [0xFF, 0xFE] + leNoBOM
        let be: [UInt8] = [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(text.utf8)
        #expect(ExportText(le)?.text == text && ExportText(le)?.encoding == "UTF-16LE")
        #expect(ExportText(leNoBOM)?.text == text)
        #expect(ExportText(be)?.text == text && ExportText(be)?.encoding == "UTF-16BE")
        #expect(ExportText(utf8BOM)?.text == text && ExportText(utf8BOM)?.encoding == "UTF-8 with BOM")
        // Not UTF-8: decoded with U+FFFD, which the rows holding it are rejected for (InvalidUTF8ExportTests)
        #expect(ExportText([0xC3, 0x28])?.encoding == "UTF-8, with bytes that are not UTF-8")
    }

    @Test func csvHandlesTypeLineQuotesDoubledQuotesNewlinesInFieldsAndCRLF() throws {
        let text = ["#TYPE System.Data.DataRow", #""Name","Note","Count""#, #""a","said ""hi""","1""#,
                    #""b","two"#, #"lines","2""#, "", "c,plain,3"].joined(separator: "\r\n")
        let table = try CSVTable(parsing: text)
        #expect(table.typeName == "System.Data.DataRow")
        #expect(table.header == ["Name", "Note", "Count"] && table.headerLine == 2)
        #expect(table.records.map(\.line) == [3, 4, 7])
        #expect(table.records.map(\.fields) == [["a", #"said "hi""#, "1"], ["b", "two\r\nlines", "2"], ["c", "plain", "3"]])
    }

    @Test func csvWithTheCultureSeparatorAndAnUnclosedQuote() throws {
        let semicolons = try CSVTable(parsing: "\"ServerName\";\"ConnectionStatus\"\n\"CMGCP1\";\"2\"\n")
        #expect(semicolons.header == ["ServerName", "ConnectionStatus"] && semicolons.records.first?.fields == ["CMGCP1", "2"])
        // The record that opens the quote is set aside; the rows before it are kept (ExportCSVHostileInputTests).
        let unclosed = try CSVTable(parsing: "a,b\n\"x,y\n")
        #expect(unclosed.records.isEmpty && unclosed.unclosedQuote == CSVTable.UnclosedQuote(line: 2, column: 0))
        #expect(throws: CSVTable.Failure(line: 1, reason: "has a quoted field that is never closed")) {
            try CSVTable(parsing: "a,\"b\n")
        }
    }

    @Test(arguments: [
        ("azure-service-ps51.json", ExportFormat.azureService),
        ("azure-service-ps7.json", .azureService),
        ("azure-service-adminservice.json", .azureService),
        ("azure-service-ps51.csv", .azureService),
        ("azure-services-task-wmi.csv", .azureServicesTask),
        ("azure-services-task-later.json", .azureServicesTask),
        ("proxy-connectors.csv", .proxyConnectors),
        ("bgb-statistics.csv", .bgbStatistics),
        ("bgb-statistics-en-us.csv", .bgbStatistics),
        ("GraniteFalls.cer", .certificate),
        ("GraniteFalls.pem", .certificate),
        ("GraniteFalls-chain.pem", .certificate),
    ])
    func theFormatIsToldFromTheContent(fixture: String, format: ExportFormat) throws {
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: ExportFixtures.path(fixture))))
        // The name is not what tells it: every fixture is sniffed as if it were called "export.txt".
        #expect(ExportFormatSniffer.sniff(bytes, fileName: "export.txt") == format)
    }

    @Test func ndjsonAndUnknownTextAreToldApart() {
        #expect(ExportFormatSniffer.sniff(Array(#"{"type":"status","gateway":"G","at":"2026-10-01T00:00:00Z","state":"Ready"}"#.utf8)) == .ndjson)
        #expect(ExportFormatSniffer.sniff(Array("Name,Colour\nfoo,blue\n".utf8)) == nil)
        #expect(ExportFormatSniffer.sniff(Array("0,1,2\n".utf8)) == nil)
        #expect(ExportFormatSniffer.sniff([0x30, 0x82, 0x01, 0x00, 0x02, 0x01, 0x03], fileName: "cmg.pfx") == .certificate)
    }

    @Test func jsonValuesKeepBooleansIntegersAndNumbersApart() throws {
        let value = try JSONValue.parse(#"{"a":true,"b":1,"c":1.5,"d":"x","e":null,"f":[1,"y"]}"#)
        #expect(value == .object(["a": .bool(true), "b": .integer(1), "c": .number(1.5), "d": .string("x"), "e": .null,
                                  "f": .array([.integer(1), .string("y")])]))
        #expect(JSONObjectLines.starts(in: "[\n  {\"a\":{\"b\":1}},\n  {\"a\":2}\n]", depth: 1) == [2, 3])
    }
}
