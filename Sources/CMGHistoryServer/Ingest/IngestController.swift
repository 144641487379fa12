#if canImport(Hummingbird)
import CMGHistory
import Foundation
import HTTPTypes
import Hummingbird

/// `POST /api/v1/ingest`: one file per request, in any format `cmg-history ingest` reads
/// (NDJSON, the ConfigMgr exports, certificates, CMG logs), answered with the import's summary
/// once it is stored: 200 when every line was stored or known, 422 when some were rejected or
/// conflicted (the others are stored; the body lists each), 400 when nothing could be read,
/// 413 past the size limit (nothing stored).
///
/// A log is kept as `TOKEN-NAME/FILE-NAME` (the collector's token names the host it runs on), and
/// posting the whole, grown log again reads only what was appended: the history knows a log by
/// its first bytes, as `ingest` does.
///
/// The file's name comes from `X-CMG-File-Name` (else `?file=`), the export's format, time and
/// gateway from `?format=`, `?at=` and `?gateway=` as `ingest`'s options. Posting the same file
/// again stores nothing twice: a collector retries with the same files.
struct IngestController: Sendable {
    let store: HistoryStore
    let work: BlockingWork
    let spool: UploadSpool
    let limit: Int

    static let fileNameHeader = HTTPField.Name("X-CMG-File-Name")!
    /// A log's last-modified time on the collector (RFC 3339): a log an hour old is finished.
    static let fileModifiedHeader = HTTPField.Name("X-CMG-File-Modified")!

    func addRoutes(to group: RouterGroup<ServerContext>) {
        group.post(use: ingest)
    }

    @Sendable func ingest(_ request: Request, context: ServerContext) async throws -> Response {
        if let length = request.headers[.contentLength].flatMap({ ASCIIDigits.value(Substring($0), maximumDigits: 18) }), length > limit {
            throw APIError(.contentTooLarge, "the upload is \(length) bytes, more than the \(limit)-byte limit")
        }
        let name = try UploadSpool.fileName(request.headers[Self.fileNameHeader] ?? request.uri.queryParameters.get("file"))
        let options = try Self.options(request.uri.queryParameters)
        let folder = try spool.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = (folder as NSString).appendingPathComponent(name)
        let counter = BodyCounter(limit: limit)
        do {
            try await FileIO(threadPool: .singleton).writeFile(contents: LimitedBody(base: request.body, counter: counter), path: path, context: context)
        } catch where counter.exceeded {
            // The limit is met inside the file writer, which wraps what the body threw.
            throw APIError(.contentTooLarge, "the upload is larger than the \(limit)-byte limit")
        }
        if let modified = request.headers[Self.fileModifiedHeader] {
            // The log ingester tells a finished log by its age: the collector's file time, not the upload's.
            guard let instant = Timestamp.parse(modified) else {
                throw APIError(.badRequest, "X-CMG-File-Modified must be an RFC 3339 instant, not \(modified)")
            }
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: TimeInterval(instant))], ofItemAtPath: path)
        }
        let store = self.store
        let storedName = "\(context.token?.name ?? "upload")/\(name)"
        if options.format == nil, InputFormat.detect(fileName: name, head: try Self.head(path)) == .log {
            let logSummary = try await work.run { () throws -> LogIngestSummary in
                do {
                    let ingester = LogIngester(store: store, rules: try LogRuleSet.defaults(), now: Int64(Date().timeIntervalSince1970))
                    return try ingester.ingestFile(at: path, storedAs: storedName)
                } catch let error as LogIngestError {
                    throw APIError(.badRequest, error.description.replacingOccurrences(of: path, with: storedName))
                }
            }
            return try context.responseEncoder.encode(logSummary, from: request, context: context)
        }
        let summary = try await work.run { () throws -> ImportSummary in
            do {
                return try ExportImporter(store: store).importFile(at: path, options: options, fileModifiedAt: nil).named(name)
            } catch let error as ImportError {
                // Said of the upload by its name, not of the spool file, and with the API's own words.
                throw APIError(.badRequest, error.description.replacingOccurrences(of: path, with: name)
                    .replacingOccurrences(of: "name it with --format", with: "name it with ?format="))
            }
        }
        guard summary.rejected == 0, summary.conflicts == 0 else {
            throw APIError(.unprocessableContent, "\(summary.rejected) lines rejected, \(summary.conflicts) conflicting; the others are stored",
                           summary: summary)
        }
        return try context.responseEncoder.encode(summary, from: request, context: context)
    }

    /// `ingest`'s export options from the query: `format`, `at` (RFC 3339), `source_tz` (an IANA
    /// zone: the site server's, for BGB_Statistics times), `gateway`.
    static func options(_ query: Parameters) throws -> ExportImportOptions {
        var options = ExportImportOptions()
        if let format = query.get("format") {
            guard let known = ExportFormat(rawValue: format) else {
                throw APIError(.badRequest, "format must be one of \(ExportFormat.names), not \(format)")
            }
            options.format = known
        }
        if let at = query.get("at") {
            guard let instant = Timestamp.parse(at) else { throw APIError(.badRequest, "at must be an RFC 3339 instant, not \(at)") }
            options.at = instant
        }
        if let zone = query.get("source_tz") {
            guard let known = SourceTimeZone(identifier: zone) else {
                throw APIError(.badRequest, "source_tz must be an IANA time zone such as Europe/Berlin or UTC, not \(zone)")
            }
            options.sourceTimeZone = known
        }
        options.gateway = query.get("gateway")
        return options
    }

    /// The first bytes of the spooled file, for telling its format.
    static func head(_ path: String) throws -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw APIError(.internalServerError, "the spooled upload cannot be read") }
        defer { try? handle.close() }
        return Array(try handle.read(upToCount: InputFormat.sniffLength) ?? Data())
    }
}
#endif
