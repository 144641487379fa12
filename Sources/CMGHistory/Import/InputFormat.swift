import Foundation

/// The kinds of file `ingest` reads, told apart by name and by their first bytes.
///
/// This is the one place that decides which importer reads a path, so a new source format
/// (PowerShell JSON or CSV exports, certificates) is one more case here and one more branch
/// where the command dispatches. Detection reads at most ``sniffLength`` bytes.
public enum InputFormat: String, Sendable, CaseIterable, Codable {
    /// NDJSON v1 records (DESIGN §3.1).
    case ndjson
    /// A CMTrace or server-format log (DESIGN §3.3).
    case log

    /// How much of a file's beginning detection looks at.
    public static let sniffLength = 4096

    /// What a file is, from its name and first bytes; nil when neither looks like anything known.
    ///
    /// Content wins over the name: a `.log` that holds JSON lines is NDJSON, a `.txt` holding
    /// log entries is a log.
    public static func detect(fileName: String, head: [UInt8]) -> InputFormat? {
        var bytes = head[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        let text = bytes.prefix(sniffLength)
        if containsLogMarker(text) { return .log }
        if let first = text.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D && $0 != 0x0A }), first == UInt8(ascii: "{") {
            return .ndjson
        }
        let lower = fileName.lowercased()
        if lower.hasSuffix(".ndjson") || lower.hasSuffix(".jsonl") { return .ndjson }
        if lower.hasSuffix(".log") || lower.hasSuffix(".lo_") { return .log }
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
    public struct Item: Sendable, Equatable {
        public var path: String
        public var format: InputFormat
        public var bytes: Int64
    }

    public var items: [Item] = []
    /// Files in folders that were left alone (not a format ingest knows, or a log this tool
    /// does not know by name without `--include-all`).
    public var skipped: [String] = []

    /// Plans the run.
    ///
    /// - A file named explicitly is always read: as a log when it looks like one (by content,
    ///   or a `.log`/`.lo_` name), else as NDJSON (which names each line it cannot use). `-`
    ///   is standard input, NDJSON.
    /// - A folder is walked, in name order, through subfolders. It takes NDJSON files
    ///   (`.ndjson`, `.jsonl`, or JSON lines by content), the CMG logs known by name and their
    ///   `.lo_` rollovers, and with `includeAllLogs` any other `.log`/`.lo_`. A rollover is
    ///   read before the log of the same name, so older entries are stored first.
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
                let format: InputFormat = InputFormat.detect(fileName: name, head: InputFormat.head(ofFile: path)) == .log ? .log : .ndjson
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
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files.append(path)
            }
        }
        files.sort(by: Self.readingOrder)
        for path in files {
            let name = (path as NSString).lastPathComponent
            let logName = LogFileName(name)
            let lower = name.lowercased()
            let format: InputFormat?
            if logName.isKnownCMGLog {
                format = .log
            } else if lower.hasSuffix(".log") || lower.hasSuffix(".lo_") {
                format = includeAllLogs ? .log : nil
            } else if lower.hasSuffix(".ndjson") || lower.hasSuffix(".jsonl") {
                format = .ndjson
            } else {
                // Other names: only NDJSON by content; logs in folders are picked by name.
                format = InputFormat.detect(fileName: name, head: InputFormat.head(ofFile: path)) == .ndjson ? .ndjson : nil
            }
            if let format {
                items.append(Item(path: path, format: format, bytes: Self.size(path)))
            } else {
                skipped.append(path)
            }
        }
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
