/// An incident timeline as text for the terminal and Markdown for tickets.
public enum TimelineRender {
    /// The text form: one line per item with its local and UTC time, then the incidents with
    /// their probable causes. With `colour`, errors are red and warnings yellow (ANSI); callers
    /// pass it only when standard output is a terminal. With `width` (the terminal's), the
    /// what and evidence columns are cut to fit, then gateway and source; nil keeps them whole.
    public static func text(_ t: Timeline, colour: Bool = false, width: Int? = nil) -> String {
        let paint = Paint(enabled: colour)
        var out = paint.bold("Timeline, \(t.from) to \(t.to) (\(t.timeZone))") + "\n"
        out += VisibleText.escape(TextWrap.wrap(header(t), width: min(100, width ?? 100)), keepingLineBreaks: true) + "\n"
        if let p = t.provenance { out += VisibleText.escape("Made \(p.generatedAt) from \(p.database).") + "\n" }
        let names = ShortNames(t)

        let placed = t.items.filter(\.zoneKnown)
        var cut = false
        out += "\n"
        if placed.isEmpty {
            out += "  Nothing happened in this window (at \(t.minSeverity.rawValue) or above).\n"
        } else {
            var table = TextTable(headers: ["local", "UTC", "gateway", "source", "severity", "what", "evidence"],
                                  alignments: [.left, .left, .left, .left, .left, .left, .left])
            Self.fit(&table, shrink: [6, 3, 5, 2], what: 5, drop: [6, 1])
            for item in placed { table.append(row(item, names: names, local: localCell, utc: utcCell)) }
            if let width, table.isCut(width: width, indent: "  ") { cut = true }
            out += colourRows(table.render(indent: "  ", width: width), severities: placed.map(\.severity), paint: paint)
        }
        let unzoned = t.items.filter { !$0.zoneKnown }
        if !unzoned.isEmpty {
            out += "\n" + paint.bold("Log entries whose time zone is unknown") + " (local time as written, never shifted; they may fall in this window)\n"
            var table = TextTable(headers: ["local?", "gateway", "severity", "what", "evidence"], alignments: [.left, .left, .left, .left, .left])
            Self.fit(&table, shrink: [4, 1, 3], what: 3, drop: [4])
            for item in unzoned { table.append([item.atLocal.replacingOccurrences(of: "T", with: " "), names[item.gateway], item.severity.rawValue, item.text, item.origin]) }
            if let width, table.isCut(width: width, indent: "  ") { cut = true }
            out += colourRows(table.render(indent: "  ", width: width), severities: unzoned.map(\.severity), paint: paint)
        }

        out += "\n" + paint.bold("Incidents") + "\n"
        if t.incidents.isEmpty { out += "  None in this window.\n" }
        for incident in t.incidents {
            // Names and ConfigMgr's descriptions are input: shown, never obeyed, by the terminal.
            let title = hanging(VisibleText.escape(incidentTitle(incident, zone: t.timeZone)), indent: "  ", width: width)
            out += "\n" + "  " + paint.bold(String(title.dropFirst(2))) + "\n"
            for line in incidentLines(incident, t) { out += hanging(VisibleText.escape(line), indent: "    ", width: width) + "\n" }
        }
        out += "\n" + TextWrap.wrap(footnote(t), width: min(100, width ?? 100)) + "\n"
        if cut, let width { out += "Columns cut to fit \(width) characters; --wide shows them whole.\n" }
        return out
    }

    /// `text` after `indent`, wrapped to `width` with a hanging indent so that each cause still
    /// starts its own line; whole when `width` is nil.
    static func hanging(_ text: String, indent: String, width: Int?) -> String {
        guard let width else { return indent + text }
        let lead = String(text.prefix { $0 == " " })
        let prefix = indent + lead
        let wrapped = TextWrap.wrap(String(text.dropFirst(lead.count)), width: max(20, width - prefix.count - 2))
        return prefix + wrapped.replacingAll("\n", with: "\n" + prefix + "  ")
    }

    /// Message-like columns give up width first, then names; `what` keeps a readable minimum,
    /// and evidence (then a second time column) is left out before `what` gets narrower.
    static func fit(_ table: inout TextTable, shrink: [Int], what: Int, drop: [Int]) {
        table.shrinkOrder = shrink
        table.minimumWidths = [what: 24]
        table.dropOrder = drop
    }

    /// The Markdown form, for tickets and mail.
    public static func markdown(_ t: Timeline) -> String {
        var out = "## Timeline\n\n\(t.from) to \(t.to) (\(t.timeZone)). \(escape(header(t)))\n"
        if let p = t.provenance { out += escape("Made \(p.generatedAt) from \(p.database).") + "\n" }
        let names = ShortNames(t)
        out += "\n### Incidents\n\n"
        if t.incidents.isEmpty { out += "None in this window.\n" }
        for incident in t.incidents {
            out += "**\(escape(incidentTitle(incident, zone: t.timeZone)))**\n\n"
            for line in incidentLines(incident, t) { out += "- " + escape(line) + "\n" }
            out += "\n"
        }
        out += "\n### What happened\n\n"
        let placed = t.items.filter(\.zoneKnown)
        if placed.isEmpty { out += "Nothing in this window (at \(t.minSeverity.rawValue) or above).\n" } else {
            var table = MarkdownTable(headers: ["local", "UTC", "gateway", "source", "severity", "what", "evidence"],
                                      alignments: [.left, .left, .left, .left, .left, .left, .left])
            for item in placed { table.append(row(item, names: names, local: localCell, utc: utcCell).map(escape)) }
            out += table.text
        }
        let unzoned = t.items.filter { !$0.zoneKnown }
        if !unzoned.isEmpty {
            out += "\n### Log entries whose time zone is unknown\n\nLocal time as written, never shifted; they may fall in this window.\n\n"
            var table = MarkdownTable(headers: ["local?", "gateway", "severity", "what", "evidence"], alignments: [.left, .left, .left, .left, .left])
            for item in unzoned {
                table.append([item.atLocal.replacingOccurrences(of: "T", with: " "), names[item.gateway], item.severity.rawValue, item.text, item.origin].map(escape))
            }
            out += table.text
        }
        return out + "\n" + footnote(t) + "\n"
    }

    // MARK: - Shared pieces

    static func header(_ t: Timeline) -> String {
        let gateways = t.gateways.isEmpty ? "no gateways" : t.gateways.joined(separator: ", ")
        return "Gateways: \(gateways). Items at \(t.minSeverity.rawValue) or above; causes searched in the \(DurationText.format(t.leadUpSeconds)) before each incident."
    }

    static func footnote(_ t: Timeline) -> String {
        "A status snapshot holds for at most \(t.stalenessLimitSeconds / 60) minutes; time without one is unknown, neither up nor down. "
            + "Items marked * lie outside the window and are listed because an incident cites them. "
            + "Causes are ranked: " + CauseRanking.Class.allCases.map { "\($0.rawValue) \($0.name)" }.joined(separator: ", ")
            + "; the closest to the incident's start first within a class."
    }

    /// `2026-10-08 06:45:00 -07:00`, with `*` for an item outside the window.
    static func localCell(_ item: TimelineItem) -> String {
        let text = item.atLocal
        guard text.count >= 19 else { return text }
        let offset = text.dropFirst(19)
        return (item.inWindow ? "" : "*") + text.prefix(10) + " " + text.dropFirst(11).prefix(8) + (offset == "Z" ? "Z" : " " + offset)
    }

    /// `2026-10-08 13:45:00Z`.
    static func utcCell(_ item: TimelineItem) -> String {
        guard let at = item.at else { return "?" }
        return at.prefix(10) + " " + at.dropFirst(11)
    }

    static func row(_ item: TimelineItem, names: ShortNames, local: (TimelineItem) -> String, utc: (TimelineItem) -> String) -> [String] {
        [local(item), utc(item), names[item.gateway], item.source.rawValue, item.severity.rawValue, item.text, item.origin]
    }

    package static func incidentTitle(_ i: TimelineIncident, zone: String) -> String {
        let end = i.endLocal.map { "to \($0)" } ?? "ongoing at the window's end"
        return "\(i.gateway): \(i.startLocal) \(end) (\(DurationText.format(i.durationSeconds))\(i.ongoing ? " so far" : "")), "
            + i.states.joined(separator: " > ") + (i.planned ? ", planned" : "")
    }

    static func incidentLines(_ i: TimelineIncident, _ t: Timeline) -> [String] {
        var lines: [String] = []
        if i.startedBeforeWindow { lines.append("Started before the window (at \(i.startLocal)).") }
        if !i.descriptions.isEmpty { lines.append("ConfigMgr said: " + i.descriptions.joined(separator: " / ")) }
        if i.unknownSeconds > 0 { lines.append("No status data for \(DurationText.format(i.unknownSeconds)) of it (an unknown gap does not split an incident).") }
        if i.planned {
            let stop = i.plannedBy.flatMap(t.item)
            lines.append("Planned downtime: \(stop?.text ?? "a stop operation") at \(stop?.atLocal ?? "?") (\(i.plannedBy ?? "")); no cause hunt.")
        } else if i.causes.isEmpty {
            lines.append("No probable cause found in the lead-up from \(i.leadUpFromLocal) (no expired credential, failed or running operation, connection point down, error burst or configuration change).")
        } else {
            lines.append("Probable causes (lead-up from \(i.leadUpFromLocal)):")
            for cause in i.causes {
                let item = t.item(cause.itemRef)
                lines.append("  \(cause.rank). [\(cause.rule)] \(cause.reason) — \(item?.atLocal ?? "?") \(cause.itemRef)")
            }
        }
        return lines
    }

    /// Gateways by their first DNS label (`GraniteFalls`) when that is unambiguous in the timeline.
    struct ShortNames {
        private var short: [String: String] = [:]

        init(_ t: Timeline) {
            let names = Set(t.gateways + t.items.compactMap(\.gateway))
            let labels = names.map { $0.split(separator: ".").first.map(String.init) ?? $0 }
            let unique = Set(labels).count == labels.count
            for name in names { short[name] = unique ? (name.split(separator: ".").first.map(String.init) ?? name) : name }
        }

        subscript(name: String?) -> String {
            guard let name else { return "(site)" }
            return short[name] ?? name
        }
    }

    /// Markdown-safe text: `*` would start emphasis, `<` raw HTML, a backtick code (``MarkdownText``).
    static func escape(_ text: String) -> String {
        MarkdownText.escape(text, also: ["*"])
    }

    /// Colours whole table lines by their item's severity (the first line is the header).
    static func colourRows(_ table: String, severities: [TimelineSeverity], paint: Paint) -> String {
        guard paint.enabled else { return table }
        var lines = table.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (index, severity) in severities.enumerated() where index + 1 < lines.count {
            lines[index + 1] = paint.severity(lines[index + 1], severity)
        }
        return lines.joined(separator: "\n")
    }

    /// ANSI colours, or nothing.
    struct Paint {
        var enabled: Bool
        func bold(_ text: String) -> String { enabled ? "\u{1B}[1m" + text + "\u{1B}[0m" : text }
        func severity(_ text: String, _ severity: TimelineSeverity) -> String {
            guard enabled else { return text }
            switch severity {
            case .error: return "\u{1B}[31m" + text + "\u{1B}[0m"
            case .warning: return "\u{1B}[33m" + text + "\u{1B}[0m"
            case .info: return text
            }
        }
    }
}
