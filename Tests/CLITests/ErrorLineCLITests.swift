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
        // Then the error is one line that says why, and neither obeys nor echoes the characters
        #expect(result.status == 2)
        #expect(result.stderr == "error: --db: holds control characters (a line break or escape pasted with it?)\n")
    }

    /// Today: "cannot write the evidence bundle: The operation could not be completed. A file with the same name already exists."
    @Test func aBundleFolderThatIsAFileIsNamedAsOne() throws {
        // Given a database, and a file where the bundle folder should go
        let folder = try ScratchFolder()
        try folder.write("story.ndjson", TimelineCLITests.story())
        #expect(try CLIRunner.run(["ingest", "--db", "h.sqlite", "story.ndjson"], in: folder.url).status == 0)
        try folder.write("case", "notes")
        // When the bundle is written there
        let result = try CLIRunner.run(["timeline", "--db", "h.sqlite", "--around", "2026-10-08T14:00:00Z", "--bundle", "case"], in: folder.url)
        // Then it says what is wrong, exit 2, and the file is kept
        #expect(result.status == 2)
        #expect(result.stderr == "error: case: cannot write the evidence bundle: it is a file, not a folder; give --bundle a folder\n")
        #expect(try String(contentsOf: folder.url.appendingPathComponent("case"), encoding: .utf8) == "notes")
    }
}
