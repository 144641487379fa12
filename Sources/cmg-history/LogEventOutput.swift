import CMGHistory
import Foundation

/// Rule events as a table or as JSON (`logs events`).
enum LogEventOutput {
    /// One event in `--format json`: what the rule made of it, and its entry as `logs list`
    /// writes one. Every key present, null when unknown (the library's `encodeIfPresent`).
    struct JSONEvent: Encodable {
        var kind: String
        var rule: String
        var severity: String
        var gateway: String?
        /// The rule's named captures; always strings, as the rule's pattern captured them.
        var fields: [String: String]?
        var entry: LogEntryOutput.JSONEntry
    }

    static func render(_ events: [LoggedEvent], format: InfoFormat, width: Int?) throws -> String {
        switch format {
        case .json:
            let encoder = JSONEncoding.encoder(.compact, keys: .asDeclared)
            let lines = try events.map { event -> String in
                let fields = event.fields.flatMap { try? JSONDecoder().decode([String: String].self, from: Data($0.utf8)) }
                let json = JSONEvent(kind: event.kind, rule: event.rule, severity: event.severity.name, gateway: event.gateway,
                                     fields: fields, entry: LogEntryOutput.JSONEntry(event.entry, gateway: event.fileGateway, sourcePath: event.sourcePath))
                return String(decoding: try encoder.encode(json), as: UTF8.self)
            }
            return lines.isEmpty ? "[]\n" : "[\n" + lines.joined(separator: ",\n") + "\n]\n"
        case .table:
            guard !events.isEmpty else { return "No log events.\n" }
            var table = TextTable(headers: ["time (UTC)", "kind", "severity", "gateway", "fields"],
                                  alignments: [.left, .left, .left, .left, .left])
            table.shrinkOrder = [4, 3, 1]
            for event in events {
                table.append([LogEntryOutput.time(event.entry), event.kind, event.severity.name, event.gateway ?? "", event.fields ?? ""])
            }
            return table.render(width: width)
        }
    }
}
