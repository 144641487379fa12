import ArgumentParser
import CMGHistory
import Foundation

/// `cmg-history demo`
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Write a realistic synthetic history of two gateways and import it.",
        discussion: """
            The history is written as an NDJSON file next to the database and imported through the \
            same path as any user file, so it shows what an import does. The same --seed always \
            gives the same history. Running the demo again into the same database stores nothing new.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(name: .long, help: "How many days of history to generate, ending on --end.")
    var days = 120

    @Option(name: .long, help: "The seed for the synthetic noise; the same seed gives the same history.")
    var seed: UInt64 = 1

    @Option(name: .long, help: ArgumentHelp("Where the history ends, as an RFC 3339 instant.", valueName: "time"))
    var end = InstantArgument(DemoHistory.defaultEnd)

    func validate() throws {
        guard (1...3650).contains(days) else { throw ValidationError("--days must be from 1 to 3650, not \(days).") }
    }

    func run() throws {
        let endInstant = end.seconds
        let dbPath = database.path
        let ndjsonPath: String
        switch try database.location() {
        case let .sqlite(file): ndjsonPath = (file.hasSuffix(".sqlite") ? String(file.dropLast(".sqlite".count)) : file) + ".demo.ndjson"
        case let .postgres(postgres): ndjsonPath = postgres.schema + ".demo.ndjson"
        }
        let history = DemoHistory(days: days, seed: seed, end: endInstant)
        var lines = 0
        do {
            let writer = try TextFileWriter(path: ndjsonPath)
            try history.writeLines { line in
                try writer.write(line + "\n")
                lines += 1
            }
            try writer.close()
        } catch {
            throw CommandFailure(message: "\(ndjsonPath): cannot write the demo history: \(error.localizedDescription)")
        }
        let store = try database.openStore()
        let summary = try NDJSONImporter(store: store).importFile(at: ndjsonPath)
        for rejection in summary.rejections { Console.error(rejection.description) }
        Console.out("""
            Wrote \(NumberFormat.grouped(lines)) records of \(days) days for 2 gateways to \(ndjsonPath)
            and imported them into \(dbPath):
              \(ImportSummaryText.line(summary))
            """)
        Console.out(ImportSummaryText.insertedByType(summary))
        let dbArgument = database.db.map { " --db \($0)" } ?? ""
        var next = TextTable(headers: ["command", "what it does"], alignments: [.left, .left])
        next.append(["cmg-history db info\(dbArgument)", "what the database holds, per gateway"])
        next.append(["cmg-history ingest\(dbArgument) \(ndjsonPath)", "import it again: nothing is stored twice"])
        Console.out("\nNext, try:\n" + next.render(indent: "  ", showHeaders: false))
        if summary.rejected > 0 { throw ExitCode(1) }
    }
}

/// Buffered text output to a file, replacing what was there.
final class TextFileWriter {
    private let handle: FileHandle
    private var buffer: [UInt8] = []

    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path)
        else { throw CommandFailure(message: "\(path): cannot create the file") }
        self.handle = handle
        buffer.reserveCapacity(1 << 20)
    }

    func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 20 { try flush() }
    }

    func flush() throws {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        try flush()
        try handle.close()
    }
}
