import Foundation

/// One gateway per CMG on PostgreSQL: listing gateways, resolving the names sources give them,
/// and renaming, merging, aliasing and removing them (SQLiteStore+Gateways.swift). Each change
/// is one transaction holding the schema's names lock and, before any of their rows is read or
/// moved, the locks of the gateways it touches: the locks an import takes, in the same order.
extension PostgresStore {
    /// Every gateway with its aliases, first and last observation and stored rows, by name.
    func gateways() throws -> [GatewayListing] {
        try pool.withConnection { connection in
            try connection.transaction(.repeatableRead) {
                let inventories = try PostgresGatewayMerger(connection).inventories()
                var aliases: [Int64: [String]] = [:]
                let aliasRows = try connection.query("""
                    SELECT gateway_id, alias FROM gateway_alias ORDER BY \(PostgresSnapshot.nocase("alias")), alias COLLATE "C"
                    """, binaryResults: true)
                for row in 0..<aliasRows.rowCount {
                    aliases[try aliasRows.int64(row: row, column: 0), default: []].append(try aliasRows.string(row: row, column: 1))
                }
                let gateways = try connection.query("""
                    SELECT id, name, azure_service_id FROM gateway ORDER BY \(PostgresSnapshot.nocase("name")), name COLLATE "C"
                    """, binaryResults: true)
                return try (0..<gateways.rowCount).map { row in
                    let id = try gateways.int64(row: row, column: 0)
                    let inventory = inventories[id] ?? .init()
                    var records = inventory.counts
                    records[GatewayRecordKind.aliases] = nil
                    if inventory.logFiles > 0 { records["log_files"] = inventory.logFiles }
                    return GatewayListing(name: try gateways.string(row: row, column: 1), aliases: aliases[id] ?? [],
                                          azureServiceID: try gateways.optionalString(row: row, column: 2),
                                          firstSeen: inventory.first.map(Timestamp.format), lastSeen: inventory.last.map(Timestamp.format),
                                          records: records)
                }
            }
        }
    }

    /// The stored name of the gateway `name` stands for (``SQLiteStore/resolveGateway(_:)``).
    func resolveGateway(_ name: String) throws -> String {
        try pool.withConnection { connection in
            let id = try PostgresGatewayNames.gatewayID(resolving: name, connection)
            return try PostgresGatewayNames.name(of: id, connection) ?? name
        }
    }

    /// The stored name of the gateway a command records something for: as ``resolveGateway(_:)``,
    /// and also a full name whose first DNS label is a gateway stored under that short name,
    /// which recording under the full name folds into it (``SQLiteStore/resolveGatewayForRecording(_:)``).
    func resolveGatewayForRecording(_ name: String) throws -> String {
        try pool.withConnection { connection in
            do {
                let id = try PostgresGatewayNames.gatewayID(resolving: name, connection)
                return try PostgresGatewayNames.name(of: id, connection) ?? name
            } catch GatewayError.unknown(let typed, let known) {
                let full = GatewayNames.normalized(name)
                guard let label = GatewayNames.firstLabel(of: full), let id = try PostgresGatewayNames.resolveExactly(label, connection),
                      let short = try PostgresGatewayNames.name(of: id, connection), GatewayNames.isShortName(short),
                      try PostgresGatewayNames.sharingFirstLabel(label, connection).isEmpty
                else { throw GatewayError.unknown(typed, known: known) }
                return full
            }
        }
    }

    /// Renames a gateway; its old name stays an alias. - returns: the old name as it was stored.
    @discardableResult
    func renameGateway(_ old: String, to new: String) throws -> String {
        let new = GatewayNames.normalized(new)
        try GatewayNames.checkNewName(new)
        return try changingGateways { connection in
            let id = try PostgresGatewayNames.gatewayID(resolving: old, connection)
            guard let oldName = try PostgresGatewayNames.name(of: id, connection) else { throw GatewayError.unknown(old, known: []) }
            if let owner = try PostgresGatewayNames.resolveExactly(new, connection) {
                guard owner == id else {
                    throw GatewayError.nameTaken(new, by: try PostgresGatewayNames.name(of: owner, connection) ?? "#\(owner)")
                }
                // Its own alias (or a new spelling of its name) becomes the name.
                try connection.query("DELETE FROM gateway_alias WHERE lower(alias) = lower($1) AND gateway_id = $2", [.text(new), .int64(id)])
            }
            try PostgresGatewayNames.lockGateways([id], connection)
            try connection.query("UPDATE gateway SET name = $1 WHERE id = $2", [.text(new), .int64(id)])
            try connection.query("UPDATE log_event SET gateway = $1 WHERE lower(gateway) = lower($2)", [.text(new), .text(oldName)])
            if oldName.caseInsensitiveCompare(new) != .orderedSame {
                try PostgresGatewayNames.addAlias(oldName, to: id, source: "rename", connection)
            }
            return oldName
        }
    }

    /// Moves every record of gateway `from` to `into` and deletes `from`; its name becomes an alias.
    func mergeGateway(_ from: String, into: String) throws -> GatewayMergeSummary {
        try changingGateways { connection in
            let source = try PostgresGatewayNames.gatewayID(resolving: from, connection)
            let target = try PostgresGatewayNames.gatewayID(resolving: into, connection)
            guard source != target else { throw GatewayError.sameGateway(from) }
            try PostgresGatewayNames.lockGateways([source, target], connection)
            return try PostgresGatewayMerger(connection).merge(from: source, into: target, aliasSource: "merge")
        }
    }

    /// Makes `alias` another name of `gateway`. - returns: false when it was one already.
    @discardableResult
    func addGatewayAlias(_ gateway: String, alias: String) throws -> Bool {
        let alias = GatewayNames.normalized(alias)
        try GatewayNames.checkNewName(alias)
        return try changingGateways { connection in
            let id = try PostgresGatewayNames.gatewayID(resolving: gateway, connection)
            if let owner = try PostgresGatewayNames.resolveExactly(alias, connection) {
                guard owner == id else {
                    throw GatewayError.nameTaken(alias, by: try PostgresGatewayNames.name(of: owner, connection) ?? "#\(owner)")
                }
                return false
            }
            try PostgresGatewayNames.addAlias(alias, to: id, source: "admin", connection)
            return true
        }
    }

    /// What ``removeGateway(_:)`` would delete, counted, deleting nothing.
    func gatewayRemovalPlan(_ gateway: String) throws -> GatewayRemovalPlan {
        try pool.withConnection { connection in
            try connection.transaction(.repeatableRead) {
                try Self.removalPlan(id: PostgresGatewayNames.gatewayID(resolving: gateway, connection), connection)
            }
        }
    }

    /// Deletes a gateway and every row it owns (its log files' entries stay, unlinked from it).
    /// - returns: what was deleted.
    @discardableResult
    func removeGateway(_ gateway: String) throws -> GatewayRemovalPlan {
        try changingGateways { connection in
            let id = try PostgresGatewayNames.gatewayID(resolving: gateway, connection)
            try PostgresGatewayNames.lockGateways([id], connection)
            let plan = try Self.removalPlan(id: id, connection)
            try PostgresGatewayMerger(connection).remove(id)
            return plan
        }
    }

    // MARK: - Helpers

    /// Runs `body` in one write transaction holding the names lock, taken first (as imports take it).
    private func changingGateways<T>(_ body: (PGConnection) throws -> T) throws -> T {
        try refuseReadOnly()
        return try pool.withConnection { connection in
            try connection.transaction {
                try PostgresGatewayNames.lockNames(connection)
                return try body(connection)
            }
        }
    }

    private static func removalPlan(id: Int64, _ connection: PGConnection) throws -> GatewayRemovalPlan {
        let inventory = try PostgresGatewayMerger(connection).inventories(only: id)[id] ?? .init()
        return GatewayRemovalPlan(gateway: try PostgresGatewayNames.name(of: id, connection) ?? "#\(id)", deletes: inventory.counts,
                                  logFilesUnlinked: inventory.logFiles)
    }
}
