/// An incident timeline as one self-contained HTML page: a swimlane chart (one lane per
/// source, incidents shaded), the incident groups with their causes, and every item. No
/// scripts: bursts expand with `<details>`, marks explain themselves with SVG `<title>`.
/// Coloured SVG text uses `style` (the page's stylesheet would override a `fill` attribute).
public enum TimelineHTML {
    /// The timeline as a self-contained HTML page.
    public static func render(_ t: Timeline) -> String {
        HTMLPage.render(title: "Timeline \(t.from) to \(t.to)", body: body(t))
    }

    /// The page's content, which the dashboard frames with its navigation.
    package static func body(_ t: Timeline) -> String {
        var body = "<h1>\(HTMLPage.escape("Incident timeline"))</h1>\n"
        body += HTMLPage.note("\(t.from) to \(t.to) (\(t.timeZone)). " + TimelineRender.header(t), provenance: t.provenance)
        body += swimlanes(t)

        body += "<h2>Incidents</h2>\n"
        if t.incidents.isEmpty { body += "<p>None in this window.</p>\n" }
        for incident in t.incidents {
            body += "<h3>\(HTMLPage.escape(TimelineRender.incidentTitle(incident, zone: t.timeZone)))</h3>\n"
            let notes = TimelineRender.incidentLines(incident, t).filter { !$0.hasPrefix("  ") && !$0.hasPrefix("Probable causes") }
            for note in notes { body += "<p>\(HTMLPage.escape(note))</p>\n" }
            if !incident.causes.isEmpty {
                body += "<p>Probable causes (lead-up from \(HTMLPage.escape(incident.leadUpFromLocal))):</p>\n<table>\n<tr><th>rank</th><th>class</th><th>reason</th><th>item</th></tr>\n"
                for cause in incident.causes {
                    let at = t.item(cause.itemRef)?.atLocal ?? ""
                    body += "<tr><td class=\"n\">\(cause.rank)</td><td>\(HTMLPage.escape(cause.rule))</td><td>\(HTMLPage.escape(cause.reason))</td>"
                        + "<td><a href=\"#\(anchor(cause.itemRef))\">\(HTMLPage.escape(at))</a></td></tr>\n"
                }
                body += "</table>\n"
            }
        }

        body += "<h2>What happened</h2>\n"
        let placed = t.items.filter(\.zoneKnown)
        body += placed.isEmpty ? "<p>Nothing in this window.</p>\n" : itemTable(placed, t, unzoned: false)
        let unzoned = t.items.filter { !$0.zoneKnown }
        if !unzoned.isEmpty {
            body += "<h2>Log entries whose time zone is unknown</h2>\n<p class=\"note\">Local time as written, never shifted; they may fall in this window.</p>\n"
            body += itemTable(unzoned, t, unzoned: true)
        }
        body += "<p class=\"note\">\(HTMLPage.escape(TimelineRender.footnote(t)))</p>\n"
        return body
    }

    static func anchor(_ ref: String) -> String {
        "item-" + String(ref.map { $0.isLetter || $0.isNumber ? $0 : "-" })
    }

    package static func itemTable(_ items: [TimelineItem], _ t: Timeline, unzoned: Bool) -> String {
        let names = TimelineRender.ShortNames(t)
        var out = "<table>\n<tr>" + (unzoned ? "<th>local?</th>" : "<th>local</th><th>UTC</th>")
            + "<th>gateway</th><th>source</th><th>severity</th><th>what</th><th>evidence</th></tr>\n"
        for item in items {
            let style = item.severity == .error ? " class=\"warn\"" : ""
            out += "<tr id=\"\(anchor(item.ref))\">"
            out += unzoned ? "<td>\(HTMLPage.escape(item.atLocal))</td>"
                : "<td>\(HTMLPage.escape(TimelineRender.localCell(item)))</td><td>\(HTMLPage.escape(TimelineRender.utcCell(item)))</td>"
            out += "<td>\(HTMLPage.escape(names[item.gateway]))</td><td>\(HTMLPage.escape(item.source.rawValue))</td>"
            out += "<td\(style)>\(HTMLPage.escape(item.severity.rawValue))</td>"
            if let members = item.members {
                out += "<td><details><summary>\(HTMLPage.escape(item.text))</summary>"
                    + HTMLPage.escape(members.joined(separator: ", ")) + "</details></td>"
            } else {
                out += "<td>\(HTMLPage.escape(item.text))</td>"
            }
            out += "<td>\(HTMLPage.escape(item.origin))<br><small>\(HTMLPage.escape(item.ref))</small></td></tr>\n"
        }
        return out + "</table>\n"
    }

    // MARK: - Swimlanes

    static let width = 960.0, left = 130.0, right = 20.0, top = 24.0, lane = 30.0, axis = 44.0

    static let colours: [TimelineSeverity: String] = [.info: "#0063b1", .warning: "#c19c00", .error: "#a4262c"]

    /// One lane per source; incident bands shaded across all lanes (planned ones in grey); each
    /// item a dot (or a bar for a period or burst) coloured by severity, with its text as a tooltip.
    static func swimlanes(_ t: Timeline) -> String {
        let sources = TimelineSource.allCases
        let plotWidth = width - left - right
        let height = top + lane * Double(sources.count) + axis + 18
        let start = t.window.start, end = t.window.end
        let span = Double(max(end - start, 1))
        func px(_ x: Int64) -> Double { left + Double(min(max(x, start), end) - start) / span * plotWidth }
        func f(_ v: Double) -> String { NumberFormat.decimal(v, places: 1).replacingOccurrences(of: ",", with: "") }
        let zone = (try? ReportZone(identifier: t.timeZone)) ?? .utc

        var svg = HTMLPage.svgOpen(width: Int(width), height: Int(height), label: "timeline swimlanes") + "\n"
        let lanesBottom = top + lane * Double(sources.count)
        for (index, source) in sources.enumerated() {
            let y = top + lane * Double(index)
            svg += "<rect x=\"\(f(left))\" y=\"\(f(y))\" width=\"\(f(plotWidth))\" height=\"\(f(lane))\" fill=\"\(index % 2 == 0 ? "#fafafa" : "#f2f2f2")\"/>"
            svg += "<text x=\"\(f(left - 8))\" y=\"\(f(y + lane / 2 + 4))\" text-anchor=\"end\">\(HTMLPage.escape(source.label))</text>\n"
        }
        // Incident names above the lanes, in one row: a name that would overlap another is left
        // to its band's tooltip (``ChartMarkLabels``).
        let names = t.incidents.map { TimelineRender.ShortNames(t)[$0.gateway] + ($0.planned ? " (planned)" : "") }
        let placed = ChartMarkLabels.place(t.incidents.indices.map { (px(t.incidents[$0].startInstant) - 1, names[$0]) },
                                           left: left, right: width - right).filter { $0.row == 0 }
        for (index, incident) in t.incidents.enumerated() {
            let x1 = px(incident.startInstant), x2 = px(incident.endInstant ?? end)
            let fill = incident.planned ? "#8a8886" : "#d13438"
            let what = "\(incident.gateway): \(incident.planned ? "planned, " : "")\(incident.states.joined(separator: " > ")), \(incident.startLocal) to \(incident.endLocal ?? "ongoing")"
            svg += "<rect x=\"\(f(x1))\" y=\"\(f(top))\" width=\"\(f(max(x2 - x1, 1)))\" height=\"\(f(lanesBottom - top))\" fill=\"\(fill)\" fill-opacity=\"0.15\">"
                + "<title>\(HTMLPage.escape(what))</title></rect>\n"
            for label in placed where label.mark == index {
                svg += "<text x=\"\(f(label.x))\" y=\"\(f(top - 6))\" style=\"fill:\(fill)\">\(HTMLPage.escape(label.text))</text>\n"
            }
        }
        // Ticks at round local times (``ChartTimeAxis``), the date under the first one of each day.
        for tick in ChartTimeAxis(zone: zone).ticks(start...end) {
            let x = px(tick.instant)
            svg += "<line x1=\"\(f(x))\" y1=\"\(f(top))\" x2=\"\(f(x))\" y2=\"\(f(lanesBottom))\" stroke=\"#ddd\"/>"
            svg += "<text x=\"\(f(x))\" y=\"\(f(lanesBottom + 14))\" text-anchor=\"middle\">\(HTMLPage.escape(tick.label))</text>"
            if let date = tick.date { svg += "<text x=\"\(f(x))\" y=\"\(f(lanesBottom + 27))\" text-anchor=\"middle\">\(HTMLPage.escape(date))</text>" }
            svg += "\n"
        }
        for item in t.items where item.zoneKnown && item.inWindow {
            guard let index = sources.firstIndex(of: item.source) else { continue }
            let y = top + lane * Double(index) + lane / 2
            let colour = colours[item.severity] ?? "#444"
            let tip = "<title>\(HTMLPage.escape("\(item.atLocal) \(item.gateway ?? "(site)"): \(item.text)"))</title>"
            if let endInstant = item.endInstant, endInstant > item.instant {
                let x1 = px(item.instant), x2 = px(endInstant)
                svg += "<rect x=\"\(f(x1))\" y=\"\(f(y - 4))\" width=\"\(f(max(x2 - x1, 2)))\" height=\"8\" fill=\"\(colour)\" fill-opacity=\"0.6\">\(tip)</rect>\n"
            } else {
                svg += "<circle cx=\"\(f(px(item.instant)))\" cy=\"\(f(y))\" r=\"4\" fill=\"\(colour)\">\(tip)</circle>\n"
            }
        }
        let legendY = lanesBottom + axis
        var x = left
        for (name, colour) in [("info", colours[.info] ?? ""), ("warning", colours[.warning] ?? ""), ("error", colours[.error] ?? "")] {
            svg += "<text x=\"\(f(x))\" y=\"\(f(legendY))\" style=\"fill:\(colour)\">● \(name)</text>"
            x += 80
        }
        svg += "<text x=\"\(f(x))\" y=\"\(f(legendY))\" style=\"fill:#d13438\">■ incident</text>"
        svg += "<text x=\"\(f(x + 90))\" y=\"\(f(legendY))\" style=\"fill:#8a8886\">■ planned downtime</text>\n"
        return svg + "</svg>\n"
    }
}
