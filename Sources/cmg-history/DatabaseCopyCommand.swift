import ArgumentParser
import CMGHistory
import Foundation

extension DatabaseCommand {
    /// `cmg-history db copy --from SRC --to DST`
    struct CopyCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "copy",
            abstract: "Copy a whole history into another database, and check that it answers as the source does.",
            discussion: """
                The source is only read, from one snapshot (imports may go on meanwhile). DST is \
                created if missing; it must be empty or hold an interrupted copy of the same history, \
                which the copy then completes: tables go in order, a page per transaction, and a row \
                stored already is left alone, so running it again is harmless. At the end every \
                table's row count and the capacity report of every month are compared; exit status 1 \
                when they differ.
                """)

        @Option(name: .long, help: ArgumentHelp("The history to copy.", valueName: "db"))
        var from: String

        @Option(name: .long, help: ArgumentHelp("The database to copy into.", valueName: "db"))
        var to: String

        @Option(name: .long, help: ArgumentHelp(
            "A file whose first line is the password of the PostgreSQL end(s); else PGPASSWORD or ~/.pgpass.",
            valueName: "path"))
        var passwordFile: String?

        @Option(name: .long, help: "How to print: table for people, json for scripts.")
        var format: InfoFormat = .table

        func run() throws {
            let password = passwordFile.map { URL(fileURLWithPath: $0) }
            let sourceLocation = try DatabaseOptions.location(from, option: "--from")
            let destinationLocation = try DatabaseOptions.location(to, option: "--to")
            DatabaseOptions.opened = sourceLocation.displayForm
            let source = try HistoryStore(location: sourceLocation, access: .readOnly, passwordFile: password)
            DatabaseOptions.opened = destinationLocation.displayForm
            let destination = try HistoryStore(location: destinationLocation, access: .readWrite, passwordFile: password)
            let summary: CopySummary
            do {
                summary = try source.copy(to: destination)
            } catch let error as StoreError {
                if case .copyMismatch = error {
                    Console.error("error: \(error)\n")
                    throw ExitCode(1)
                }
                throw error
            }
            switch format {
            case .json: Console.out(try JSONRender.render(summary))
            case .table: Console.out(CopySummaryText.render(summary))
            }
        }
    }
}
