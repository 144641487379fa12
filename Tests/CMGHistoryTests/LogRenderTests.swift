import Foundation
import Testing
@testable import CMGHistory

/// The log entry and rule event renderers (`logs list`, `logs search`, `logs events`), over
/// entries ingested from a real CMTrace log into a temporary database.
@Suite("Log entries and events rendered as tables and JSON")
struct LogRenderTests {
    /// One entry with a bias, one without (its zone unknown), one with two lines of message.
    static let log = """
        <![LOG[first entry]LOG]!><time="10:00:00.000+0" date="10-01-2026" component="CloudMgr" context="" type="2" thread="7" file="">\r
        <![LOG[no zone here]LOG]!><time="10:05:00.0000000" date="10-01-2026" component="CloudMgr" context="" type="1" thread="7" file="">\r
        <![LOG[line one\r
        line two]LOG]!><time="10:10:00.000+0" date="10-01-2026" component="CloudMgr" context="" type="3" thread="7" file="">\r

        """

    func listed() throws -> (TemporaryFolder, HistoryStore, [ListedLogEntry]) {
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let path = try folder.write("CloudMgr.log", Self.log)
        _ = try LogIngester(store: store, rules: LogRuleSet.defaults(), now: Int64(Date().timeIntervalSince1970)).ingestFile(at: path)
        var filter = LogEntryFilter()
        filter.limit = 10
        return (folder, store, try store.logEntries(filter))
    }

    @Test func jsonWritesEveryKeyOneEntryALineWithNullsForWhatIsUnknown() throws {
        // Given three stored entries, one without a time zone
        let (_, _, entries) = try listed()
        try #require(entries.count == 3)
        // When they are rendered as JSON
        let json = try LogEntryRender.json(entries)
        // Then it is one array, one object a line, every key present
        let lines = json.split(separator: "\n")
        #expect(lines.first == "[" && lines.last == "]" && lines.count == 5, "\(json)")
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        let keys: Set = ["utc", "local_time", "bias_minutes", "zone_known", "severity", "component", "thread", "file",
                         "gateway", "message", "source_path", "source_line"]
        for object in objects { #expect(Set(object.keys) == keys, "\(object.keys.sorted())") }
        // And the zoneless one has a null UTC time and bias, and says its zone is unknown
        let zoneless = try #require(objects.first { $0["message"] as? String == "no zone here" })
        #expect(zoneless["utc"] is NSNull && zoneless["bias_minutes"] is NSNull)
        #expect(zoneless["zone_known"] as? Bool == false && zoneless["local_time"] as? String == "2026-10-01T10:05:00.000")
    }

    @Test func theTableFlagsLocalTimesAndCutsMessagesToTheirFirstLineOnATerminal() throws {
        // Given the same entries
        let (_, _, entries) = try listed()
        // When rendered for a terminal 120 columns wide, and whole for a pipe
        let terminal = LogEntryRender.table(entries, width: 120)
        let whole = LogEntryRender.table(entries, width: nil)
        // Then the zoneless entry is flagged and explained, in both
        for table in [terminal, whole] {
            #expect(table.contains("2026-10-01T10:05:00.000 local?"), "\(table)")
            #expect(table.contains("Times marked \"local?\" were written without a time zone"))
        }
        // And a two-line message is its first line on the terminal, whole on the pipe
        #expect(terminal.contains("line one") && !terminal.contains("line two"), "\(terminal)")
        #expect(whole.contains("line two"), "\(whole)")
        // And no entries says so
        #expect(LogEntryRender.table([], width: nil) == "No log entries.\n")
        #expect(try LogEntryRender.json([]) == "[]\n")
    }

    @Test func eventsCarryTheirRuleAndTheirEntryAsLogsListWritesIt() throws {
        // Given a log whose line a default rule turns into an event
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let line = #"<![LOG[Deployment instance status for service GraniteFalls is ReadyRole.]LOG]!><time="10:00:00.000+0" date="10-01-2026" component="CloudMgr" context="" type="1" thread="7" file="">"#
        let path = try folder.write("CloudMgr.log", line + "\r\n")
        _ = try LogIngester(store: store, rules: LogRuleSet.defaults(), now: Int64(Date().timeIntervalSince1970)).ingestFile(at: path)
        let events = try store.logEvents(LogEventFilter())
        let event = try #require(events.first)
        // When rendered
        let json = try LogEventRender.json(events)
        let table = LogEventRender.table(events, width: nil)
        // Then the JSON names its kind and rule and nests the entry with every key
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        let first = try #require(objects.first)
        #expect(first["kind"] as? String == event.kind && first["rule"] as? String == event.rule)
        let entry = try #require(first["entry"] as? [String: Any])
        #expect(entry["message"] as? String == "Deployment instance status for service GraniteFalls is ReadyRole.")
        #expect(entry.keys.contains("source_path") && entry["utc"] as? String == "2026-10-01T10:00:00.000Z", "\(entry)")
        // And the table shows its time and kind
        #expect(table.contains("2026-10-01T10:00:00.000Z") && table.contains(event.kind), "\(table)")
        #expect(LogEventRender.table([], width: nil) == "No log events.\n")
    }
}
