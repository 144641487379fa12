import Foundation
import Testing

@Suite("cmg-history errors: one line, whatever the path holds")
struct ErrorLineCLITests {
    /// Today the ESC and the line feed of the path went to the terminal as they were.
    @Test func aPathWithControlCharactersIsQuotedEscapedOnOneLine() throws {
        // Given a --db path holding an ESC sequence and a line feed (a name pasted from a log, a hostile folder)
        let folder = try ScratchFolder()
        let path = "zz\u{1B}[31m\nx.sqlite"
        // When a report is pointed at it
        let result = try CLIRunner.run(["report", "expiry", "--db", path], in: folder.url)
        // Then the error is one line, the characters shown as escapes
        #expect(result.status == 2)
        #expect(result.stderr == "error: zz\\u{1B}[31m\\nx.sqlite: no database at this path (reports and other read commands never create one). "
                + "Create it with `cmg-history ingest FILE --db zz\\u{1B}[31m\\nx.sqlite`, or try `cmg-history demo --db zz\\u{1B}[31m\\nx.sqlite`.\n")
    }
}
