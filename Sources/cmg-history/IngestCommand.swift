import ArgumentParser
import CMGHistory

/// `cmg-history ingest FILE…`
struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Import history files into the database.",
        discussion: """
            Each file is NDJSON v1: one JSON record per line (see the README). Use - to read standard \
            input. Importing the same file twice stores nothing the second time. A bad line is reported \
            as FILE:LINE: reason on standard error and the good lines are still stored; the exit status \
            is then 1. The exit status is 0 when every line was stored or already known.

            A file may also be a ConfigMgr export (SMS_AzureService or SMS_AzureServicesTask objects, \
            vProxy_Connectors or BGB_Statistics rows, as JSON or CSV, or a certificate) or a CMG log: \
            ingest tells them by their content. A folder is walked, subfolders too: the files in these \
            formats are read as if named, the others skipped and counted.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The files or folders to import, or - for standard input.", valueName: "file"))
    var files: [String]

    @Flag(name: .long, help: "Print only rejected lines and errors, not the per-file counts.")
    var quiet = false

    @OptionGroup(title: "ConfigMgr exports") var exports: ExportOptions

    @OptionGroup(title: "Logs") var logs: LogIngestOptions

    func validate() throws {
        if files.isEmpty { throw ValidationError("Name at least one file to import, or - for standard input.") }
        if files.filter({ $0 == "-" }).count > 1 { throw ValidationError("Standard input (-) can be read only once.") }
    }

    func run() throws {
        let store = try database.openStore()
        let importer = NDJSONImporter(store: store)
        var anyRejected = false
        // Folders are walked; log files go to the log ingester, after the other files.
        let plan = try logs.plan(files)
        for file in plan.items.filter({ $0.format != .log }).map(\.path) {
            let summary = try exports.importFile(file, store: store, ndjson: importer)
            for rejection in summary.rejections { Console.error(rejection.description) }
            if summary.rejected > summary.rejections.count {
                Console.error("\(summary.file): \(summary.rejected - summary.rejections.count) more rejected lines not listed")
            }
            if !quiet { Console.out(ImportSummaryText.line(summary) + ExportSummaryText.details(summary)) }
            anyRejected = anyRejected || summary.rejected > 0
        }
        try logs.ingest(plan.items.filter { $0.format == .log }, store: store, quiet: quiet)
        if !quiet, !plan.skipped.isEmpty {
            let count = plan.skipped.count
            Console.out("\(NumberFormat.grouped(count)) file\(count == 1 ? "" : "s") in folders skipped: neither NDJSON, a ConfigMgr export "
                        + "nor a CMG log (--include-all reads every .log)\n")
        }
        if !plan.specialFiles.isEmpty {
            let count = plan.specialFiles.count
            Console.out("\(NumberFormat.grouped(count)) special file\(count == 1 ? "" : "s") in folders skipped (FIFOs, devices or sockets): "
                        + plan.specialFiles.joined(separator: ", ") + "\n")
        }
        if anyRejected { throw ExitCode(1) }
    }
}

/// The one-line summary of an import, for people.
enum ImportSummaryText {
    static func line(_ s: ImportSummary) -> String {
        var parts = [
            "\(NumberFormat.grouped(s.inserted)) inserted",
            "\(NumberFormat.grouped(s.duplicates)) duplicates",
            "\(NumberFormat.grouped(s.rejected)) rejected",
        ]
        if s.updated > 0 { parts.insert("\(NumberFormat.grouped(s.updated)) updated", at: 1) }
        if s.droppedSecretFields > 0 { parts.append("\(s.droppedSecretFields) secret fields dropped") }
        return "\(s.file) (\(s.format)): " + parts.joined(separator: ", ") + "\n"
    }
}
