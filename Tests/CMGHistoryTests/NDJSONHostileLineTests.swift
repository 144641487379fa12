import Foundation
import GRDB
import Testing
@testable import CMGHistory

/// Lines found by attacking the NDJSON reader after issue 11: each kept its good neighbours but
/// lost a good line of its own or named the wrong figure or no field.
@Suite("NDJSON import: hostile lines")
struct NDJSONHostileLineTests {
    static func sample(_ minute: Int) -> String {
        #"{"type":"online_clients","gateway":"G1","at":"2026-10-01T00:\#(String(format: "%02d", minute)):00Z","count":\#(minute + 1)}"#
    }

    @Test func aByteOrderMarkStartingALaterLineIsSkippedLikeTheFirstOne() throws {
        // Given two NDJSON files with byte order marks joined as `cat a b > c` joins them
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let joined = "\u{FEFF}" + Self.sample(1) + "\n" + "\u{FEFF}" + Self.sample(2) + "\n"
        // When the joined file is imported
        let summary = try importNDJSON(joined, into: store, folder: folder)
        // Then both records are stored, the second file's first line included
        #expect(summary.rejections.map(\.problem.message) == [])
        #expect(summary.inserted == 2)
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM online_clients_sample") } == 2)
    }

    @Test func eachTooLongLineIsReportedWithItsOwnLength() throws {
        // Given two over-long lines, far apart, with good lines around them
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let first = String(repeating: "x", count: 3 * LineReader.maximumLineLength)
        let second = String(repeating: "y", count: 2 * LineReader.maximumLineLength)
        let text = [Self.sample(1), first, Self.sample(2), second, Self.sample(3)].joined(separator: "\n")
        // When the file is imported
        let summary = try importNDJSON(text, into: store, folder: folder)
        // Then each rejection gives that line's length, not the lengths of all long lines so far
        #expect(summary.inserted == 3)
        #expect(summary.rejections.map(\.line) == [2, 4])
        #expect(summary.rejections.map(\.problem.reason) == [
            "line is \(first.utf8.count) bytes, longer than the \(LineReader.maximumLineLength)-byte limit for one record",
            "line is \(second.utf8.count) bytes, longer than the \(LineReader.maximumLineLength)-byte limit for one record",
        ])
    }

    @Test(arguments: [
        (#"{"type":"online_clients","gateway":"G1","at":"2026-10-01T01:00:00Z","count":1e}"#, "count",
         #"field "count" is not valid JSON (invalid number at column 77)"#),
        (#"{"type":"online_clients","gateway":"G1","at":"2026-10-01T01:00:00Z","count":-}"#, "count",
         #"field "count" is not valid JSON (invalid number at column 77)"#),
        (#"{"type":"status","gateway":"G1","at":"2026-10-01T01:00:00Z","state":"Ready","description":"a\qb"}"#, "description",
         #"field "description" is not valid JSON (invalid escape in a string at column 93)"#),
        (#"{"type":"online_clients","gateway":"G1","at":"2026-10-01T01:00:00Z" "count":1}"#, "at",
         #"field "at" is followed by text that is not JSON (expected ',' or '}' at column 69)"#),
        (#"{"type":"online_clients","gateway":"G1","at":"2026-10-01T01:00:00Z","count" 1}"#, "count",
         #"field "count" is not valid JSON (expected ':' after a member name at column 77)"#),
    ])
    func aSyntaxErrorInsideAValueNamesTheField(line: String, field: String, message: String) throws {
        // Given a line whose JSON breaks inside one member's value, between two good lines
        let folder = try TemporaryFolder()
        let store = try folder.store()
        // When it is imported
        let summary = try importNDJSON([Self.sample(1), line, Self.sample(2)].joined(separator: "\n"), into: store, folder: folder)
        // Then the rejection names the field (and where in the line), and the good lines are stored
        #expect(summary.rejections.map(\.line) == [2])
        #expect(summary.rejections.first?.problem.field == field)
        #expect(summary.rejections.first?.problem.message == message)
        #expect(summary.inserted == 2)
    }

    @Test(arguments: [("[", "]", 10_000, 130), (#"{"a":"#, "}", 100_000, 386)])
    func nestingTooDeepInAValueNamesTheFieldWithoutRecursingIntoIt(open: String, close: String, depth: Int, column: Int) throws {
        // Given an unknown field nested 10,000 (or 100,000, unclosed) levels deep: a stack overflow if recursed into
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let line = #"{"type":"gateway","gateway":"G1","at":"2026-10-01T01:00:00Z","x":"#
            + String(repeating: open, count: depth) + (open == "[" ? String(repeating: close, count: depth) + "}" : "")
        // When it is imported between two good lines
        let summary = try importNDJSON([Self.sample(1), line, Self.sample(2)].joined(separator: "\n"), into: store, folder: folder)
        // Then it is one rejection naming the field, and the good lines are stored
        #expect(summary.rejections.map(\.problem.message) == [#"field "x" is not valid JSON (nesting too deep at column \#(column))"#])
        #expect(summary.inserted == 2)
    }
}
