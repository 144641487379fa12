import Foundation
import Testing
@testable import CMGHistory

@Suite("UTF-16 input is read as UTF-8, whatever the chunk boundaries")
struct UTF16TranscoderTests {
    static let text = "{\"gateway\":\"Grün 🚀 東京\"}\r\n"

    @Test(arguments: [true, false])
    func chunksSplitInsideUnitsAndSurrogatePairsDecodeToTheSameText(_ littleEndian: Bool) {
        // Given the text as UTF-16 bytes
        var bytes: [UInt8] = []
        for unit in Self.text.utf16 {
            bytes += littleEndian ? [UInt8(unit & 0xFF), UInt8(unit >> 8)] : [UInt8(unit >> 8), UInt8(unit & 0xFF)]
        }
        // When they are handed over one byte at a time (every split a chunk can have)
        var transcoder = UTF16Transcoder(littleEndian: littleEndian)
        var out: [UInt8] = []
        for (index, byte) in bytes.enumerated() { transcoder.transcode([byte], into: &out, atEnd: index == bytes.count - 1) }
        // Then the result is the text's UTF-8
        #expect(out == Array(Self.text.utf8))
    }

    @Test func aLoneSurrogateBecomesAByteThatIsNeverUTF8SoItsLineIsRejected() throws {
        // Given a UTF-16LE NDJSON file whose gateway name holds a lone high surrogate
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let line = #"{"type":"online_clients","gateway":"G@","at":"2026-10-01T00:05:00Z","count":1}"#
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in line.utf16 { bytes += unit == 0x40 ? [0x00, 0xD8] : [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let path = folder.path("lone.ndjson")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        // When it is imported
        let summary = try NDJSONImporter(store: store).importFile(at: path)
        // Then the line is rejected as not text, and the summary names the encoding
        #expect(summary.formatDetail == "UTF-16LE")
        #expect(summary.rejections.map(\.problem.field) == ["gateway"])
        #expect(summary.inserted == 0)
        #expect(try store.gatewayNames().isEmpty)
    }
}
