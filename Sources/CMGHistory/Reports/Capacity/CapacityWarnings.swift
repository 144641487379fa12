/// The sentences at the top of a gateway's capacity section: what needs action, worst first.
enum CapacityWarnings {
    static func list(_ g: GatewayCapacity) -> [String] {
        var warnings: [String] = []
        for c in g.credentialsExpiring {
            let what = c.kind == CredentialKind.appSecret.rawValue ? "App secret" : "Credential (\(c.kind))"
            if let replaced = c.replacedAt {
                warnings.append(c.daysLeft < 0
                    ? "\(what) \(c.name) expired on \(c.expiresAt) and was replaced on \(replaced)."
                    : "\(what) \(c.name) was replaced on \(replaced), \(c.daysLeft) days before it expired on \(c.expiresAt).")
                continue
            }
            warnings.append(c.daysLeft < 0
                ? "\(what) \(c.name) expired on \(c.expiresAt)."
                : "\(what) \(c.name) expires in \(c.daysLeft) days, on \(c.expiresAt).")
        }
        if let peak = g.egress.rolling14dPeakBytes, let critical = g.egress.criticalBytes, peak >= critical {
            warnings.append("14-day egress reached the critical level (\(NumberFormat.gigabytes(peak)) of \(NumberFormat.gigabytes(critical)))"
                + (g.egress.stopsOnCritical == true ? ": this gateway is configured to STOP at that level." : "."))
        } else if let peak = g.egress.rolling14dPeakBytes, let warning = g.egress.warningBytes, peak >= warning {
            warnings.append("14-day egress passed the warning level (\(NumberFormat.gigabytes(peak)) of \(NumberFormat.gigabytes(warning))).")
        }
        if let utilization = g.capacity.peakUtilization, utilization >= 1 / CapacityPolicy.headroom,
           let recommended = g.capacity.recommendedInstances {
            warnings.append("Peak online clients used \(NumberFormat.percent(utilization)) of capacity; \(recommended) instances recommended.")
        }
        if let peak = g.storage.peakUsedBytes, let warning = g.storage.warningBytes, peak >= warning {
            warnings.append("Storage reached \(NumberFormat.gigabytes(peak)), past the warning level of \(NumberFormat.gigabytes(warning)).")
        }
        if g.availability.incidents > 0 {
            warnings.append("\(g.availability.incidents) incident\(g.availability.incidents == 1 ? "" : "s") this month.")
        }
        for (name, forecast) in [("Online clients", g.forecast.onlineClientsPeakVsCapacity), ("14-day egress", g.forecast.egress14dVsCritical),
                                 ("Storage", g.forecast.storageVsQuota)] {
            if let date = forecast.crossesOn { warnings.append("\(name) will reach the limit around \(date) at the current trend.") }
        }
        return warnings
    }
}
