import Foundation
import GRDB
import Testing
@testable import CMGHistory

@Suite("State spans derived from status snapshots")
struct StateSpanTests {
    static let base = Timestamp.parse("2026-10-01T00:00:00Z") ?? 0

    static func statusLine(_ minute: Int64, _ state: String, _ description: String = "") -> String {
        #"{"type":"status","gateway":"G1","at":"\#(Timestamp.format(base + minute * 60))","state":"\#(state)","description":"\#(description)"}"#
    }

    static func spans(_ store: HistoryStore) throws -> [String] {
        try store.read { (db: Database) throws in
            try Row.fetchAll(db, sql: "SELECT * FROM state_span ORDER BY first_seen_at").map { row in
                let first = (row["first_seen_at"] as Int64 - base) / 60
                let last = (row["last_seen_at"] as Int64 - base) / 60
                return "\(row["state"] as String)[\(first)-\(last)]x\(row["snapshot_count"] as Int64)"
            }
        }
    }

    @Test func consecutiveSameStateSnapshotsFormOneSpanSplitAtChangesAndStaleGaps() throws {
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let lines = [
            Self.statusLine(0, "Ready"), Self.statusLine(5, "Ready"), Self.statusLine(10, "Ready"),
            Self.statusLine(15, "Error", "secret expired"), Self.statusLine(20, "Error", "secret expired"),
            Self.statusLine(25, "Error", "renewing"),
            Self.statusLine(30, "Ready"),
            // 16 minutes without news: longer than the 15-minute staleness limit
            Self.statusLine(46, "Ready"), Self.statusLine(60, "Ready"),
        ]
        try importNDJSON(lines.joined(separator: "\n"), into: store, folder: folder)
        #expect(try Self.spans(store) == ["Ready[0-10]x3", "Error[15-20]x2", "Error[25-25]x1", "Ready[30-30]x1", "Ready[46-60]x2"])
    }

    @Test func spansAreTheSameWhateverOrderAndBatchingTheSnapshotsArriveIn() throws {
        // For random histories, importing them in shuffled, overlapping pieces gives the same
        // spans as importing them whole.
        var rng = SplitMix64(seed: 7)
        for round in 0..<25 {
            var minute: Int64 = 0
            var lines: [String] = []
            let states = ["Ready", "Error", "Stopped", "Upgrading"]
            for _ in 0..<(20 + Int(rng.next() % 60)) {
                minute += [5, 5, 5, 10, 20][Int(rng.next() % 5)]
                lines.append(Self.statusLine(minute, states[Int(rng.next() % (rng.next() % 3 == 0 ? 4 : 1))]))
            }
            let folder = try TemporaryFolder()
            let whole = try folder.store("whole.sqlite")
            try importNDJSON(lines.joined(separator: "\n"), into: whole, folder: folder, name: "whole")

            let pieces = try folder.store("pieces.sqlite")
            let importer = NDJSONImporter(store: pieces)
            importer.batchSize = 1 + Int(rng.next() % 7)
            var remaining = lines
            var piece = 0
            while !remaining.isEmpty {
                let take = min(remaining.count, 1 + Int(rng.next() % 15))
                var chunk = Array(remaining.prefix(take))
                remaining.removeFirst(take)
                if rng.next() % 3 == 0, let again = lines.randomElement(using: &rng) { chunk.append(again) }  // overlap
                chunk.shuffle(using: &rng)
                piece += 1
                let path = try folder.write("piece\(piece)", chunk.joined(separator: "\n"))
                _ = try importer.importFile(at: path)
            }
            // Out of order: import the pieces again in reverse to be sure re-imports change nothing
            #expect(try Self.spans(pieces) == Self.spans(whole), "round \(round)")
            let total = try pieces.read { try Int.fetchOne($0, sql: "SELECT sum(snapshot_count) FROM state_span") }
            #expect(total == lines.count)
        }
    }
}
