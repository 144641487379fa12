/// Log entries as the writer binds them: fixed-size rows, and one byte buffer holding all their
/// text.
///
/// A batch of ``LogEntry`` values is four strings per entry: the writer thread had SQLite copy
/// each of them when binding it (binding took 0.53 s of the writer's 4.2 s on the 100 MB
/// benchmark log), and freed all 40,000 of a batch after the commit. Here the parsing thread
/// copies the text once into ``text``, and SQLite reads it where it lies.
struct LogRows: Sendable {
    /// Where a text field lies in ``LogRows/text``.
    struct Span: Sendable {
        var start: Int
        var count: Int
    }

    struct Row: Sendable {
        var offset: Int64
        var length: Int64
        var line: Int64
        var format: LogEntryFormat
        var time: LogTime?
        var localTime: Span?
        var severity: LogSeverity
        var component: Span
        var thread: Int64?
        var sourceFile: Span
        var message: Span
    }

    private(set) var rows: [Row] = []
    private(set) var text: [UInt8] = []

    var count: Int { rows.count }
    var isEmpty: Bool { rows.isEmpty }

    /// Room for `entries` entries of about `bytesPerEntry` bytes of text each.
    mutating func reserveCapacity(_ entries: Int, bytesPerEntry: Int) {
        rows.reserveCapacity(entries)
        text.reserveCapacity(entries * bytesPerEntry)
    }

    mutating func append(_ entry: LogEntry) {
        rows.append(Row(
            offset: entry.offset, length: entry.length, line: entry.line, format: entry.format, time: entry.time,
            localTime: entry.localTimeText.map { store($0) }, severity: entry.severity, component: store(entry.component),
            thread: entry.thread, sourceFile: store(entry.sourceFile), message: store(entry.message)))
    }

    mutating func removeAll() {
        rows.removeAll(keepingCapacity: true)
        text.removeAll(keepingCapacity: true)
    }

    private mutating func store(_ string: String) -> Span {
        let start = text.count
        text.append(contentsOf: string.utf8)
        return Span(start: start, count: text.count - start)
    }
}
