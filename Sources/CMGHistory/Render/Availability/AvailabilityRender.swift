/// An availability report as text, CSV, Markdown and HTML.
public enum AvailabilityRender {
    /// With `width` (a terminal's), the incidents' descriptions, then states, are cut to fit,
    /// and gateway names; figures never are. Nil keeps every cell whole.
    public static func table(_ r: AvailabilityReport, width: Int? = nil) -> String {
        var out = "Availability, \(r.from) to \(r.to) (\(r.timeZone))\n\n"
        var summary = summary(r)
        summary.shrinkOrder = [0]
        // Narrow terminals lose the figures derivable from the others first: availability with
        // planned stops, planned time, then ready time (not ready and unknown stay: they explain).
        summary.dropOrder = [2, 5, 3]
        out += summary.render(indent: "  ", width: width)
        for g in r.gateways where !g.incidents.isEmpty {
            out += "\nIncidents of \(VisibleText.escape(g.gateway))\n"
            var incidents = incidents(g)
            incidents.shrinkOrder = [4, 3]
            out += incidents.render(indent: "  ", width: width)
        }
        out += "\n" + note(r) + "\n"
        return out
    }

    /// The report as CSV: a header row, then one row per gateway.
    public static func csv(_ r: AvailabilityReport) -> String {
        var csv = CSVRender(header: ["gateway", "row", "ready_seconds", "not_ready_seconds", "unknown_seconds", "ratio",
                                     "planned_seconds", "unplanned_ratio", "unplanned_incidents", "expected_samples", "samples",
                                     "coverage", "partial", "incident_start", "incident_end", "duration_seconds", "states", "planned"])
        for g in r.gateways {
            csv.append([g.gateway, "total", String(g.readySeconds), String(g.notReadySeconds), String(g.unknownSeconds),
                        g.ratio.cell, String(g.plannedSeconds), g.unplannedRatio.cell, String(g.unplannedIncidents),
                        g.coverage.expectedSamples.cell, String(g.coverage.samples), g.coverage.coverage.cell, String(g.coverage.partial),
                        "", "", "", "", ""])
            for i in g.incidents {
                csv.append([g.gateway, "incident", "", "", "", "", "", "", "", "", "", "", "", i.start, i.end ?? "", String(i.durationSeconds),
                            i.states.joined(separator: " > "), String(i.planned)])
            }
        }
        return csv.text
    }

    /// The report as Markdown, for mail and tickets.
    public static func markdown(_ r: AvailabilityReport) -> String {
        var out = "## Availability\n\n\(r.from) to \(r.to) (\(r.timeZone)).\n\n"
        var table = MarkdownTable(headers: summaryHeaders, alignments: summaryAlignments)
        summaryRows(r, mark: "\\" + CoveragePolicy.mark).forEach { table.append($0) }
        out += table.text
        for g in r.gateways where !g.incidents.isEmpty {
            out += "\n### Incidents of \(MarkdownText.escape(g.gateway))\n\n"
            var t = MarkdownTable(headers: incidentHeaders, alignments: incidentAlignments)
            incidentRows(g).forEach { t.append($0) }
            out += t.text
        }
        return out + "\n" + note(r) + "\n"
    }

    /// The report as a self-contained HTML page.
    public static func html(_ r: AvailabilityReport) -> String {
        var body = "<h1>Availability</h1>\n" + HTMLPage.note("\(r.from) to \(r.to) (\(r.timeZone)). " + note(r), provenance: r.provenance)
        body += HTMLPage.table(headers: summaryHeaders, rows: summaryRows(r), numeric: [1, 2, 3, 4, 5, 6, 7])
        for g in r.gateways where !g.incidents.isEmpty {
            body += "<h2>\(HTMLPage.escape("Incidents of \(g.gateway)"))</h2>\n"
            body += HTMLPage.table(headers: incidentHeaders, rows: incidentRows(g), numeric: [2])
        }
        return HTMLPage.render(title: "Availability", body: body)
    }

    // MARK: - Shared pieces

    static let summaryHeaders = ["gateway", "availability", "incl. planned", "ready", "not ready", "planned", "unknown", "coverage",
                                 "incidents"]
    static let summaryAlignments: [TextTable.Alignment] = [.left, .right, .right, .right, .right, .right, .right, .right, .right]
    static let incidentHeaders = ["start", "end", "duration", "states", "description"]
    static let incidentAlignments: [TextTable.Alignment] = [.left, .left, .right, .left, .left]

    /// Availability over unplanned time first (what the gateway owed), then with planned stops
    /// counted; a period without a snapshot says `no data`.
    static func summaryRows(_ r: AvailabilityReport, mark: String = CoveragePolicy.mark) -> [[String]] {
        r.gateways.map { g in
            [g.gateway, g.unplannedRatio.map { NumberFormat.percent($0, places: 3) } ?? "no data",
             g.ratio.map { NumberFormat.percent($0, places: 3) } ?? "no data", DurationText.format(g.readySeconds),
             DurationText.format(g.notReadySeconds), DurationText.format(g.plannedSeconds), DurationText.format(g.unknownSeconds),
             (g.coverage.coverage.map { NumberFormat.percent($0, places: 1) } ?? "–") + (g.coverage.partial ? mark : ""),
             g.incidents.count == g.unplannedIncidents ? String(g.incidents.count)
                : "\(g.unplannedIncidents) + \(g.incidents.count - g.unplannedIncidents) planned"]
        }
    }

    static func incidentRows(_ g: GatewayAvailability) -> [[String]] {
        g.incidents.map { i in
            [i.start, i.end ?? "ongoing", DurationText.format(i.durationSeconds), i.states.joined(separator: " > "),
             (i.planned ? "planned: stop requested \(i.plannedBy ?? "?")" + (i.descriptions.isEmpty ? "" : " / ") : "")
                + i.descriptions.joined(separator: " / ")]
        }
    }

    static func summary(_ r: AvailabilityReport) -> TextTable {
        var table = TextTable(headers: summaryHeaders, alignments: summaryAlignments)
        summaryRows(r).forEach { table.append($0) }
        return table
    }

    static func incidents(_ g: GatewayAvailability) -> TextTable {
        var table = TextTable(headers: incidentHeaders, alignments: incidentAlignments)
        incidentRows(g).forEach { table.append($0) }
        return table
    }

    static func note(_ r: AvailabilityReport) -> String {
        "Availability = ready / (ready + unplanned not ready); incl. planned counts planned stops as not ready too. "
            + PlannedDowntimeText.rule + " Unknown is time with no status snapshot newer than "
            + "\(r.stalenessLimitSeconds / 60) minutes; it is never counted as up; a period without a snapshot has no data."
            + (r.gateways.contains(where: \.coverage.partial) ? " " + CoveragePolicy.legend : "")
    }
}

/// Durations as people read them: `3 d 4 h 05 min`, `42 min`, `12 s`.
package enum DurationText {
    package static func format(_ seconds: Int64) -> String {
        if seconds < 60 { return "\(seconds) s" }
        let minutes = seconds / 60
        if minutes < 60 { return "\(minutes) min" }
        let hours = minutes / 60
        let m = minutes % 60
        let mm = m < 10 ? "0\(m)" : "\(m)"
        if hours < 24 { return "\(hours) h \(mm) min" }
        return "\(hours / 24) d \(hours % 24) h \(mm) min"
    }
}
