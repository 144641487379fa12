/// Whole-buffer parsing, for tests, the fuzz target and the benchmark. Ingest streams through
/// ``LogScanner`` instead.
package enum LogParser {
    /// Every entry in `bytes`, read as a complete file (the last, unterminated text included).
    package static func entries(in bytes: [UInt8]) -> [LogEntry] {
        var entries: [LogEntry] = []
        var previous: LogEntry?
        var scanner = LogScanner()
        bytes.withUnsafeBufferPointer { b in
            _ = scanner.scan(b, isFinal: true) { found, b in
                let entry = found.materialize(b, fileOffset: 0, previous: previous)
                previous = entry
                entries.append(entry)
            }
        }
        return entries
    }

    /// Streams `chunks` through the scanner as ingest does (keeping the unconsumed tail in front
    /// of the next chunk) and returns the entries and the bytes left unconsumed.
    package static func entries(inChunks chunks: [[UInt8]], isFinal: Bool) -> (entries: [LogEntry], heldBack: Int) {
        var entries: [LogEntry] = []
        var previous: LogEntry?
        var scanner = LogScanner()
        var buffer: [UInt8] = []
        var offset: Int64 = 0
        for (index, chunk) in chunks.enumerated() {
            buffer.append(contentsOf: chunk)
            let last = index == chunks.count - 1
            let consumed = buffer.withUnsafeBufferPointer { b in
                scanner.scan(b, isFinal: last && isFinal) { found, b in
                    let entry = found.materialize(b, fileOffset: offset, previous: previous)
                    previous = entry
                    entries.append(entry)
                }
            }
            buffer.removeFirst(consumed)
            offset += Int64(consumed)
        }
        return (entries, buffer.count)
    }

    /// Scans `bytes` and converts every entry to owned values, without keeping them: the
    /// parse-only benchmark. Returns the number of entries and a checksum of their times, so
    /// the work cannot be optimised away.
    package static func measure(_ bytes: UnsafeBufferPointer<UInt8>) -> (entries: Int, checksum: Int64) {
        var count = 0
        var checksum: Int64 = 0
        var previous: LogEntry?
        var scanner = LogScanner()
        _ = scanner.scan(bytes, isFinal: true) { found, b in
            let entry = found.materialize(b, fileOffset: 0, previous: previous)
            checksum &+= entry.time?.localMilliseconds ?? 0
            checksum &+= Int64(entry.message.utf8.count)
            count += 1
            previous = entry
        }
        return (count, checksum)
    }

    /// Runs `rules` and the request-statistics parser over `entries`, as ingest does before
    /// storing; returns the number of events and samples (for the benchmark).
    package static func classify(_ entries: [LogEntry], rules: LogRuleSet, log: String) -> Int {
        var count = 0
        for entry in entries {
            count += rules.events(for: entry, log: log).count
            if case .statistics? = RequestStatistics.parse(entry.message) { count += 1 }
        }
        return count
    }
}
