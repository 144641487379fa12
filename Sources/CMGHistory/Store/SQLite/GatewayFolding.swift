import GRDB

/// Folds a gateway stored under a short name into the gateway whose full DNS name arrived later.
///
/// A CMGService log names its gateway by the short service name (`CMG-GraniteFalls-…` →
/// `GraniteFalls`); an SMS_AzureService export by the full one (`GraniteFalls.contoso.com`). When
/// the log came first, its data sits under a gateway `GraniteFalls`. Once the full name is stored
/// and it is the only gateway whose first DNS label is `GraniteFalls`, the short gateway is merged
/// into it (``GatewayMerger``) in the transaction that stored the full name. When two gateways
/// share the label, nothing is folded: which one the short name meant is the admin's to say.
enum GatewayFolding {
    struct Note {
        var text: String
        var folded: Bool
    }

    /// Folds the gateway named by `id`'s first DNS label into `id`; a note of what was done (or
    /// why not), nil when there is no such gateway.
    static func foldShortName(into id: Int64, _ db: Database) throws -> Note? {
        guard let name = try GatewayNames.name(of: id, in: db), let label = GatewayNames.firstLabel(of: name),
              let short = try Int64.fetchOne(db, sql: "SELECT id FROM gateway WHERE name = ?", arguments: [label]), short != id,
              let shortName = try GatewayNames.name(of: short, in: db)
        else { return nil }
        let sharing = try GatewayNames.sharingFirstLabel(label, in: db)
        guard sharing.count == 1 else {
            return Note(text: "gateway \(shortName) not folded: it is the short name of "
                        + sharing.prefix(2).map(\.name).joined(separator: " and ") + " (`cmg-history gateway merge` moves it)",
                        folded: false)
        }
        let summary = try GatewayMerger(db).merge(from: short, into: id, aliasSource: "fold")
        return Note(text: "folded gateway \(shortName) into \(name): \(summary.sentence)", folded: true)
    }
}
