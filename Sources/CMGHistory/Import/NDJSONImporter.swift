/// Imports NDJSON v1 files (DESIGN §3.1) into a ``HistoryStore``.
///
/// Lines are validated one by one; a bad line is rejected with its file, line, field and value
/// while the good ones are stored. Good records go in batches, each in one transaction, so an
/// interrupted import leaves whole batches and a re-run stores only what is missing.
///
/// ```swift
/// let importer = NDJSONImporter(store: store)
/// let summary = try importer.importFile(at: "cmg-2026-10.ndjson")
/// print(summary.inserted, summary.duplicates, summary.rejected)
/// ```
public final class NDJSONImporter {
    private let writer: BatchQueue<RecordBatch>

    /// Records per transaction. Large enough that commit cost vanishes next to the inserts,
    /// small enough that a batch's records stay a few megabytes in memory.
    public var batchSize = 20_000

    /// Checked between batches: once cancelled, the import stops and its summary says where
    /// (``ImportSummary/interruptedAfterLine``).
    public var cancellation: ImportCancellation?

    /// Called every few thousand lines and at the end with the lines and bytes read so far.
    public var progress: ((ImportProgress) -> Void)?

    /// Thrown through the line reader to stop it; never leaves this type.
    private struct Interrupted: Error {}

    public init(store: HistoryStore) {
        writer = BatchQueue(store: store, label: "cmg-history.import.writer")
    }

    /// Imports the file at `path`, or standard input when `path` is `-`.
    ///
    /// - throws: ``ImportError`` when the input cannot be read or a batch cannot be stored.
    public func importFile(at path: String) throws -> ImportSummary {
        let source = try ByteSource(path: path)
        defer { source.close() }
        var summary = ImportSummary(file: source.name, format: "ndjson")
        CrashLocation.begin(file: source.name)
        var decoder = NDJSONRecordDecoder()
        var batch: [NumberedRecord] = []
        batch.reserveCapacity(batchSize)

        var lastSubmittedLine = 0
        func flush() throws {
            if cancellation?.isCancelled == true { throw Interrupted() }
            if let last = batch.last?.line { lastSubmittedLine = last }
            try writer.submit(RecordBatch(records: batch, file: source.name))
            batch.removeAll(keepingCapacity: true)
        }

        var linesRead = 0
        func readLines() throws {
            let encoding = try LineReader(source).forEachLine { number, line in
                CrashLocation.reading(line: number)
                linesRead = number
                if let progress, number % ImportProgress.everyLines == 0 {
                    progress(ImportProgress(records: number, bytesRead: source.position ?? 0))
                }
                switch line {
                case .tooLong(let length):
                    summary.reject(line: number, LineRejection(
                        "line is \(length) bytes, longer than the \(LineReader.maximumLineLength)-byte limit for one record"))
                case .text(let line):
                    let bytes = Self.withoutByteOrderMark(line)
                    if Self.isBlank(bytes) { return }
                    do throws(LineRejection) {
                        batch.append(NumberedRecord(line: number, record: try decoder.decode(bytes)))
                    } catch {
                        summary.reject(line: number, error)
                    }
                    if batch.count >= batchSize { try flush() }
                }
            }
            try flush()
            summary.formatDetail = encoding
            progress?(ImportProgress(records: linesRead, bytesRead: source.position ?? 0))
        }

        do {
            try readLines()
        } catch is Interrupted {
            summary.interruptedAfterLine = lastSubmittedLine
            // The rejections of lines after the last batch handed over belong to no stored batch.
            let listed = summary.rejections.count
            summary.rejections.removeAll { $0.line > lastSubmittedLine }
            summary.rejected -= listed - summary.rejections.count
        } catch {
            _ = try? writer.drain()  // let queued batches finish; the first error is the one to report
            throw error
        }
        if let stored = try writer.drain() { summary.add(stored) }
        summary.rejections.sort { $0.line < $1.line }
        summary.droppedSecretFields = decoder.droppedSecretFields
        summary.redactedValues = decoder.redactedValues
        return summary
    }

    /// The line without a UTF-8 byte order mark at its start. Files joined with `cat a b > c` (or
    /// `Get-Content a, b`) keep the second file's mark at the start of its first line, which is a
    /// good record all the same; the line reader strips only the mark that opens the stream.
    private static func withoutByteOrderMark(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF else { return bytes }
        return UnsafeBufferPointer(rebasing: bytes[3...])
    }

    private static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }
}
