/// The sentences at the top of a gateway's capacity section, with their level: what needs
/// action, worst first.
///
/// Levels: an expired credential or one within ``ExpiryStatus/criticalDays`` is critical, one
/// within ``ExpiryStatus/warningDays`` a warning; 14-day egress at the critical level is critical,
/// at the warning level a warning; peak clients at or above capacity critical, above
/// 1 / ``CapacityPolicy/headroom`` of it a warning; storage likewise against its critical and
/// warning levels; unplanned incidents and forecast crossings are warnings. Planned downtime is
/// no finding.
enum CapacityWarnings {
    static func findings(_ g: GatewayCapacity) -> [Finding] {
        var findings: [Finding] = []
        func add(_ level: FindingLevel, _ message: String) { findings.append(Finding(level: level, message: message)) }
        for c in g.credentialsExpiring {
            let what = c.kind == CredentialKind.appSecret.rawValue ? "App secret" : "Credential (\(c.kind))"
            var level: FindingLevel = c.daysLeft <= ExpiryStatus.criticalDays ? .critical : .warning
            if let replaced = c.replacedAt {
                // Replaced before it expired: worth a line in the month, not an alert.
                if c.daysLeft >= 0 { level = .warning }
                add(level, c.daysLeft < 0
                    ? "\(what) \(c.name) expired on \(c.expiresAt) and was replaced on \(replaced)."
                    : "\(what) \(c.name) was replaced on \(replaced), \(c.daysLeft) days before it expired on \(c.expiresAt).")
                continue
            }
            add(level, c.daysLeft < 0
                ? "\(what) \(c.name) expired on \(c.expiresAt)."
                : "\(what) \(c.name) expires in \(c.daysLeft) days, on \(c.expiresAt).")
        }
        if let peak = g.egress.rolling14dPeakBytes, let critical = g.egress.criticalBytes, peak >= critical {
            add(.critical, "14-day egress reached the critical level (\(NumberFormat.gigabytes(peak)) of \(NumberFormat.gigabytes(critical)))"
                + (g.egress.stopsOnCritical == true ? ": this gateway is configured to STOP at that level." : "."))
        } else if let peak = g.egress.rolling14dPeakBytes, let warning = g.egress.warningBytes, peak >= warning {
            add(.warning, "14-day egress passed the warning level (\(NumberFormat.gigabytes(peak)) of \(NumberFormat.gigabytes(warning))).")
        }
        if let utilization = g.capacity.peakUtilization, utilization >= 1 / CapacityPolicy.headroom,
           let recommended = g.capacity.recommendedInstances {
            add(utilization >= 1 ? .critical : .warning,
                "Peak online clients used \(NumberFormat.percent(utilization)) of capacity; \(recommended) instances recommended.")
        }
        if let peak = g.storage.peakUsedBytes, let warning = g.storage.warningBytes, peak >= warning {
            add(g.storage.criticalBytes.map { peak >= $0 } == true ? .critical : .warning,
                "Storage reached \(NumberFormat.gigabytes(peak)), past the warning level of \(NumberFormat.gigabytes(warning)).")
        }
        let incidents = g.availability.unplannedIncidents
        if incidents > 0 {
            add(.warning, "\(incidents) unplanned incident\(incidents == 1 ? "" : "s") this month.")
        }
        for (name, forecast) in [("Online clients", g.forecast.onlineClientsPeakVsCapacity), ("14-day egress", g.forecast.egress14dVsCritical),
                                 ("Storage", g.forecast.storageVsQuota)] {
            if let date = forecast.crossesOn { add(.warning, "\(name) will reach the limit around \(date) at the current trend.") }
        }
        return findings
    }
}
