import Foundation

/// The gateways a report covers: the ones named, or every gateway, ordered by name.
struct GatewaySelection {
    /// A gateway as reports name it: its store id and its name.
    struct Gateway {
        var id: Int64
        var name: String
    }

    /// The gateways `names` stand for, in the order named and each once, or every gateway when
    /// none is named.
    /// - throws: ``ReportError/unknownGateway(_:)``, or ``GatewayError/ambiguous(_:matches:)`` for
    ///   a short name two gateways share.
    static func resolve(_ names: [String], in reads: some GatewayReads) throws -> [Gateway] {
        let all = try reads.allGateways()
        guard !names.isEmpty else { return all }
        var chosen: [Gateway] = []
        for name in names {
            // Any name the gateway answers to (GatewayNames): an old name, an alias, a short name.
            let id: Int64
            switch try reads.resolveGateway(name) {
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
