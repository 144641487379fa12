import Foundation
import Testing
@testable import CMGHistory

@Suite("Server-format logs: a trailer that does not parse keeps its line and takes nothing after it")
struct LogMalformedTrailerTests {
    static let good = "next entry  $$<SMS_CLOUD_SERVICES_MANAGER><10-01-2026 08:00:01.000-60><thread=7 (0x7)>\r\n"

    @Test(arguments: [
        "broken time  $$<SMS_CLOUD_SERVICES_MANAGER><10-41-2026 08:00:00.000-60><thread=4844 (0x12EC)>\r\n",
        "no thread  $$<SMS_CLOUD_SERVICES_MANAGER><10-01-2026 08:00:00.000-60><proc=1>\r\n",
        "unclosed  $$<SMS_CLOUD_SERVICES_MANAGER\r\n",
    ])
    func theNextEntryKeepsItsOwnMessage(_ bad: String) {
        // Given a line whose trailer does not parse, then a good entry
        let bytes = Array((bad + Self.good).utf8)
        // When the log is parsed, whole and streamed as a log still being written
        let entries = LogParser.entries(in: bytes)
        let (streamed, heldBack) = LogParser.entries(inChunks: [Array(bytes[..<(bad.utf8.count + 5)]), Array(bytes[(bad.utf8.count + 5)...])],
                                                     isFinal: false)
        // Then the bad line is one plain entry, kept, and the good entry is only itself
        #expect(entries.map(\.format) == [.plain, .server])
        #expect(entries.first?.message == bad.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(entries.last?.message == "next entry")
        #expect(entries.last?.line == 2 && entries.last?.thread == 7)
        #expect(streamed == entries && heldBack == 0)
    }
}
