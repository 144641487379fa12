/// An expiry report as text, CSV, Markdown and HTML.
public enum ExpiryRender {
    static let headers = ["status", "days left", "expires", "gateway", "kind", "name / subject", "thumbprint"]
    static let alignments: [TextTable.Alignment] = [.left, .right, .left, .left, .left, .left, .left]

    static func rows(_ r: ExpiryReport) -> [[String]] {
        r.credentials.map { c in
            [c.status.rawValue.uppercased(), String(c.daysLeft), c.expiresAt, c.gateway, c.kind,
             c.name.isEmpty ? c.subject : c.name, c.thumbprint]
        }
    }

    static func title(_ r: ExpiryReport) -> String {
        "Credential expiry as of \(r.asOf)" + (r.withinDays.map { ", expiring within \($0) days" } ?? "")
    }

    static let note = "Warning at 60 days or fewer, critical at 14 or fewer. An expired app secret cuts the site off from Azure."

    /// With `width` (a terminal's), thumbprints, then names and gateways, are cut to fit (the
    /// thumbprint column left out if that is not enough); the status, days and dates never are.
    /// Nil keeps every cell whole.
    public static func table(_ r: ExpiryReport, width: Int? = nil) -> String {
        var table = TextTable(headers: headers, alignments: alignments)
        table.shrinkOrder = [6, 5, 3, 4]
        table.minimumWidths = [5: 20, 3: 16]
        table.dropOrder = [6]
        rows(r).forEach { table.append($0) }
        var out = title(r) + "\n\n" + (r.credentials.isEmpty ? "  No credentials.\n" : table.render(indent: "  ", width: width))
        for c in r.credentials where !(c.renewals ?? []).isEmpty {
            out += "\nHistory of app secret \(c.name) (\(c.gateway))\n"
            for renewal in c.renewals ?? [] { out += "  \(renewal.at)  \(renewal.event)\n" }
        }
        return out + "\n" + note + "\n"
    }

    /// The report as CSV: a header row, then one row per credential.
    public static func csv(_ r: ExpiryReport) -> String {
        var csv = CSVRender(header: ["gateway", "kind", "name", "subject", "thumbprint", "expires_at", "days_left", "status"])
        for c in r.credentials {
            csv.append([c.gateway, c.kind, c.name, c.subject, c.thumbprint, c.expiresAt, String(c.daysLeft), c.status.rawValue])
        }
        return csv.text
    }

    /// The report as a Markdown table, for mail and tickets.
    public static func markdown(_ r: ExpiryReport) -> String {
        var table = MarkdownTable(headers: headers, alignments: alignments)
        rows(r).forEach { table.append($0) }
        return "## \(title(r))\n\n" + table.text + "\n" + note + "\n"
    }

    /// The report as a self-contained HTML page.
    public static func html(_ r: ExpiryReport) -> String {
        HTMLPage.render(title: title(r), body: htmlBody(r))
    }

    /// The page's content, which the dashboard frames with its navigation.
    package static func htmlBody(_ r: ExpiryReport) -> String {
        var body = "<h1>\(HTMLPage.escape(title(r)))</h1>\n" + HTMLPage.note(note, provenance: r.provenance)
        body += HTMLPage.table(headers: headers, rows: rows(r), numeric: [1])
        for c in r.credentials where !(c.renewals ?? []).isEmpty {
            body += "<h2>\(HTMLPage.escape("History of app secret \(c.name) (\(c.gateway))"))</h2>\n"
            body += HTMLPage.table(headers: ["when", "event"], rows: (c.renewals ?? []).map { [$0.at, $0.event] })
        }
        return body
    }
}
