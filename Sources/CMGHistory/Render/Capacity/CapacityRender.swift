/// The monthly capacity report as the page an admin pastes into a monthly report: one section
/// per gateway, warnings first, figures with units (GB = 10⁹ bytes) and the change on last month.
public enum CapacityRender {
    /// The figures of one gateway as (label, value) lines, shared by every format.
    package static func lines(_ g: GatewayCapacity) -> [(String, String)] {
        func gb(_ v: Int64?) -> String { v.map { NumberFormat.gigabytes($0) } ?? "no data" }
        func n(_ v: Int64?) -> String { v.map(NumberFormat.grouped) ?? "no data" }
        func pct(_ v: Double?) -> String { v.map { NumberFormat.percent($0) } ?? "n/a" }
        func change(_ v: Double?, _ basis: String?) -> String {
            guard let v else { return "" }
            let partial = basis == MonthChange.perDayRates ? ", per-day rates: a month is partial" : ""
            return " (" + (v >= 0 ? "+" : "") + NumberFormat.percent(v) + " on last month\(partial))"
        }
        let a = g.availability
        let c = g.capacity
        var lines: [(String, String)] = [
            ("Online clients, peak", "\(n(g.onlineClients.peak))" + (g.onlineClients.peakAt.map { " at \($0)" } ?? "")),
            ("Online clients, p95", "\(n(g.onlineClients.p95)) (of \(NumberFormat.grouped(g.onlineClients.samples)) samples)"),
            ("Capacity", c.capacityClients.map { "\(NumberFormat.grouped($0)) clients (\(c.instances ?? 0) × \(c.vmSize ?? "?") at \(NumberFormat.grouped(c.clientsPerInstance ?? 0)) each)" }
                ?? "unknown (VM size \(c.vmSize ?? "not known"))"),
            ("Utilization, peak / p95", "\(pct(c.peakUtilization)) / \(pct(c.p95Utilization))"),
        ]
        // A month cut by a change of VM size or instances lists each part with its own capacity.
        if c.configurationPeriods.count > 1 {
            for p in c.configurationPeriods {
                let capacity = p.capacityClients.map { "\(NumberFormat.grouped($0)) clients" } ?? "capacity unknown"
                lines.append(("Configuration from \(p.from)", "to \(p.to): \(p.instances.map(String.init) ?? "?") × \(p.vmSize ?? "?"), \(capacity); "
                              + "peak \(n(p.peak)), p95 \(n(p.p95)) (\(pct(p.peakUtilization)) / \(pct(p.p95Utilization)))"))
            }
        }
        lines += [
            ("Recommended instances", c.recommendedInstances.map { "\($0) (\(c.recommendedReason ?? "peak + 20% headroom"))" } ?? "n/a"),
            ("Requests", n(g.requests.total) + change(g.requests.changeRatio, g.requests.changeBasis)),
            ("Egress", g.egress.totalBytes == nil && g.egress.rolling14dSource == GatewayCapacity.Egress.reportedSource
                ? "no egress samples (the exports carry only ConfigMgr's 14-day figure)"
                : gb(g.egress.totalBytes) + change(g.egress.changeRatio, g.egress.changeBasis)),
            ("14-day egress, peak", gb(g.egress.rolling14dPeakBytes) + (g.egress.rolling14dPeakAt.map { " at \($0)" } ?? "")
                + (g.egress.rolling14dSource == GatewayCapacity.Egress.reportedSource ? " (as ConfigMgr reported it)" : "")),
            ("14-day egress alert", g.egress.thresholdBytes.map { "threshold \(gb($0)), warning \(gb(g.egress.warningBytes)), critical \(gb(g.egress.criticalBytes))"
                + (g.egress.stopsOnCritical == true ? ", STOPS at critical" : "") } ?? "not configured"),
            ("Storage, peak", gb(g.storage.peakUsedBytes) + (g.storage.quotaBytes.map {
                g.storage.peakUsedBytes == nil ? " (quota \(gb($0)))" : " of \(gb($0)) quota" } ?? "")),
            ("Availability", a.unplannedRatio.map { NumberFormat.percent($0, places: 3) + " over unplanned time"
                + (a.plannedSeconds > 0 ? a.ratio.map { " (\(NumberFormat.percent($0, places: 3)) with planned downtime)" } ?? "" : "") } ?? "no data"),
            ("Not ready / unknown", "\(DurationText.format(a.notReadySeconds)) / \(DurationText.format(a.unknownSeconds)), \(a.unplannedIncidents) unplanned incident(s)"),
            ("Planned downtime", PlannedDowntimeText.summary(a.plannedStops, seconds: a.plannedSeconds)),
            ("Coverage", g.coverage.named.map { "\($0.0) \($0.1.coverage.map { NumberFormat.percent($0, places: 1) } ?? "–")\($0.1.partial ? CoveragePolicy.mark : "")" }
                .joined(separator: ", ") + (g.coverage.rawPruned ? "; figures from rollups (raw pruned)" : "")),
            ("Operations", g.operations.isEmpty ? "none" : g.operations.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")),
        ]
        for (label, f) in [("Forecast: online clients vs capacity", g.forecast.onlineClientsPeakVsCapacity),
                           ("Forecast: 14-day egress vs critical", g.forecast.egress14dVsCritical),
                           ("Forecast: storage vs quota", g.forecast.storageVsQuota)] {
            lines.append((label, f.crossesOn.map { "reaches it around \($0)" + (f.reason.map { " (\($0))" } ?? "") } ?? (f.reason ?? "")))
        }
        lines.append(("Instances needed next month", g.forecast.instancesNeededNextMonth.map(String.init) ?? "n/a"))
        return lines
    }

    /// The report for a terminal: with `width`, warnings, values and notes wrap at spaces to fit
    /// it (labels and figures are never cut); nil writes each on one line, as a pipe gets it.
    public static func table(_ r: CapacityReport, width: Int? = nil) -> String {
        /// `text` after `lead`, its further lines under its first character.
        func wrapped(_ lead: String, _ text: String) -> String {
            guard let width else { return lead + text + "\n" }
            let indent = String(repeating: " ", count: lead.count)
            return TextWrap.lines(text, width: max(20, width - lead.count)).enumerated()
                .map { ($0.offset == 0 ? lead : indent) + $0.element }.joined(separator: "\n") + "\n"
        }
        var out = "Monthly capacity report, \(r.month) (\(r.timeZone))\n"
        for g in r.gateways {
            out += "\n== \(VisibleText.escape(g.gateway)) ==\n"
            for w in g.warnings { out += wrapped("  ! ", w) }
            if g.coverage.partial { out += wrapped("  \(CoveragePolicy.mark) ", partialNote(g)) }
            let figures = lines(g)
            let labelWidth = figures.map(\.0.count).max() ?? 0
            for (label, value) in figures {
                out += wrapped("  " + label + String(repeating: " ", count: labelWidth - label.count) + "  ", value)
            }
        }
        if r.gateways.isEmpty { out += "\nNo gateways in this database yet.\n" }
        return out + "\n" + (width.map { TextWrap.wrap(note(r), width: $0) } ?? note(r)) + "\n"
    }

    /// The report as Markdown, for mail and tickets.
    public static func markdown(_ r: CapacityReport) -> String {
        var out = "# Monthly capacity report, \(r.month)\n\nTimes in \(r.timeZone). \(note(r))\n"
        for g in r.gateways {
            out += "\n## \(MarkdownText.escape(g.gateway))\n\n"
            for w in g.warnings { out += "- **\(w)**\n" }
            if g.coverage.partial { out += "- " + MarkdownText.escape(partialNote(g)) + "\n" }
            if !g.warnings.isEmpty || g.coverage.partial { out += "\n" }
            var table = MarkdownTable(headers: ["figure", "value"], alignments: [.left, .left])
            lines(g).forEach { table.append([$0.0, $0.1]) }
            out += table.text
        }
        return out
    }

    /// The report as CSV: a header row, then one row per gateway and month.
    public static func csv(_ r: CapacityReport) -> String {
        var csv = CSVRender(header: ["month", "gateway", "online_clients_peak", "online_clients_peak_at", "online_clients_p95",
                                     "capacity_clients", "peak_utilization", "recommended_instances", "recommended_reason", "requests_total",
                                     "requests_change_ratio", "egress_total_bytes", "egress_change_ratio", "rolling_14d_peak_bytes",
                                     "egress_critical_bytes", "storage_peak_used_bytes", "storage_quota_bytes", "availability_ratio",
                                     "incidents", "warnings", "unplanned_availability_ratio", "unplanned_incidents", "planned_seconds",
                                     "online_clients_coverage", "requests_coverage", "egress_coverage", "storage_coverage",
                                     "status_coverage", "partial", "change_basis"])
        for g in r.gateways {
            csv.append([r.month, g.gateway, g.onlineClients.peak.cell, g.onlineClients.peakAt ?? "", g.onlineClients.p95.cell,
                        g.capacity.capacityClients.cell, g.capacity.peakUtilization.cell, g.capacity.recommendedInstances.cell,
                        g.capacity.recommendedReason ?? "",
                        g.requests.total.cell, g.requests.changeRatio.cell, g.egress.totalBytes.cell, g.egress.changeRatio.cell,
                        g.egress.rolling14dPeakBytes.cell, g.egress.criticalBytes.cell, g.storage.peakUsedBytes.cell,
                        g.storage.quotaBytes.cell, g.availability.ratio.cell, String(g.availability.incidents),
                        g.warnings.joined(separator: " "), g.availability.unplannedRatio.cell, String(g.availability.unplannedIncidents),
                        String(g.availability.plannedSeconds)] + g.coverage.named.map(\.1.coverage.cell)
                        + [String(g.coverage.partial), g.requests.changeBasis ?? ""])
        }
        return csv.text
    }

    /// The page, with each gateway's month charts when `charts` holds its days
    /// (``HistoryStore/dailyCharts(period:zone:gateways:)``), shaded with `bands`.
    public static func html(_ r: CapacityReport, charts: [DailyChart] = [], bands: [ChartBand] = []) -> String {
        HTMLPage.render(title: "Monthly capacity report, \(r.month)", body: htmlBody(r, charts: charts, bands: bands))
    }

    /// The page's content, which the dashboard frames with its navigation.
    package static func htmlBody(_ r: CapacityReport, charts: [DailyChart] = [], bands: [ChartBand] = []) -> String {
        var body = "<h1>\(HTMLPage.escape("Monthly capacity report, \(r.month)"))</h1>\n" + HTMLPage.note("Times in \(r.timeZone). \(note(r))", provenance: r.provenance)
        let zone = (try? ReportZone(identifier: r.timeZone)) ?? .utc
        for (index, g) in r.gateways.enumerated() {
            body += "<h2>\(HTMLPage.escape(g.gateway))</h2>\n"
            for w in g.warnings { body += "<p class=\"warn\">\(HTMLPage.escape(w))</p>\n" }
            if g.coverage.partial { body += "<p class=\"note\">\(HTMLPage.escape(partialNote(g)))</p>\n" }
            body += HTMLPage.table(headers: ["figure", "value"], rows: lines(g).map { [$0.0, $0.1] })
            body += bar("Peak online clients vs capacity", g.onlineClients.peak, g.capacity.capacityClients)
            body += bar("14-day egress peak vs critical level", g.egress.rolling14dPeakBytes, g.egress.criticalBytes)
            body += bar("Storage peak vs quota", g.storage.peakUsedBytes, g.storage.quotaBytes)
            if let chart = charts.first(where: { $0.gateway == g.gateway }) {
                body += CapacityCharts.html(chart, colour: SVGLineChart.colour(index), bands: bands, zone: zone)
            }
        }
        return body
    }

    /// A one-line SVG gauge of value against limit.
    static func bar(_ label: String, _ value: Int64?, _ limit: Int64?) -> String {
        guard let value, let limit, limit > 0 else { return "" }
        let ratio = min(Double(value) / Double(limit), 1.5)
        let width = 400.0
        let filled = NumberFormat.decimal(width * min(ratio, 1), places: 1).replacingOccurrences(of: ",", with: "")
        let colour = ratio >= 0.9 ? "#a4262c" : ratio >= 0.5 ? "#ca5010" : "#107c10"
        return HTMLPage.svgOpen(width: 700, height: 24, label: label)
            + "<rect x=\"0\" y=\"4\" width=\"400\" height=\"14\" fill=\"#eee\"/><rect x=\"0\" y=\"4\" width=\"\(filled)\" height=\"14\" fill=\"\(colour)\"/>"
            + "<text x=\"410\" y=\"16\">\(HTMLPage.escape("\(label): \(NumberFormat.percent(Double(value) / Double(limit)))"))</text></svg><br>\n"
    }

    static let note = "GB = 10^9 bytes, as Azure bills. p95 is the nearest-rank 95th percentile. Forecasts fit a straight line through the last 90 days."

    /// The report's note, with the coverage legend when a section is partial.
    static func note(_ r: CapacityReport) -> String {
        note + (r.gateways.contains(where: \.coverage.partial) ? " " + CoveragePolicy.legend : "")
    }

    /// What a partial section says under its warnings.
    static func partialNote(_ g: GatewayCapacity) -> String {
        if g.coverage.named.allSatisfy({ $0.1.samples == 0 }) { return "No data this month: nothing was recorded in it." }
        let series = g.coverage.named.filter(\.1.partial).map(\.0)
        return "Partial month: \(series.joined(separator: ", ")) under 90 % of the expected samples; figures may not represent the whole month."
    }
}
