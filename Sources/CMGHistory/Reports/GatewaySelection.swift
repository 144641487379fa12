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
        return try names.map { name in
            guard let match = all.first(where: { $0.name.caseInsensitiveCompare(name) == .orderedSame }) else {
                throw ReportError.unknownGateway(name)
            }
            return match
        }
    }
}
