/// Folds a gateway stored under a short name into the gateway whose full DNS name arrived later,
/// on PostgreSQL: SQLite's ``GatewayFolding``, in the transaction that stored the full name.
///
/// The caller holds the schema's names lock (it created the full-named gateway); the two
/// gateways' locks are taken here, in id order, before any row moves.
enum PostgresGatewayFolding {
    /// The gateway stored under `name`'s first DNS label, exactly (SQLite compares `name = ?`),
    /// when it is another gateway than `id`: the one a fold into `id` would move.
    static func shortGateway(of name: String, besides id: Int64, _ connection: PGConnection) throws -> Int64? {
        guard let label = GatewayNames.firstLabel(of: name) else { return nil }
        let result = try connection.query("SELECT id FROM gateway WHERE name = $1", [.text(label)], binaryResults: true)
        guard result.rowCount > 0 else { return nil }
        let short = try result.int64(row: 0, column: 0)
        return short == id ? nil : short
    }

    /// Folds the gateway named by `id`'s first DNS label into `id`; a note of what was done (or
    /// why not), nil when there is no such gateway.
    static func foldShortName(into id: Int64, _ connection: PGConnection) throws -> GatewayFolding.Note? {
        guard let name = try PostgresGatewayNames.name(of: id, connection), let label = GatewayNames.firstLabel(of: name),
              let short = try shortGateway(of: name, besides: id, connection),
              let shortName = try PostgresGatewayNames.name(of: short, connection)
        else { return nil }
        let sharing = try PostgresGatewayNames.sharingFirstLabel(label, connection)
        guard sharing.count == 1 else {
            return GatewayFolding.Note(text: "gateway \(shortName) not folded: it is the short name of "
                                       + sharing.prefix(2).map(\.name).joined(separator: " and ") + " (`cmg-history gateway merge` moves it)",
                                       folded: false)
        }
        try PostgresGatewayNames.lockGateways([short, id], connection)
        let summary = try PostgresGatewayMerger(connection).merge(from: short, into: id, aliasSource: "fold")
        return GatewayFolding.Note(text: "folded gateway \(shortName) into \(name): \(summary.sentence)", folded: true)
    }
}
