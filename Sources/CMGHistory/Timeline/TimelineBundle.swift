import Foundation

/// The evidence bundle of a timeline: what an admin attaches to a Microsoft support case.
///
/// - `timeline.html`: the page (swimlanes, incidents, items), readable anywhere;
/// - `timeline.json`: the same as data;
/// - `log-entries.txt`: every log entry the timeline cites, in its original text, with its
///   file and line;
/// - `extract.sqlite`: a CMG History database holding only the window (and the little before it
///   the timeline needed: the lead-up of its incidents, the last state, configuration and
///   connection point status before it, four weeks of hourly rollups for the traffic baseline,
///   and the gateways' credential records without their `extra` column). `cmg-history timeline
///   --db extract.sqlite` with the same arguments gives the same timeline.
///
/// No secret is ever in the database (secret fields are dropped and secret-looking values redacted
/// on import), and entries read back from their log files are redacted the same way; credential
/// rows carry dates, names and thumbprints only.
public enum TimelineBundle {
    public static let htmlFile = "timeline.html"
    public static let jsonFile = "timeline.json"
    public static let logEntriesFile = "log-entries.txt"
    public static let extractFile = "extract.sqlite"

    /// Writes the bundle into `folder` and returns the paths written.
    ///
    /// The folder is created if missing. One that holds files already is refused unless
    /// `replacing` (`--force`): then the bundle's four files in it are replaced. A folder holding
    /// the database the timeline reads is always refused (compared by file identity, not by
    /// name), since writing the extract there would replace the source. Each file is written
    /// under a fresh temporary name and renamed into place, so a symbolic link planted under a
    /// bundle file's name is replaced, never followed.
    public static func write(_ timeline: Timeline, store: HistoryStore, to folder: String, replacing: Bool = false) throws -> [String] {
        let base = URL(fileURLWithPath: folder)
        try refuseUnsafe(folder, store: store, replacing: replacing)
        do {
            try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        } catch {
            throw TimelineBundleError.cannotWrite(path: folder, reason: error.localizedDescription)
        }
        func path(_ name: String) -> String { base.appendingPathComponent(name).path }
        func save(_ name: String, _ text: String) throws {
            do {
                try AtomicFile.write(Data(text.utf8), to: path(name))
            } catch {
                throw TimelineBundleError.cannotWrite(path: path(name), reason: error.localizedDescription)
            }
        }
        try save(htmlFile, TimelineHTML.render(timeline))
        try save(jsonFile, try JSONRender.render(timeline))
        try save(logEntriesFile, try logEntries(timeline, store: store))
        try store.writeExtract(of: timeline.extractScope, to: path(extractFile))
        return [htmlFile, jsonFile, logEntriesFile, extractFile].map(path)
    }

    /// Throws when writing into `folder` could overwrite the source database or someone's files.
    static func refuseUnsafe(_ folder: String, store: HistoryStore, replacing: Bool) throws {
        switch FileKind.of(folder) {
        case .regular, .special: throw TimelineBundleError.cannotWrite(path: folder, reason: "it is a file, not a folder; give --bundle a folder")
        case .missing, .directory: break
        }
        let database = URL(fileURLWithPath: store.path)
        if let here = FileIdentity(folder), here == FileIdentity(database.deletingLastPathComponent().path) {
            throw TimelineBundleError.holdsDatabase(folder: folder, database: store.path)
        }
        let source = FileIdentity(store.path)
        for name in [htmlFile, jsonFile, logEntriesFile, extractFile] {
            let target = URL(fileURLWithPath: folder).appendingPathComponent(name).path
            if let source, FileIdentity(target) == source {
                throw TimelineBundleError.holdsDatabase(folder: folder, database: store.path)
            }
        }
        if !replacing, let entries = try? FileManager.default.contentsOfDirectory(atPath: folder), !entries.isEmpty {
            throw TimelineBundleError.notEmpty(folder: folder, entries: entries.count)
        }
    }

    // MARK: - Cited log entries

    /// The original text of every log entry the timeline lists (each member of a burst), in the
    /// timeline's order, each under a line naming its file, line and reference.
    ///
    /// The text is read back from the file at the entry's offset when the file is still where it
    /// was read and still begins with the same bytes; otherwise it is rebuilt from the database
    /// (time as written, component, message) and marked so.
    static func logEntries(_ timeline: Timeline, store: HistoryStore) throws -> String {
        var ids: [Int64] = []
        var seen: Set<Int64> = []
        for item in timeline.items where item.source == .log {
            for ref in item.members ?? [item.ref] {
                guard ref.hasPrefix("log_entry/"), let id = Int64(ref.dropFirst("log_entry/".count)), seen.insert(id).inserted else { continue }
                ids.append(id)
            }
        }
        let entries = try store.snapshot { try $0.citedLogEntries(ids) }
        var out = "# Log entries cited by the CMG History timeline \(timeline.from) to \(timeline.to) (\(timeline.timeZone)).\n"
        out += "# Each entry: its file, line and reference, then its text as written in the file.\n"
        if ids.isEmpty { out += "\n(no log entries are cited)\n" }
        var files = SourceFiles()
        for id in ids {
            guard let entry = entries[id] else { continue }
            let path = entry.path
            let line = entry.line
            out += "\n== \((path as NSString).lastPathComponent) line \(line) (log_entry/\(id); \(path))\n"
            // The file's own text is redacted as the stored message was: the bundle goes to others.
            // A plain line redacted at ingest for what came before it (a private key's body line,
            // see PrivateKeyLines) holds nothing the redactor can see alone: its stored text is shown.
            let stored = entry.message
            let redactedInContext = entry.format == LogEntryFormat.plain.rawValue && stored.contains(SecretRedactor.marker)
            if let original = redactedInContext ? stored : files.text(path: path, headLength: entry.headLength, headHash: entry.headHash,
                                         offset: entry.offset, length: entry.length).map({ SecretRedactor.redact($0)?.text ?? $0 }) {
                out += original.hasSuffix("\n") ? original : original + "\n"
            } else {
                let localTime = entry.localTime ?? "?"
                let bias = entry.biasMinutes
                let component = entry.component
                out += "(the file is no longer as it was read; rebuilt from the database)\n"
                out += "\(localTime)\(bias.map { $0 >= 0 ? "+\($0)" : "\($0)" } ?? "") \(component): \(stored)\n"
            }
        }
        return out
    }

    /// Log files opened once each, and only trusted when they still begin as they did.
    struct SourceFiles {
        private var handles: [String: FileHandle?] = [:]

        mutating func text(path: String, headLength: Int, headHash: Int64, offset: Int64, length: Int64) -> String? {
            if handles[path] == nil { handles[path] = Self.open(path, headLength: headLength, headHash: headHash) }
            guard let handle = handles[path] ?? nil, offset >= 0, length > 0 else { return nil }
            do {
                try handle.seek(toOffset: UInt64(offset))
                guard let data = try handle.read(upToCount: Int(length)), data.count == Int(length) else { return nil }
                return String(decoding: data, as: UTF8.self)
            } catch {
                return nil
            }
        }

        static func open(_ path: String, headLength: Int, headHash: Int64) -> FileHandle? {
            guard let handle = FileHandle(forReadingAtPath: path),
                  let head = try? handle.read(upToCount: headLength), head.count == headLength else { return nil }
            let hash = head.withUnsafeBytes { raw in LogFileHead.fnv1a(raw.bindMemory(to: UInt8.self)) }
            return hash == headHash ? handle : nil
        }
    }
}

/// Why an evidence bundle could not be written.
public enum TimelineBundleError: Error, Equatable, CustomStringConvertible, LocalizedError {
    case cannotWrite(path: String, reason: String)
    /// The folder holds the database the timeline reads; the extract would replace it.
    case holdsDatabase(folder: String, database: String)
    /// The folder already holds files and `--force` was not given.
    case notEmpty(folder: String, entries: Int)

    public var description: String {
        switch self {
        case let .cannotWrite(path, reason): "\(path): cannot write the evidence bundle: \(reason)"
        case let .holdsDatabase(folder, database):
            "\(folder): holds the database this timeline reads (\(database)); the bundle would write over it. "
                + "Give --bundle a new folder. Nothing was written."
        case let .notEmpty(folder, entries):
            "\(folder): already holds \(entries) file\(entries == 1 ? "" : "s"). Give --bundle a new folder, "
                + "or add --force to replace the bundle's files in it. Nothing was written."
        }
    }

    public var errorDescription: String? { description }
}
