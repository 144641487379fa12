import ArgumentParser
import CMGHistory
import Foundation

/// `ingest`'s options for ConfigMgr exports: what a file does not say about itself.
struct ExportOptions: ParsableArguments {
    @Option(name: .customLong("format"), help: ArgumentHelp(
        "Read every file as this format instead of telling it from the content.",
        discussion: "One of: \(ExportFormat.names).", valueName: "name"))
    var inputFormat: ExportFormat?

    @Option(name: .long, help: ArgumentHelp(
        "The export time of SMS_AzureService and vProxy_Connectors files that carry none (RFC 3339).",
        discussion: "Without it, an export with no ExportedAt property is stamped with its file's modification time.",
        valueName: "time"))
    var at: InstantArgument?

    @Option(name: .customLong("source-tz"), help: ArgumentHelp(
        "The IANA time zone of times written without one, such as SQL Server datetime values in BGB_Statistics. "
        + "Times with Z or an offset, and ExportedAt or *UTC* properties (UTC by contract), are never moved by it.",
        valueName: "zone"))
    var sourceTimeZone: SourceTimeZone = .utc

    @Option(name: .long, help: ArgumentHelp(
        "The gateway of rows and certificates that name none (BGB_Statistics, CA certificates), and of every log file read.",
        discussion: "A log's records (its traffic samples, its entries in `logs list --gateway`) belong to this gateway whatever its file name says.",
        valueName: "name"))
    var gateway: String?

    func validate() throws {
        if let gateway, gateway.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--gateway must name a gateway.")
        }
        if let gateway, gateway.utf8.count > ValueLimits.maximumNameBytes {
            throw ValidationError("--gateway is too long (limit \(ValueLimits.maximumNameBytes) bytes).")
        }
    }

    var importOptions: ExportImportOptions {
        ExportImportOptions(format: inputFormat, at: at?.seconds, sourceTimeZone: sourceTimeZone, gateway: gateway)
    }

    /// Imports one file: NDJSON through `ndjson` (standard input is NDJSON unless --format says
    /// otherwise), any other format through the export importer.
    func importFile(_ file: String, store: HistoryStore, ndjson: NDJSONImporter,
                    progress: ((ImportProgress) -> Void)? = nil) throws -> ImportSummary {
        let options = importOptions
        if options.format == .ndjson || (options.format == nil && file == "-") {
            ndjson.progress = progress
            return try ndjson.importFile(at: file)
        }
        let importer = ExportImporter(store: store)
        importer.cancellation = ndjson.cancellation
        importer.progress = progress
        return try importer.importFile(at: file, options: options, fileModifiedAt: ExportFile.modificationTime(path: file))
    }
}
