import Foundation

/// `gateway list` and `gateway remove` for people and for scripts.
public enum GatewayListText {
    /// A record kind for people: `status_snapshots` → `status snapshots`.
    public static func kindName(_ kind: String) -> String { kind.replacingOccurrences(of: "_", with: " ") }

    /// `online clients 3, status snapshots 12`: record counts by kind, sorted.
    public static func records(_ records: [String: Int]) -> String {
        records.sorted { $0.key < $1.key }.map { "\(kindName($0.key)) \(NumberFormat.grouped($0.value))" }.joined(separator: ", ")
    }

    /// The gateways as a table: names, aliases, first and last record, counts.
    public static func table(_ gateways: [GatewayListing]) -> String {
        guard !gateways.isEmpty else { return "No gateways stored yet.\n" }
        var table = TextTable(headers: ["gateway", "aliases", "first seen (UTC)", "last seen (UTC)", "records"],
                              alignments: [.left, .left, .left, .left, .left])
        for g in gateways {
            let aliases = (g.aliases + (g.azureServiceID.map { ["AzureServiceID \($0)"] } ?? [])).joined(separator: ", ")
            table.append([g.name, aliases, g.firstSeen ?? "", g.lastSeen ?? "", records(g.records)])
        }
        return table.render()
    }

    /// The gateways as CSV, one column per record kind found.
    public static func csv(_ gateways: [GatewayListing]) -> String {
        let kinds = Set(gateways.flatMap(\.records.keys)).sorted()
        var csv = CSVRender(header: ["gateway", "aliases", "azure_service_id", "first_seen", "last_seen"] + kinds)
        for g in gateways {
            csv.append([g.name, g.aliases.joined(separator: ";"), g.azureServiceID ?? "", g.firstSeen ?? "", g.lastSeen ?? ""]
                       + kinds.map { String(g.records[$0] ?? 0) })
        }
        return csv.text
    }

    /// What removing a gateway deletes (or would), one kind a line.
    public static func removal(_ plan: GatewayRemovalPlan) -> String {
        var lines = plan.deletes.sorted { $0.key < $1.key }.map { "  \(kindName($0.key)): \(NumberFormat.grouped($0.value))\n" }
        if plan.logFilesUnlinked > 0 {
            lines.append("  (\(NumberFormat.grouped(plan.logFilesUnlinked)) log files keep their entries, no longer linked to it)\n")
        }
        return lines.joined()
    }
}
