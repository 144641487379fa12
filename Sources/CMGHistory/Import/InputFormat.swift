import Foundation

/// The kinds of file `ingest` reads, told apart by their content and, where content cannot
/// tell, by name: the one place that decides which importer reads a path.
///
/// A log goes to ``LogIngester``; every other kind is an ``ExportFormat`` (NDJSON included)
/// read by ``ExportImporter``, whether the file was named or found in a folder.
public enum InputFormat: Hashable, Sendable, Codable, CustomStringConvertible {
    /// A CMTrace or server-format log (DESIGN §3.3).
    case log
    /// NDJSON v1 records or a ConfigMgr export (DESIGN §3.1, §3.2).
    case export(ExportFormat)

    /// NDJSON v1 lines (DESIGN §3.1).
    public static let ndjson = InputFormat.export(.ndjson)

    /// `log`, or the export format's `--format` name.
    public var description: String {
        switch self {
        case .log: "log"
        case .export(let format): format.rawValue
        }
    }

    /// How much of a file's beginning detection looks at: the export sniffer reads this much
    /// of a CSV header or JSON text; a log marker must come in the first ``logMarkerLength``.
    public static let sniffLength = 64 << 10
    static let logMarkerLength = 4096

    /// What a file is, from its first bytes and its name; nil when nothing fits.
    ///
    /// Content wins over the name: a `.log` that holds JSON lines is NDJSON, a `.txt` holding
    /// log entries is a log, a `cmg.txt` holding `ConvertTo-Json` output is an export.
    public static func detect(fileName: String, head: [UInt8]) -> InputFormat? {
        let bytes = ByteOrderMark.droppingUTF8(head)
        if containsLogMarker(bytes.prefix(logMarkerLength)) { return .log }
        if let format = sniffExport(head, fileName: fileName) { return .export(format) }
        let lower = fileName.lowercased()
        if lower.hasSuffix(".ndjson") || lower.hasSuffix(".jsonl") { return .ndjson }
        if lower.hasSuffix(".log") || lower.hasSuffix(".lo_") { return .log }
        return nil
    }

    /// The export sniffer over a head that may end inside a character: UTF-8 text cut after
    /// ``sniffLength`` bytes is retried without its last, partial character.
    private static func sniffExport(_ head: [UInt8], fileName: String) -> ExportFormat? {
        let cuts = head.count == sniffLength ? 0...3 : 0...0
        for cut in cuts {
            if let format = ExportFormatSniffer.sniff(Array(head.dropLast(cut)), fileName: fileName) { return format }
        }
        return nil
    }

    private static func containsLogMarker(_ bytes: ArraySlice<UInt8>) -> Bool {
        let cmtrace = Array("<![LOG[".utf8)
        let server = Array("$$<".utf8)
        return bytes.firstRange(of: cmtrace) != nil || bytes.firstRange(of: server) != nil
    }

    /// Reads the first ``sniffLength`` bytes of a file (fewer if it is shorter).
    public static func head(ofFile path: String) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        return [UInt8]((try? handle.read(upToCount: sniffLength)) ?? Data())
    }
}

/// The files one `ingest` run will read, in order, with their formats: the paths named, and for
/// each folder the files in it that ingest knows.
public struct IngestPlan: Sendable, Equatable {
    /// One file to read, and how.
    public struct Item: Sendable, Equatable {
        /// The file's path (`-` for standard input).
        public var path: String
        /// What the file holds.
        public var format: InputFormat
        /// The file's size, for progress; 0 when unknown.
        public var bytes: Int64
    }

    /// The files, in the order they are read.
    public var items: [Item] = []
    /// Files in folders that were left alone: in no format ingest reads, or a log this tool
    /// does not know by name without `--include-all`.
    public var skipped: [String] = []
    /// FIFOs, devices and sockets in folders, left alone: reading one could block forever.
    public var specialFiles: [String] = []

    /// Plans the run.
    ///
    /// - A file named explicitly is always read: as a log when it looks like one (by content,
    ///   or a `.log`/`.lo_` name), else by the export importer, which tells NDJSON and the
    ///   exports apart and names the formats when none fits. `-` is standard input, NDJSON.
    /// - A folder is walked, in name order, through subfolders. It takes the CMG logs known by
    ///   name and their `.lo_` rollovers (with `includeAllLogs` any `.log`/`.lo_`), NDJSON
    ///   (`.ndjson`, `.jsonl`, or JSON lines by content), the ConfigMgr exports by content
    ///   (``ExportFormatSniffer``), and certificates named `.cer`, `.crt`, `.pem` or `.der`.
    ///   Its other exports come after its NDJSON and `SMS_AzureService` files, so that the
    ///   gateways those define are known to them; a rollover is read before the log of the same name,
    ///   so older entries are stored first.
    public static func make(paths: [String], includeAllLogs: Bool) throws -> IngestPlan {
        var plan = IngestPlan()
        for path in paths {
            var isDirectory: ObjCBool = false
            if path != "-", FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                try plan.addFolder(path, includeAllLogs: includeAllLogs)
            } else if path == "-" {
                plan.items.append(Item(path: path, format: .ndjson, bytes: 0))
            } else {
                let name = (path as NSString).lastPathComponent
                let format = InputFormat.detect(fileName: name, head: InputFormat.head(ofFile: path)) ?? .ndjson
                plan.items.append(Item(path: path, format: format, bytes: Self.size(path)))
            }
        }
        return plan
    }

    private mutating func addFolder(_ folder: String, includeAllLogs: Bool) throws {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else {
            throw LogIngestError.cannotRead(file: folder, reason: "cannot list the folder")
        }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let path = (folder as NSString).appendingPathComponent(relative)
            switch FileKind.of(path) {
            case .regular: files.append(path)
            case .special: specialFiles.append(path)
            case .directory, .missing: break
            }
        }
        files.sort(by: Self.readingOrder)
        var found: [Item] = []
        for path in files {
            if let format = Self.folderFormat(path, includeAllLogs: includeAllLogs) {
                found.append(Item(path: path, format: format, bytes: Self.size(path)))
            } else {
                skipped.append(path)
            }
        }
        items += found.filter { !Self.needsGateways($0.format) } + found.filter { Self.needsGateways($0.format) }
    }

    /// What a file found in a folder is read as, or nil to skip it.
    private static func folderFormat(_ path: String, includeAllLogs: Bool) -> InputFormat? {
        let name = (path as NSString).lastPathComponent
        let lower = name.lowercased()
        if LogFileName(name).isKnownCMGLog { return .log }
        if lower.hasSuffix(".log") || lower.hasSuffix(".lo_") { return includeAllLogs ? .log : nil }
        if lower.hasSuffix(".ndjson") || lower.hasSuffix(".jsonl") { return .ndjson }
        // A .pfx holds a private key: named, it is refused with advice; in a folder, left alone.
        if lower.hasSuffix(".pfx") || lower.hasSuffix(".p12") { return nil }
        switch InputFormat.detect(fileName: name, head: InputFormat.head(ofFile: path)) {
        case .export(.certificate)?:
            // DER is only a few bytes of ASN.1: other DER files (.crl, .p7b) start the same way.
            let certificateNames = [".cer", ".crt", ".pem", ".der"]
            return certificateNames.contains(where: lower.hasSuffix) ? .export(.certificate) : nil
        case .export(let format)?: return .export(format)
        case .log?, nil: return nil  // logs in folders are picked by name
        }
    }

    /// Exports that refer to gateways without defining them: read after the folder's NDJSON
    /// and `SMS_AzureService` files.
    private static func needsGateways(_ format: InputFormat) -> Bool {
        format != .log && format != .ndjson && format != .export(.azureService)
    }

    /// Name order, except that `X.lo_` comes just before `X.log`.
    static func readingOrder(_ a: String, _ b: String) -> Bool {
        func key(_ path: String) -> (String, Int) {
            let lower = path.lowercased()
            if lower.hasSuffix(".lo_") { return (String(lower.dropLast(4)), 0) }
            if lower.hasSuffix(".log") { return (String(lower.dropLast(4)), 1) }
            return (lower, 2)
        }
        let ka = key(a), kb = key(b)
        return ka.0 != kb.0 ? ka.0 < kb.0 : ka.1 < kb.1
    }

    private static func size(_ path: String) -> Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
    }
}
