import ArgumentParser
import CMGHistory
import Foundation

/// `ingest`'s options for log files and folders, and the log half of its work.
struct LogIngestOptions: ParsableArguments {
    @Flag(name: .customLong("include-all"), help: ArgumentHelp(
        "In folders, also read .log and .lo_ files that are not CMG logs.",
        discussion: "Without it a folder gives only the CMG logs known by name (CloudMgr.log, SMS_Cloud_ProxyConnector.log, CMGHttpHandler.log, CloudDP-*.log, CMG-*-CMGService.log, …) and their .lo_ rollovers. A log file named on the command line is always read."))
    var includeAll = false

    @Option(name: .long, help: ArgumentHelp(
        "A rule file that extends the default log rules (a rule with a default rule's name replaces it).",
        valueName: "file"))
    var rules: String?

    /// The paths to read, folders walked, in reading order.
    func plan(_ paths: [String]) throws -> IngestPlan {
        try IngestPlan.make(paths: paths, includeAllLogs: includeAll)
    }

    /// The default rules plus the user's.
    func ruleSet() throws -> LogRuleSet {
        var set = try LogRuleSet.defaults()
        if let rules {
            guard let text = try? String(contentsOfFile: rules, encoding: .utf8) else {
                throw CommandFailure(message: "\(rules): cannot read the rule file")
            }
            set.merge(try LogRuleSet.parse(text, source: rules))
        }
        return set
    }

    /// Ingests the log files of a plan, one summary line each (unless quiet), with a progress
    /// bar on a terminal when the run takes more than a second.
    ///
    /// A `cancellation` (Ctrl-C, SIGTERM) stops it between two chunks of a file: what was read
    /// is stored with the offset it ends at, and the error thrown says so; the next run reads on
    /// from there.
    /// A file that cannot be read is named on standard error and the others are read; the
    /// result is how many could not be.
    @discardableResult
    func ingest(_ items: [IngestPlan.Item], store: HistoryStore, quiet: Bool, cancellation: ImportCancellation,
                gateway: String? = nil) throws -> Int {
        guard !items.isEmpty else { return 0 }
        var unreadable = 0
        let ingester = LogIngester(store: store, rules: try ruleSet(), now: Int64(Date().timeIntervalSince1970))
        ingester.gateway = gateway
        ingester.progressTotals = (items.count, items.reduce(0) { $0 + $1.bytes })
        ingester.cancellation = cancellation
        let bar = quiet ? nil : ProgressBar()
        ingester.progress = { bar?.update($0) }
        for item in items {
            if cancellation.isCancelled { throw IngestCommand.interrupted(before: item.path) }
            let summary: LogIngestSummary
            do {
                summary = try ingester.ingestFile(at: item.path)
            } catch let error as LogIngestError {
                guard case .cannotRead = error else { throw error }
                bar?.clear()
                Console.error("error: \(VisibleText.escape(error.description))")
                unreadable += 1
                continue
            }
            bar?.clear()
            if !quiet {
                Console.out(LogIngestSummaryText.line(summary))
                if !summary.counts.notes.isEmpty { Console.out("  " + summary.counts.notes.joined(separator: "; ") + "\n") }
            }
            for warning in summary.warnings { Console.error("warning: " + warning) }
            if let stop = summary.interruptedAt { throw IngestCommand.interrupted(summary, at: stop) }
        }
        bar?.clear()
        return unreadable
    }
}
