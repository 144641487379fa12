import Foundation
import GRDB

/// The gateways a report covers: the ones named, or every gateway, ordered by name.
struct GatewaySelection {
    struct Gateway {
        var id: Int64
        var name: String
    }

    static func resolve(_ names: [String], in db: Database) throws -> [Gateway] {
        let all = try Row.fetchAll(db, sql: "SELECT id, name FROM gateway ORDER BY name COLLATE NOCASE, name")
            .map { try Gateway(id: $0.value(0), name: $0.value(1)) }
        guard !names.isEmpty else { return all }
        var chosen: [Gateway] = []
        for name in names {
            // Any name the gateway answers to (GatewayNames): an old name, an alias, a short name.
            let id: Int64
            switch try GatewayNames.resolve(name, in: db) {
            case .known(let found), .shortName(let found): id = found
            case .ambiguous(let matches): throw GatewayError.ambiguous(name, matches: matches)
            case .unknown: throw ReportError.unknownGateway(name)
            }
            guard let match = all.first(where: { $0.id == id }) else { throw ReportError.unknownGateway(name) }
            if !chosen.contains(where: { $0.id == id }) { chosen.append(match) }
        }
        return chosen
    }
}
