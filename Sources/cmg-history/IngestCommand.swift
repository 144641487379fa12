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
            is then 1. A line whose key is stored already with other values (a status of the same gateway \
            and instant, an operation that already ended otherwise) is a conflict: it is reported as \
            FILE:LINE: conflicts with the stored record (…), the stored record is kept and the exit status \
            is 1 too. The exit status is 0 when every line was stored or already known.

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
        let interrupt = InterruptSignal()
        importer.cancellation = interrupt.cancellation
        var anyRejected = false
        var unreadable = 0
        // Folders are walked; log files go to the log ingester, after the other files.
        let plan = try logs.plan(files)
        let records = plan.items.filter { $0.format != .log }
        // The log ingester draws its own bar; this one covers NDJSON and exports, over all files.
        let bar = quiet ? nil : ProgressBar(unit: "records")
        defer { bar?.clear() }
        var done = (files: 0, bytes: Int64(0), records: 0)
        let totalBytes = records.reduce(Int64(0)) { $0.addingReportingOverflow($1.bytes).partialValue }
        for item in records {
            let file = item.path
            if interrupt.cancellation.isCancelled { throw Self.interrupted(before: file) }
            var fileRecords = 0
            let report = { (p: ImportProgress) in
                fileRecords = p.records
                bar?.update(filesDone: done.files, totalFiles: records.count, bytesDone: done.bytes + p.bytesRead,
                            totalBytes: totalBytes, records: done.records + p.records)
            }
            let summary: ImportSummary
            defer { done = (done.files + 1, done.bytes + item.bytes, done.records + fileRecords) }
            do {
                summary = try exports.importFile(file, store: store, ndjson: importer, progress: report)
                bar?.clear()
            } catch let error as ImportError {
                bar?.clear()
                // One file that cannot be read (permissions, gone since the folder was walked)
                // must not cost the good lines of every file after it.
                guard case .cannotRead = error else { throw error }
                Console.error("error: \(VisibleText.escape(error.description))")
                unreadable += 1
                continue
            }
            for rejection in summary.rejections { Console.error(rejection.description) }
            if summary.rejected > summary.rejections.count {
                Console.error("\(SecretText.fileName(summary.file)): \(summary.rejected - summary.rejections.count) more rejected lines not listed")
            }
            for conflict in summary.conflictList { Console.error(conflict.description) }
            if summary.conflicts > summary.conflictList.count {
                Console.error("\(SecretText.fileName(summary.file)): \(summary.conflicts - summary.conflictList.count) more conflicting lines not listed")
            }
            if !quiet { Console.out(ImportSummaryText.line(summary) + ImportSummaryText.exportDetails(summary)) }
            // A conflict is a line not stored as written, like a rejected one: the exit status says so.
            anyRejected = anyRejected || summary.rejected > 0 || summary.conflicts > 0
            if let line = summary.interruptedAfterLine { throw Self.interrupted(summary, afterLine: line) }
        }
        let logFiles = plan.items.filter { $0.format == .log }
        unreadable += try logs.ingest(logFiles, store: store, quiet: quiet, cancellation: interrupt.cancellation,
                                      gateway: exports.gateway)
        if !quiet, !plan.skipped.isEmpty {
            let count = plan.skipped.count
            Console.out("\(NumberFormat.grouped(count)) file\(count == 1 ? "" : "s") in folders skipped: neither NDJSON, a ConfigMgr export "
                        + "nor a CMG log (--include-all reads every .log)\n")
        }
        if !plan.specialFiles.isEmpty {
            let count = plan.specialFiles.count
            Console.out("\(NumberFormat.grouped(count)) special file\(count == 1 ? "" : "s") in folders skipped (FIFOs, devices or sockets): "
                        + plan.specialFiles.map(SecretText.fileName).joined(separator: ", ") + "\n")
        }
        if unreadable > 0 { throw ExitCode(2) }
        if anyRejected { throw ExitCode(1) }
    }
}

extension IngestCommand {
    /// Says what an interrupted import stored, and ends with the status a shell gives Ctrl-C.
    static func interrupted(_ summary: ImportSummary, afterLine line: Int) -> ExitCode {
        Console.error("Interrupted: \(SecretText.fileName(summary.file)): lines 1-\(NumberFormat.grouped(line)) are stored "
                      + "(\(NumberFormat.grouped(summary.inserted)) inserted, \(NumberFormat.grouped(summary.duplicates)) duplicates); "
                      + "nothing after line \(NumberFormat.grouped(line)) and no later file was stored. "
                      + "Running the same command again is safe: what is stored already counts as duplicates.")
        return ExitCode(InterruptSignal.exitStatus)
    }

    static func interrupted(before file: String) -> ExitCode {
        let file = SecretText.fileName(file)
        Console.error("Interrupted: every file before \(file) is stored, \(file) and what follows are not. "
                      + "Running the same command again is safe: what is stored already counts as duplicates.")
        return ExitCode(InterruptSignal.exitStatus)
    }

    /// A log stops between chunks, not lines: its entries up to a byte offset are stored.
    static func interrupted(_ summary: LogIngestSummary, at stop: LogIngestSummary.Position) -> ExitCode {
        Console.error("Interrupted: \(summary.file): the entries through line \(NumberFormat.grouped(stop.line)) "
                      + "(byte \(NumberFormat.grouped(stop.offset))) are stored; nothing after it and no later file was read. "
                      + "Running the same command again is safe: it reads on from there.")
        return ExitCode(InterruptSignal.exitStatus)
    }
}
