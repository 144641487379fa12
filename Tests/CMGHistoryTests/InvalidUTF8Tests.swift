import Foundation
import GRDB
import Testing
@testable import CMGHistory

@Suite("Text that is not UTF-8 is rejected, never replaced with U+FFFD")
struct InvalidUTF8Tests {
    @Test func twoDifferentGarbledNamesAreRejectedNotCollapsedIntoOne() throws {
        // Given lines whose gateway, endpoint or description holds bytes that are not UTF-8
        let folder = try TemporaryFolder()
        let store = try folder.store()
        var bytes: [UInt8] = []
        func line(_ text: String, replacing marker: String, with raw: [UInt8]) {
            let parts = text.components(separatedBy: marker)
            bytes += Array(parts[0].utf8) + raw + Array(parts[1].utf8) + [0x0A]
        }
        line(#"{"type":"online_clients","gateway":"G@","at":"2026-10-01T00:05:00Z","count":1}"#, replacing: "@", with: [0xFF])
        line(#"{"type":"online_clients","gateway":"G@","at":"2026-10-01T00:05:00Z","count":2}"#, replacing: "@", with: [0xC3, 0x28])
        line(#"{"type":"endpoint_traffic","gateway":"G1","endpoint":"CCM@","at":"2026-10-01T00:05:00Z","interval_s":300,"request_count":1,"request_bytes":1,"response_count":1,"response_bytes":1}"#,
             replacing: "@", with: [0xED, 0xA0, 0x80])  // an encoded surrogate: not UTF-8
        line(#"{"type":"status","gateway":"G1","at":"2026-10-01T00:05:00Z","state":"Error","description":"disk @"}"#, replacing: "@", with: [0xFE])
        line(#"{"type":"online_clients","gateway":"G\ud800@","at":"2026-10-01T00:05:00Z","count":3}"#, replacing: "@", with: [])
        line(#"{"type":"online_clients","gateway":"Gé@","at":"2026-10-01T00:05:00Z","count":4}"#, replacing: "@", with: [])
        let path = folder.path("garbled.ndjson")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        // When it is imported
        let summary = try NDJSONImporter(store: store).importFile(at: path)
        // Then each bad line names its field and the byte, and only the valid line is stored
        #expect(summary.rejections.map(\.problem.message) == [
            #"field "gateway": invalid UTF-8 (byte 0xFF at column 38): text must be UTF-8; save the file as UTF-8"#,
            #"field "gateway": invalid UTF-8 (byte 0xC3 at column 38): text must be UTF-8; save the file as UTF-8"#,
            #"field "endpoint": invalid UTF-8 (byte 0xED at column 58): text must be UTF-8; save the file as UTF-8"#,
            #"field "description": invalid UTF-8 (byte 0xFE at column 97): text must be UTF-8; save the file as UTF-8"#,
            #"field "gateway": "G\ud800" holds a \u escape of half a UTF-16 surrogate pair, which is no character"#,
        ])
        #expect(summary.inserted == 1)
        #expect(try store.gatewayNames() == ["Gé"])
    }
}

@Suite("Exports: a row with a name that is not UTF-8 is rejected, the others kept")
struct InvalidUTF8ExportTests {
    @Test func theRowWithTheGarbledServerNameIsRejectedAndTheOtherStored() throws {
        // Given a vProxy_Connectors CSV whose second row's ServerName holds a byte that is not UTF-8
        let folder = try TemporaryFolder()
        let store = try folder.store()
        var bytes = Array("""
            "ServerName","ProxyServiceName","ConnectionStatus"
            "CMGCP1.contoso.com","GraniteFalls.contoso.com","2"
            "CMGCP
            """.utf8)
        bytes += [0xFF] + Array("2.contoso.com\",\"GraniteFalls.contoso.com\",\"1\"\n".utf8)
        let path = folder.path("connectors.csv")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        // When it is imported
        let summary = try ExportImporter(store: store).importFile(at: path, options: ExportImportOptions(at: ExportFixtures.october1))
        // Then that row is rejected naming the field, and the other row is stored
        #expect(summary.rejections.map(\.description) == [
            "\(path):3: field \"ServerName\": invalid UTF-8 (bytes that are not text, or U+FFFD in their place): "
                + "text must be UTF-8 or UTF-16; export the file again",
        ])
        #expect(summary.inserted == 1)
        #expect(summary.formatDetail == "CSV, UTF-8, with bytes that are not UTF-8")
        #expect(try store.read { try String.fetchAll($0, sql: "SELECT server FROM connection_point") } == ["CMGCP1.contoso.com"])
    }
}
