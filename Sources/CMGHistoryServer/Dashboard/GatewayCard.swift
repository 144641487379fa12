#if canImport(Hummingbird)
import CMGHistory
import Foundation

/// One gateway as the fleet overview shows it, and as its own page starts: the state now and
/// since when, clients against capacity, 14-day egress against its threshold, storage against
/// its quota, the next credential to expire, this month's incidents, and what needs looking at.
struct GatewayCard {
    enum Level: Int, Comparable {
        case ok, warning, critical
        static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
        var cssClass: String { switch self { case .ok: "ok" case .warning: "warning" case .critical: "critical" } }
    }

    struct Alert {
        var level: Level
        var text: String
    }

    /// Online clients warn at 80 % of capacity (the headroom the capacity report's recommendation
    /// keeps, 20 %, is being used up) and are critical at 100 %.
    static let clientLevels = (warning: 0.8, critical: 1.0)

    static func kindWords(_ kind: String) -> String {
        switch kind {
        case "app_secret": "App secret"
        case "server_certificate": "Server certificate"
        default: kind
        }
    }

    let now: GatewayNow
    let at: UnixSeconds
    let incidents: [Incident]
    let alerts: [Alert]

    var level: Level { alerts.map(\.level).max() ?? .ok }
    var unplannedIncidents: Int { incidents.filter { !$0.planned }.count }

    init(_ now: GatewayNow, availability: GatewayAvailability?, at: UnixSeconds, zone: ReportZone) {
        (self.now, self.at) = (now, at)
        incidents = availability?.incidents ?? []
        alerts = Self.alerts(now, at: at, zone: zone)
    }

    /// Cards needing attention first (critical, then warning), then the most incidents, then by name.
    static func ordered(_ cards: [GatewayCard]) -> [GatewayCard] {
        cards.sorted { ($1.level, $1.unplannedIncidents, $0.now.gateway) < ($0.level, $0.unplannedIncidents, $1.now.gateway) }
    }

    static func ratio(_ value: Int64?, _ limit: Int64?) -> Double? {
        guard let value, let limit, limit > 0 else { return nil }
        return Double(value) / Double(limit)
    }

    /// The configured alert levels as ratios of the limit; without a configuration, 80 % and 100 %.
    static func levels(warning: Int64?, critical: Int64?) -> (warning: Double, critical: Double) {
        (Double(warning ?? 80) / 100, Double(critical ?? 100) / 100)
    }

    static func alerts(_ g: GatewayNow, at now: UnixSeconds, zone: ReportZone) -> [Alert] {
        var alerts: [Alert] = []
        if let last = g.lastStatusAt {
            let silent = now - last
            if silent > StalenessPolicy.defaultLimitSeconds {
                alerts.append(.init(level: .critical, text: "No status for \(DurationText.format(silent)) (last \(DashboardPage.local(last, zone)))"))
            } else if g.stateCode != GatewayState.ready.rawValue {
                let since = g.stateSince.map { " for \(DurationText.format(max(0, now - $0)))" } ?? ""
                alerts.append(.init(level: .critical, text: "\(g.state ?? "Unknown state")\(since), not Ready"))
            }
        } else {
            alerts.append(.init(level: .warning, text: "No status snapshot in the history yet"))
        }
        if let r = ratio(g.onlineClients, g.clientCapacity), r >= clientLevels.warning {
            alerts.append(.init(level: r >= clientLevels.critical ? .critical : .warning, text: "Online clients at \(NumberFormat.percent(r)) of capacity"))
        }
        let egress = levels(warning: g.egressWarningPercent, critical: g.egressCriticalPercent)
        if let r = ratio(g.egress14dBytes, g.egressThresholdBytes), r >= egress.warning {
            alerts.append(.init(level: r >= egress.critical ? .critical : .warning,
                                text: "14-day egress at \(NumberFormat.percent(r)) of its threshold, past its \(r >= egress.critical ? "critical" : "warning") level"))
        }
        let storage = levels(warning: g.storageWarningPercent, critical: g.storageCriticalPercent)
        if let r = ratio(g.storageBytes, g.storageQuotaBytes), r >= storage.warning {
            alerts.append(.init(level: r >= storage.critical ? .critical : .warning,
                                text: "Storage at \(NumberFormat.percent(r)) of its quota, past its \(r >= storage.critical ? "critical" : "warning") level"))
        }
        let points = g.connectionPoints
        if !points.isEmpty, !points.contains(where: { $0.status == 2 }) {
            alerts.append(.init(level: .critical, text: "No connection point all online (\(points.count) known)"))
        } else if let down = points.first(where: { $0.status != 2 }) {
            alerts.append(.init(level: .warning, text: "Connection point \(down.server) \(down.status == 0 ? "offline" : "partially online")"))
        }
        for c in g.credentials {
            // As the expiry report rates them (ExpiryStatus: 60 days a warning, 14 critical).
            let status = ExpiryStatus(expiresAt: c.expiresAt, now: now)
            let days = ExpiryStatus.daysLeft(expiresAt: c.expiresAt, now: now)
            let what = "\(kindWords(c.kind)) \(c.name)"
            switch status {
            case .expired: alerts.append(.init(level: .critical, text: "\(what) expired \(zone.date(c.expiresAt))"))
            case .critical, .warning:
                alerts.append(.init(level: status == .critical ? .critical : .warning, text: "\(what) expires in \(days) days (\(zone.date(c.expiresAt)))"))
            case .ok: break
            }
        }
        return alerts
    }

    // MARK: - HTML

    static func gauge(_ ratio: Double?, warnAt: Double, criticalAt: Double) -> String {
        guard let ratio else { return "" }
        let level = ratio >= criticalAt ? " critical" : ratio >= warnAt ? " warning" : ""
        let width = NumberFormat.decimal(min(max(ratio, 0), 1) * 100, places: 1).replacingOccurrences(of: ",", with: "")
        return "<span class=\"gauge\(level)\" role=\"presentation\"><span style=\"width:\(width)%\"></span></span>"
    }

    static func figure(_ value: Int64?, _ limit: Int64?, format: (Int64) -> String, limitWord: String, levels: (warning: Double, critical: Double)) -> String {
        guard let value else { return "no data" }
        var text = HTMLPage.escape(format(value))
        if let limit, let r = ratio(value, limit) {
            text += " of " + HTMLPage.escape(format(limit)) + " \(limitWord) (" + NumberFormat.percent(r) + ")"
        }
        return text + gauge(ratio(value, limit), warnAt: levels.warning, criticalAt: levels.critical)
    }

    /// The card; `link` is the gateway page's address, nil on that page itself.
    func html(zone: ReportZone, link: String?, monthLink: String) -> String {
        let g = now
        let name = HTMLPage.escape(g.gateway)
        var out = "<section class=\"card \(level.cssClass)\" data-gateway=\"\(name)\" data-level=\"\(level.cssClass)\">\n"
        out += "<h2>" + (link.map { "<a href=\"\(HTMLPage.escape($0))\">\(name)</a>" } ?? name) + "</h2>\n<dl>\n"
        let stateClass = g.lastStatusAt == nil || (g.lastStatusAt.map { at - $0 > StalenessPolicy.defaultLimitSeconds } ?? true) ? "unknown"
            : g.stateCode == GatewayState.ready.rawValue ? "ok" : "critical"
        let since = g.stateSince.map { " for " + DurationText.format(max(0, at - $0)) } ?? ""
        out += "<dt>State</dt><dd><span class=\"state \(stateClass)\">\(HTMLPage.escape(g.state ?? "unknown"))</span>\(HTMLPage.escape(since))"
            + (g.lastStatusAt.map { "<br><small>last seen \(HTMLPage.escape(DashboardPage.local($0, zone)))</small>" } ?? "") + "</dd>\n"
        out += "<dt>Online clients</dt><dd>" + Self.figure(g.onlineClients, g.clientCapacity, format: NumberFormat.grouped, limitWord: "capacity",
                                                             levels: Self.clientLevels) + "</dd>\n"
        out += "<dt>14-day egress</dt><dd>" + Self.figure(g.egress14dBytes, g.egressThresholdBytes, format: { NumberFormat.gigabytes($0) },
                                                            limitWord: "threshold", levels: Self.levels(warning: g.egressWarningPercent, critical: g.egressCriticalPercent)) + "</dd>\n"
        out += "<dt>Storage</dt><dd>" + Self.figure(g.storageBytes, g.storageQuotaBytes, format: { NumberFormat.gigabytes($0) },
                                                      limitWord: "quota", levels: Self.levels(warning: g.storageWarningPercent, critical: g.storageCriticalPercent)) + "</dd>\n"
        if !g.connectionPoints.isEmpty {
            let online = g.connectionPoints.filter { $0.status == 2 }.count
            out += "<dt>Connection points</dt><dd>\(online) of \(g.connectionPoints.count) all online</dd>\n"
        }
        let next = g.credentials.first
        out += "<dt>Next expiry</dt><dd>" + (next.map { c in
            let days = ExpiryStatus.daysLeft(expiresAt: c.expiresAt, now: at)
            return HTMLPage.escape(c.expiresAt <= at ? "expired \(zone.date(c.expiresAt))" : "\(days) days (\(zone.date(c.expiresAt)))")
                + "<br><small>\(HTMLPage.escape(Self.kindWords(c.kind))) \(HTMLPage.escape(c.name))</small>"
        } ?? "no credential known") + "</dd>\n"
        let planned = incidents.count - unplannedIncidents
        let notReady = incidents.filter { !$0.planned }.reduce(Int64(0)) { $0 + $1.durationSeconds }
        out += "<dt>Incidents this month</dt><dd><a href=\"\(HTMLPage.escape(monthLink))\">\(unplannedIncidents)"
            + (unplannedIncidents > 0 ? ", \(HTMLPage.escape(DurationText.format(notReady))) not ready" : "") + "</a>"
            + (planned > 0 ? " (and \(planned) planned)" : "") + "</dd>\n</dl>\n"
        if !alerts.isEmpty {
            out += "<ul>\n" + alerts.sorted { $0.level > $1.level }.map { "<li class=\"\($0.level.cssClass)\">\(HTMLPage.escape($0.text))</li>\n" }.joined() + "</ul>\n"
        }
        return out + "</section>\n"
    }
}
#endif
