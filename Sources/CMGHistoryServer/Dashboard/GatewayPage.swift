#if canImport(Hummingbird)
import CMGHistory
import Foundation

/// The parts of a gateway's page under its card: 30 days of charts (incidents and planned
/// downtime shaded, operations marked), this month's capacity figures, and the last two days
/// of its timeline at warning and above.
enum GatewayPage {
    /// What the page charts, and in what buckets: hourly for the gauges and requests (a day's
    /// rhythm shows), daily for egress (as it is billed).
    static let metrics: [(RollupMetric, TrendBucket)] = [
        (.onlineClients, .hour), (.requests, .hour), (.egressBytes, .day), (.storageUsedBytes, .hour),
    ]
    static let recentTimelineSeconds: Int64 = 2 * 86_400
    static let recentTimelineItems = 40

    static func charts(_ store: HistoryStore, gateway: String, period: ReportPeriod, zone: ReportZone) throws -> String {
        let daily = try store.dailyCharts(period: period, zone: zone, gateways: [gateway])
        let bands = try store.downtimeBands(period: period, zone: zone, gateways: [gateway])
        var out = "<h2>Last \(DefaultPeriods.recentDays) days</h2>\n"
        out += "<p class=\"note\">\(HTMLPage.escape("\(DashboardPage.local(period.start, zone)) to \(DashboardPage.local(period.end, zone)) (\(zone.identifier)). Incidents shaded red, planned downtime grey; operations marked above each chart."))</p>\n"
        for (metric, bucket) in metrics {
            let report = try store.trend(TrendRequest(metric: metric, bucket: bucket, period: period, zone: zone, gateways: [gateway]))
            out += TrendHTML.chartsHTML(report, charts: TrendCharts(bands: bands, daily: daily), heading: "h3")
        }
        return out
    }

    static func capacity(_ store: HistoryStore, gateway: String, ask: DashboardController.Ask) throws -> String {
        guard let month = PeriodBoundText.month(String(ask.zone.date(ask.now).prefix(7))) else { return "" }
        let report = try store.capacity(year: month.year, month: month.month, zone: ask.zone, gateways: [gateway])
        guard let g = report.gateways.first else { return "" }
        let link = DashboardPage.link("/capacity", [("month", report.month), ("gateway", gateway)] + ask.carried)
        // Pinned to an instant in the past, the month is as the history holds it now, not as it stood then.
        var out = "<h2>Capacity, \(HTMLPage.escape(report.month))\(ask.pinned == nil ? " so far" : "")</h2>\n"
        for w in g.warnings { out += "<p class=\"warn\">\(HTMLPage.escape(w))</p>\n" }
        out += HTMLPage.table(headers: ["figure", "value"], rows: CapacityRender.lines(g).map { [$0.0, $0.1] })
        return out + "<p><a href=\"\(HTMLPage.escape(link))\">The month's capacity report with its charts</a></p>\n"
    }

    static func recentTimeline(_ store: HistoryStore, gateway: String, ask: DashboardController.Ask) throws -> String {
        let window = ReportPeriod(start: ask.now - recentTimelineSeconds, end: ask.now + 1)
        let t = try store.timeline(TimelineRequest(window: window, zone: ask.zone, gateways: [gateway], minSeverity: .warning))
        let link = DashboardPage.link("/timeline", [("from", ask.zone.format(window.start)), ("to", ask.zone.format(window.end)),
                                                     ("gateway", gateway)] + ask.carried)
        var out = "<h2>Last two days: warnings and errors</h2>\n"
        for incident in t.incidents {
            out += "<p class=\"warn\">\(HTMLPage.escape(TimelineRender.incidentTitle(incident, zone: t.timeZone)))</p>\n"
        }
        let placed = t.items.filter(\.zoneKnown)
        if placed.isEmpty {
            out += "<p>Nothing at warning or above.</p>\n"
        } else {
            let shown = Array(placed.suffix(recentTimelineItems))
            if shown.count < placed.count { out += "<p class=\"note\">The latest \(shown.count) of \(placed.count).</p>\n" }
            out += TimelineHTML.itemTable(shown, t, unzoned: false)
        }
        return out + "<p><a href=\"\(HTMLPage.escape(link))\">The whole timeline of these two days, with causes</a></p>\n"
    }
}
#endif
