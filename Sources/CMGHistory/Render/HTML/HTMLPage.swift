/// A self-contained HTML page: inline CSS, inline SVG, no scripts, nothing fetched from the
/// network, so it can be mailed or attached to a ticket and read anywhere.
package enum HTMLPage {
    /// `header` goes before the body (the dashboard's navigation), `style` after the page's own rules.
    package static func render(title: String, body: String, header: String = "", style: String = "") -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>\(escape(title))</title>
        <style>
        body { font-family: "Segoe UI", system-ui, sans-serif; margin: 2em; color: #1b1b1b; max-width: 1100px; }
        h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 1.6em; border-bottom: 1px solid #ddd; }
        table { border-collapse: collapse; margin: 0.6em 0; font-size: 0.9em; }
        th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
        th { background: #f3f3f3; text-align: left; }
        .note { color: #555; font-size: 0.9em; } .warn { color: #a4262c; font-weight: 600; }
        svg { margin: 0.5em 0; max-width: 100%; height: auto; } svg text { font-size: 11px; fill: #444; }
        @media (max-width: 600px) { body { margin: 0.8em; } table { display: block; overflow-x: auto; } }
        \(style)</style>
        </head>
        <body>
        \(header)\(body)
        </body>
        </html>

        """
    }

    /// The opening tag of an inline chart: its `viewBox` lets a narrow screen scale it down whole.
    package static func svgOpen(width: Int, height: Int, label: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(escape(label))\">"
    }

    /// The note under a page's heading, with the sentence saying when and from what the page
    /// was made (``ReportProvenance``; none in reproducible output), so a mailed page says its age.
    static func note(_ text: String, provenance: ReportProvenance?) -> String {
        "<p class=\"note\">\(escape(text))" + (provenance.map { "<br>\(escape($0.sentence))" } ?? "") + "</p>\n"
    }

    /// Text made safe for HTML element content and attribute values.
    package static func escape(_ text: String) -> String {
        var out = ""
        // Control characters are invalid in HTML and reach a terminal when the page is printed.
        for c in VisibleText.escape(text, keepingLineBreaks: true) {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    /// An HTML table; `numeric` marks right-aligned columns.
    package static func table(headers: [String], rows: [[String]], numeric: Set<Int> = []) -> String {
        var out = "<table>\n<tr>" + headers.map { "<th>\(escape($0))</th>" }.joined() + "</tr>\n"
        for row in rows {
            out += "<tr>" + row.enumerated().map { index, cell in
                numeric.contains(index) ? "<td class=\"n\">\(escape(cell))</td>" : "<td>\(escape(cell))</td>"
            }.joined() + "</tr>\n"
        }
        return out + "</table>\n"
    }
}
