import Foundation
import GRDB
import Testing
@testable import CMGHistory

/// Entries as the writer binds them: text kept in one buffer and read by SQLite where it lies.
@Suite("Log rows: text bound where it lies")
struct LogRowsTests {
    func entry(_ message: String, component: String = "", sourceFile: String = "", localTime: String? = nil, offset: Int64) -> LogEntry {
        LogEntry(format: .cmtrace, time: localTime == nil ? nil : LogTime(localMilliseconds: 1_790_000_000_000, biasMinutes: 0),
                 localTimeText: localTime, severity: .warning, component: component, thread: 7, sourceFile: sourceFile,
                 message: message, offset: offset, length: 10, line: offset + 1)
    }

    @Test func textOfEveryKindIsStoredAsWritten() throws {
        // Given entries with empty, long, non-ASCII and absent text, one of them with no text at all
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let long = String(repeating: "CCM_Proxy_MutualAuth ", count: 500)
        let entries = [
            entry("", offset: 0),
            entry("Zertifikat für Gerät läuft ab ✓", component: "CMGService", sourceFile: "proxy.cs:12", localTime: "10-01-2026 00:00:00.0650000", offset: 10),
            entry(long, component: "SMS_CLOUD_PROXYCONNECTOR", offset: 20),
            entry("line one\r\nline two~~three", offset: 30),
        ]
        var rows = LogRows()
        for e in entries { rows.append(e) }
        // When they are inserted, alone (a buffer with no text) and together
        let stored = try store.writeTransaction { db -> [Row] in
            try db.execute(sql: "INSERT INTO log_file(path, log, head_length, head_hash, size, offset, line, first_read_at, last_read_at) VALUES ('x', 'x', 1, 1, 100, 0, 1, 0, 0)")
            let fileID = db.lastInsertedRowID
            var empty = LogRows()
            empty.append(entries[0])
            #expect(empty.text.isEmpty)
            #expect(try LogEntryInserter(db).insert(empty, fileID: fileID) == 1)
            #expect(try LogEntryInserter(db).insert(rows, fileID: fileID) == 3)
            return try Row.fetchAll(db, sql: "SELECT * FROM log_entry ORDER BY offset")
        }
        // Then each text is stored exactly, empty text as '' (never NULL), absent time as NULL
        #expect(stored.map { $0["message"] as String } == entries.map(\.message))
        #expect(stored.map { $0["component"] as String } == entries.map(\.component))
        #expect(stored.map { $0["source_file"] as String } == entries.map(\.sourceFile))
        #expect(stored.map { $0["local_time"] as String? } == entries.map(\.localTimeText))
        #expect(stored.map { $0["format"] as String } == ["cmtrace", "cmtrace", "cmtrace", "cmtrace"])
        #expect(stored.map { $0["severity"] as Int } == [2, 2, 2, 2])
    }

    @Test func everyFormatIsBoundByItsStoredName() {
        // The writer binds a format by a static copy of its name; the two must never drift.
        for format in LogEntryFormat.allCases {
            #expect(format.staticName.description == format.rawValue)
        }
    }
}
