/// `db info` for people: the schema, the size, rows per table and each gateway's data.
public enum DatabaseInfoText {
    /// The report, ending with a hint when no gateway is stored yet.
    public static func render(_ info: DatabaseInfo) -> String {
        var out = "Database \(info.path)\n"
        out += "  schema version \(info.schemaVersion) (this cmg-history knows up to \(info.binarySchemaVersion)), "
        out += "\(NumberFormat.bytes(info.fileBytes)) on disk\n\n"
        var tables = TextTable(headers: ["table", "rows"], alignments: [.left, .right])
        for t in info.tables { tables.append([t.table, NumberFormat.grouped(t.rows)]) }
        out += tables.render(indent: "  ")
        for gateway in info.gateways {
            out += "\nGateway \(gateway.gateway)"
            if let id = gateway.azureServiceID { out += " (AzureServiceID \(id))" }
            out += "\n"
            var data = TextTable(headers: ["data", "rows", "first (UTC)", "last (UTC)"], alignments: [.left, .right, .left, .left])
            for d in gateway.data { data.append([d.kind, NumberFormat.grouped(d.rows), d.first, d.last]) }
            out += gateway.data.isEmpty ? "  no data yet\n" : data.render(indent: "  ")
        }
        if info.gateways.isEmpty { out += "\nNo gateways yet: import a file with `cmg-history ingest FILE`.\n" }
        return out
    }
}
