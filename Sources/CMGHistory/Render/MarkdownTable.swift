import Foundation

/// A GitHub-flavoured Markdown table, for tickets and mail. Cells are escaped (``MarkdownText``).
package struct MarkdownTable {
    private var headers: [String]
    private var alignments: [TextTable.Alignment]
    private var rows: [[String]] = []

    package init(headers: [String], alignments: [TextTable.Alignment]) {
        self.headers = headers
        self.alignments = alignments
    }

    package mutating func append(_ row: [String]) { rows.append(row) }

    package var text: String {
        func line(_ cells: [String]) -> String {
            "| " + cells.map { MarkdownText.escape($0) }.joined(separator: " | ") + " |"
        }
        let rule = "|" + alignments.map { $0 == .right ? "---:|" : "---|" }.joined()
        return ([line(headers), rule] + rows.map(line)).joined(separator: "\n") + "\n"
    }
}
