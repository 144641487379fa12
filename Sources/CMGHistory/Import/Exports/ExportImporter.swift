/// Imports what ConfigMgr administrators export (DESIGN §3.2): SMS_AzureService and
/// SMS_AzureServicesTask objects as JSON or CSV, the vProxy_Connectors and BGB_Statistics SQL
/// views, and certificate files.
///
/// The format is told from the content (``ExportFormatSniffer``) unless the options name it.
/// Every file becomes ``HistoryRecord`` values with the line each came from, stored through the
/// same batch writer as NDJSON, so re-importing a file stores nothing twice.
///
/// ```swift
/// let importer = ExportImporter(store: store)
/// let summary = try importer.importFile(at: "cmg.json", options: ExportImportOptions(),
///                                       fileModifiedAt: ExportFile.modificationTime(path: "cmg.json"))
/// ```
public final class ExportImporter {
    private let store: HistoryStore
    private let writer: BatchQueue<RecordBatch>

    /// Records per transaction, as for NDJSON.
    public var batchSize = 20_000

    /// Checked between batches, as ``NDJSONImporter/cancellation`` is.
    public var cancellation: ImportCancellation?

    /// Called once the file is read (records 0) and after each batch is handed to the writer.
    public var progress: ((ImportProgress) -> Void)?

    /// An importer that writes into `store`.
    public init(store: HistoryStore) {
        self.store = store
        writer = BatchQueue(store: store, label: "cmg-history.import.writer")
    }

    /// Imports the file at `path` (`-` for standard input). `fileModifiedAt` stamps snapshots
    /// when neither the file nor `--at` gives an export time; the caller passes it in so that the
    /// library never reads a clock.
    ///
    /// - throws: ``ImportError`` when the file cannot be read, is in no known format, needs an
    ///   export time or gateway it was not given, or a batch cannot be stored.
    public func importFile(at path: String, options: ExportImportOptions = ExportImportOptions(),
                           fileModifiedAt: UnixSeconds? = nil) throws -> ImportSummary {
        let name = path == "-" ? "<stdin>" : path
        CrashLocation.begin(file: name)
        if options.format == .ndjson || (options.format == nil && path != "-" && Self.looksLikeNDJSON(path)) {
            let ndjson = NDJSONImporter(store: store)
            ndjson.cancellation = cancellation
            ndjson.progress = progress
            return try ndjson.importFile(at: path)
        }
        let bytes = try ExportFile.bytes(path: path)
        progress?(ImportProgress(records: 0, bytesRead: Int64(clamping: bytes.count)))
        guard let format = options.format ?? ExportFormatSniffer.sniff(bytes, fileName: path) else {
            throw ImportError.unrecognisedFormat(file: name, known: ExportFormat.names)
        }
        if format == .ndjson {
            throw ImportError.unreadable(file: name, reason: "NDJSON from standard input is read by the NDJSON importer")
        }
        let known = try store.gatewayNames()
        let context = ExportContext(file: name, options: options, fileModifiedAt: fileModifiedAt, knownGateways: known)
        let decoding = try Self.decode(bytes, as: format, context)
        return try store(decoding, format: format, file: name, options: options, fileBytes: bytes.count)
    }

    /// Whether the file starts like NDJSON, read through the streaming NDJSON importer.
    private static func looksLikeNDJSON(_ path: String) -> Bool {
        let lowered = path.lowercased()
        if lowered.hasSuffix(".ndjson") || lowered.hasSuffix(".jsonl") { return true }
        guard let source = try? ByteSource(path: path) else { return false }
        defer { source.close() }
        var head: [UInt8] = []
        _ = try? source.read(appendingTo: &head)
        return ExportFormatSniffer.sniff(Array(head.prefix(64 << 10)), fileName: path) == .ndjson
    }

    static func decode(_ bytes: [UInt8], as format: ExportFormat, _ context: ExportContext) throws -> ExportDecoding {
        var decoding = ExportDecoding()
        if format == .certificate {
            let contents = try CertificateFile.read(bytes, file: context.file)
            decoding.detail = contents.encoding
            decoding.rejections = contents.rejections
            try CertificateMapper.map(contents, context, into: &decoding)
            return decoding
        }
        guard let text = ExportText(bytes) else {
            throw ImportError.unreadable(file: context.file, reason: "it is not text in UTF-8 or UTF-16")
        }
        let parsed = try ExportRows.parse(text.text, file: context.file)
        decoding.detail = parsed.container + ", " + text.encoding
        decoding.rejections = parsed.rejections
        decoding.redactedValues = parsed.rows.reduce(0) { $0 + $1.redactedValues }
        switch format {
        case .azureService: try AzureServiceMapper.map(parsed.rows, context, into: &decoding)
        case .azureServicesTask: AzureServicesTaskMapper.map(parsed.rows, context, into: &decoding)
        case .proxyConnectors: try ProxyConnectorMapper.map(parsed.rows, context, into: &decoding)
        case .bgbStatistics: try BGBStatisticsMapper.map(parsed.rows, context, into: &decoding)
        case .ndjson, .certificate: break
        }
        return decoding
    }

    private func store(_ decoding: ExportDecoding, format: ExportFormat, file: String,
                       options: ExportImportOptions, fileBytes: Int) throws -> ImportSummary {
        var summary = ImportSummary(file: file, format: format.rawValue)
        summary.formatDetail = decoding.detail
        do {
            var start = 0
            while start < decoding.records.count {
                if cancellation?.isCancelled == true {
                    summary.interruptedAfterLine = start == 0 ? 0 : decoding.records[start - 1].line
                    break
                }
                let end = min(start + batchSize, decoding.records.count)
                try writer.submit(RecordBatch(records: Array(decoding.records[start..<end]), file: file))
                start = end
                progress?(ImportProgress(records: end, bytesRead: Int64(clamping: fileBytes)))
            }
        } catch {
            _ = try? writer.drain()
            throw error
        }
        if let stored = try writer.drain() { summary.add(stored) }
        for (line, problem) in decoding.rejections { summary.reject(line: line, problem) }
        summary.rejections.sort { $0.line < $1.line }
        for (line, problem) in decoding.conflicts { summary.conflict(line: line, problem) }
        summary.conflictList.sort { $0.line < $1.line }
        summary.ambiguousLocalTimes = decoding.ambiguousLocalTimes
        summary.nonexistentLocalTimes = decoding.nonexistentLocalTimes
        summary.droppedSecretFields += decoding.droppedSecrets
        summary.redactedValues += decoding.redactedValues
        summary.skippedNonGateways = decoding.skippedNonGateways
        summary.exportTime = decoding.exportTime
        // Before what storing said (gateways folded): how the file was read comes first.
        summary.notes.insert(contentsOf: decoding.notes
            + UTCByContract.note(fields: decoding.utcByContractFields, zone: options.sourceTimeZone)
            + LocalTimeNotes.notes(ambiguous: decoding.ambiguousLocalTimes,
                                   nonexistent: decoding.nonexistentLocalTimes,
                                   zone: options.sourceTimeZone.identifier), at: 0)
        if format == .azureServicesTask {
            let waiting = try store.unlinkedOperationCount()
            if waiting > 0 {
                summary.notes.append("\(waiting) operations wait for their gateway: import the SMS_AzureService export "
                                     + "that has their AzureServiceId to link them")
            }
        }
        return summary
    }
}
