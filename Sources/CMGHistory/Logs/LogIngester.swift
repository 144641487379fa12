import Foundation

/// Ingests CMTrace and server-format log files into a ``HistoryStore``, incrementally and
/// idempotently (DESIGN §3.3).
///
/// Per file it remembers identity (a hash of the first 4 KB) and the offset reached, so that the
/// admin's habit — point it at the Logs folder every few minutes, forever — reads only what was
/// appended, recognises a rolled-over `.lo_`, and stores every entry exactly once. An entry still
/// being written is left for the next run, except in a `.lo_` file, which ConfigMgr never writes
/// again, or a file untouched for ``settledAfterSeconds``.
///
/// ```swift
/// let ingester = try LogIngester(store: store, rules: .defaults(), now: now)
/// let summary = try ingester.ingestFile(at: "Logs/CloudMgr.log")
/// ```
public final class LogIngester {
    private let rules: LogRuleSet
    private let now: UnixSeconds
    private let writer: StoreLogIngestTarget

    /// Entries per transaction.
    public var batchSize = 10_000

    /// The gateway every file's records belong to, whatever its file name says (`--gateway`);
    /// nil to take it from the file name (`CMG-GraniteFalls-…` → `GraniteFalls`).
    public var gateway: String?

    /// Called now and then during a long ingest (about every batch).
    public var progress: ((LogIngestProgress) -> Void)?

    /// Asked after each chunk read: when set, the entries read so far are stored with the offset
    /// they end at, and the file's ingest stops there (``LogIngestSummary/interruptedAt``). A log
    /// ingest of hundreds of MB takes minutes; Ctrl-C must not wait for it to finish.
    public var cancellation: ImportCancellation?
    /// Totals for ``progress`` across several files, set by the caller.
    public var progressTotals = (files: 0, bytes: Int64(0))
    private var filesDone = 0
    private var bytesDone: Int64 = 0
    private var entriesDone = 0

    /// A log not modified for this long is finished: its last, unterminated text is stored as
    /// plain entries rather than waited for. ConfigMgr writes a line in one go and the CMG's logs
    /// arrive every 5 minutes, up to 10 minutes late (DESIGN §1); an hour is well past both.
    public static let settledAfterSeconds: Int64 = 3600

    /// Text bytes a batch reserves per entry: a CMG log entry's message, component, time and
    /// source file are about 200 bytes; the buffer grows past it when needed.
    static let textBytesPerEntry = 256

    /// Bytes read per call.
    static let chunkSize = 1 << 20

    /// - parameter now: the current instant, recorded as when files were read and used to tell
    ///   a settled file.
    public init(store: HistoryStore, rules: LogRuleSet, now: UnixSeconds) {
        self.rules = rules
        self.now = now
        writer = StoreLogIngestTarget(store)
    }

    /// Ingests the log file at `path` from where an earlier run stopped.
    ///
    /// `storedAs` is the path the history keeps and messages name, when it is not where the
    /// file is read (the server reads an upload from its spool, and keeps the collector's name).
    ///
    /// - throws: ``LogIngestError`` when the file cannot be read or a batch cannot be stored.
    public func ingestFile(at path: String, storedAs storedPath: String? = nil) throws -> LogIngestSummary {
        let readPath = path
        let path = storedPath ?? path
        let name = LogFileName((path as NSString).lastPathComponent)
        var summary = LogIngestSummary(file: path, log: name.log)
        CrashLocation.begin(file: path)
        defer {
            filesDone += 1
        }
        guard let handle = FileHandle(forReadingAtPath: readPath) else {
            throw LogIngestError.cannotRead(file: path, reason: FileManager.default.fileExists(atPath: readPath) ? "permission denied or unreadable" : "no such file")
        }
        defer { try? handle.close() }
        let attributes = (try? FileManager.default.attributesOfItem(atPath: readPath)) ?? [:]
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? 0
        guard size > 0 else { return summary }
        let modified = (attributes[.modificationDate] as? Date).map { Int64(saturating: $0.timeIntervalSince1970) } ?? now
        // A file time from a broken clock may be anything; an age that does not fit is settled.
        let (age, ageOverflows) = now.subtractingReportingOverflow(modified)
        let finished = name.isRollover || ageOverflows || age >= Self.settledAfterSeconds

        let head = try read(handle, upTo: LogFileHead.identifyingLength, file: path)
        let state = try writer.openLogFile(path: path, name: name, head: head, size: size, now: now, gateway: gateway)
        summary.counts.notes = state.notes
        summary.resumed = state.offset > 0
        guard state.offset < size else { return summary }
        do {
            try handle.seek(toOffset: UInt64(state.offset))
        } catch {
            throw LogIngestError.cannotRead(file: path, reason: error.localizedDescription)
        }

        var scanner = LogScanner(firstLine: Int(state.line), atStartOfFile: state.offset == 0)
        var previous = state.lastEntry
        var buffer: [UInt8] = []
        buffer.reserveCapacity(Self.chunkSize + 4096)
        var bufferOffset = state.offset  // file offset of buffer[0]
        var batch = LogBatch(fileID: state.id, file: path, gateway: state.gateway, offset: state.offset,
                             line: state.line, size: size, now: now)
        batch.rows.reserveCapacity(batchSize, bytesPerEntry: Self.textBytesPerEntry)
        var atEnd = false

        func flush() throws {
            try writer.submit(batch)
            batch.rows.removeAll()
            batch.extras.removeAll()
            progress?(LogIngestProgress(file: path, filesDone: filesDone, totalFiles: progressTotals.files,
                                        bytesDone: bytesDone, totalBytes: progressTotals.bytes, entries: entriesDone))
        }

        do {
            while !atEnd {
                let chunk = try read(handle, upTo: Self.chunkSize, file: path)
                atEnd = chunk.isEmpty
                buffer.append(contentsOf: chunk)
                summary.bytesRead += Int64(chunk.count)
                bytesDone += Int64(chunk.count)
                let consumed = buffer.withUnsafeBufferPointer { b in
                    scanner.scan(b, isFinal: atEnd && finished) { found, b in
                        var entry = found.materialize(b, fileOffset: bufferOffset, previous: previous)
                        // Before anything reads the message: rules and statistics see it redacted too.
                        summary.redactedValues += SecretRedactor.redact(&entry.message)
                        // The trailer's attributes are text from the file as well (`component="…"`,
                        // CMTrace's `file="…"`): stored and printed beside the message.
                        summary.redactedValues += SecretRedactor.redact(&entry.component)
                        summary.redactedValues += SecretRedactor.redact(&entry.sourceFile)
                        summary.redactedValues += PrivateKeyLines.redact(&entry, after: previous)
                        previous = entry
                        batch.rows.append(entry)
                        if let extras = extras(of: entry, row: batch.rows.count - 1, log: name.log, gateway: state.gateway,
                                               vmInstance: name.vmInstanceKey, file: path, warnings: &summary.warnings) {
                            batch.extras.append(extras)
                        }
                        summary.entriesRead += 1
                        entriesDone += 1
                        if entry.time != nil, entry.time?.zoneKnown == false { summary.unknownZone += 1 }
                    }
                }
                buffer.removeFirst(consumed)
                bufferOffset += Int64(consumed)
                batch.offset = bufferOffset
                batch.line = Int64(scanner.line)
                CrashLocation.reading(line: scanner.line)
                // Entries read so far end at `batch.offset`: committing them with it is what a
                // full batch does, so the next run resumes exactly after them.
                let stopping = !atEnd && cancellation?.isCancelled == true
                if batch.rows.count >= batchSize || atEnd || stopping { try flush() }
                if stopping {
                    summary.interruptedAt = .init(offset: batch.offset, line: batch.line)
                    break
                }
            }
        } catch {
            _ = try? writer.drain()
            throw error
        }
        let opened = summary.counts.notes
        summary.counts = try writer.drain() ?? LogStoreCounts()
        summary.counts.notes = opened + summary.counts.notes.filter { !opened.contains($0) }
        for warning in summary.counts.trafficWarnings where summary.warnings.count < LogIngestSummary.maximumListedWarnings {
            summary.warnings.append(warning)
        }
        // An interrupted read leaves unread bytes in the buffer, not an unfinished entry.
        summary.bytesHeldBack = summary.interruptedAt == nil ? Int64(buffer.count) : 0
        return summary
    }

    /// The entry's events and, for a CMGService.log statistics line, its traffic sample; nil
    /// when it has neither. A statistics line with a value out of range stays a plain entry,
    /// with a warning naming the file, line and field.
    private func extras(of entry: LogEntry, row: Int, log: String, gateway: String?, vmInstance: Int64, file: String,
                        warnings: inout [String]) -> LogEntryExtras? {
        var traffic: EndpointTrafficSample?
        if log == "CMGService", let gateway, let utc = entry.time?.utcMilliseconds, let parsed = RequestStatistics.parse(entry.message) {
            switch parsed {
            case .statistics(let statistics):
                let sample = statistics.sample(gateway: gateway, utcMilliseconds: utc, vmInstance: vmInstance)
                if ValueLimits.isStorable(sample.at) {
                    traffic = sample
                } else {
                    Self.warn(&warnings, file: file, line: entry.line,
                              ValueLimits.instantOutOfRange(field: "time", value: Timestamp.format(sample.at)))
                }
            case .outOfRange(let problem):
                Self.warn(&warnings, file: file, line: entry.line, problem)
            }
        }
        let events = rules.events(for: entry, log: log)
        guard !events.isEmpty || traffic != nil else { return nil }
        return LogEntryExtras(offset: entry.offset, events: events, traffic: traffic, line: entry.line, row: row)
    }

    /// Keeps at most ``LogIngestSummary/maximumListedWarnings``; the entry is stored either way.
    static func warn(_ warnings: inout [String], file: String, line: Int64, _ problem: LineRejection) {
        guard warnings.count < LogIngestSummary.maximumListedWarnings else { return }
        warnings.append("\(file):\(line): \(problem.message): stored as a plain log entry, without a traffic sample")
    }

    private func read(_ handle: FileHandle, upTo count: Int, file: String) throws -> [UInt8] {
        do {
            guard let data = try handle.read(upToCount: count) else { return [] }
            return [UInt8](data)
        } catch {
            throw LogIngestError.cannotRead(file: file, reason: error.localizedDescription)
        }
    }
}
