import GRDB

/// One gateway per CMG: listing gateways, resolving the names sources give them, and renaming,
/// merging, aliasing and removing them. Each change is one transaction.
extension SQLiteStore {
    /// Every gateway with its aliases, first and last observation and stored rows, by name.
    func gateways() throws -> [GatewayListing] {
        try read { db in
            let inventories = try GatewayMerger(db).inventories()
            var aliases: [Int64: [String]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT gateway_id, alias FROM gateway_alias ORDER BY alias COLLATE NOCASE, alias") {
                aliases[try row.value(0), default: []].append(try row.value(1))
            }
            return try Row.fetchAll(db, sql: "SELECT id, name, azure_service_id FROM gateway ORDER BY name COLLATE NOCASE, name").map { row in
                let id: Int64 = try row.value(0)
                let inventory = inventories[id] ?? .init()
                var records = inventory.counts
                records[GatewayRecordKind.aliases] = nil
                if inventory.logFiles > 0 { records["log_files"] = inventory.logFiles }
                return GatewayListing(name: try row.value(1), aliases: aliases[id] ?? [], azureServiceID: try row.value(2),
                                      firstSeen: inventory.first.map(Timestamp.format), lastSeen: inventory.last.map(Timestamp.format),
                                      records: records)
            }
        }
    }

    /// The stored name of the gateway `name` stands for: its name, an alias, its AzureServiceID,
    /// or its first DNS label when no other gateway shares it.
    ///
    /// - throws: ``GatewayError/unknown(_:known:)`` naming the known gateways, or
    ///   ``GatewayError/ambiguous(_:matches:)``.
    func resolveGateway(_ name: String) throws -> String {
        try read { db in try Self.gatewayName(resolving: name, in: db) }
    }

    /// The stored name of the gateway a command records something for (`gateway set`,
    /// `credential add`): as ``resolveGateway(_:)``, and also a full name whose first DNS label is
    /// a gateway stored under that short name (a log came first), which recording under the full
    /// name folds into it, as an import would.
    ///
    /// - throws: ``GatewayError/unknown(_:known:)`` or ``GatewayError/ambiguous(_:matches:)``.
    func resolveGatewayForRecording(_ name: String) throws -> String {
        try read { db in
            do {
                return try Self.gatewayName(resolving: name, in: db)
            } catch GatewayError.unknown(let typed, let known) {
                let full = GatewayNames.normalized(name)
                guard let label = GatewayNames.firstLabel(of: full), let id = try GatewayNames.resolveExactly(label, in: db),
                      let short = try GatewayNames.name(of: id, in: db), GatewayNames.isShortName(short),
                      try GatewayNames.sharingFirstLabel(label, in: db).isEmpty
                else { throw GatewayError.unknown(typed, known: known) }
                return full
            }
        }
    }

    /// Renames a gateway; its old name stays an alias, so sources that use it still find it.
    /// - returns: the old name as it was stored.
    @discardableResult
    func renameGateway(_ old: String, to new: String) throws -> String {
        let new = GatewayNames.normalized(new)
        try GatewayNames.checkNewName(new)
        return try writeTransaction { db in
            let id = try Self.gatewayID(resolving: old, in: db)
            guard let oldName = try GatewayNames.name(of: id, in: db) else { throw GatewayError.unknown(old, known: []) }
            if let owner = try GatewayNames.resolveExactly(new, in: db) {
                guard owner == id else { throw GatewayError.nameTaken(new, by: try GatewayNames.name(of: owner, in: db) ?? "#\(owner)") }
                // Its own alias (or a new spelling of its name) becomes the name.
                try db.execute(sql: "DELETE FROM gateway_alias WHERE alias = ? AND gateway_id = ?", arguments: [new, id])
            }
            try db.execute(sql: "UPDATE gateway SET name = ? WHERE id = ?", arguments: [new, id])
            try db.execute(sql: "UPDATE log_event SET gateway = ? WHERE gateway = ? COLLATE NOCASE", arguments: [new, oldName])
            if oldName.caseInsensitiveCompare(new) != .orderedSame {
                try GatewayNames.addAlias(oldName, to: id, source: "rename", in: db)
            }
            return oldName
        }
    }

    /// Moves every record of gateway `from` to `into` and deletes `from`; its name becomes an alias.
    func mergeGateway(_ from: String, into: String) throws -> GatewayMergeSummary {
        try writeTransaction { db in
            let source = try Self.gatewayID(resolving: from, in: db)
            let target = try Self.gatewayID(resolving: into, in: db)
            guard source != target else { throw GatewayError.sameGateway(from) }
            return try GatewayMerger(db).merge(from: source, into: target, aliasSource: "merge")
        }
    }

    /// Makes `alias` another name of `gateway`. - returns: false when it was one already.
    @discardableResult
    func addGatewayAlias(_ gateway: String, alias: String) throws -> Bool {
        let alias = GatewayNames.normalized(alias)
        try GatewayNames.checkNewName(alias)
        return try writeTransaction { db in
            let id = try Self.gatewayID(resolving: gateway, in: db)
            if let owner = try GatewayNames.resolveExactly(alias, in: db) {
                guard owner == id else { throw GatewayError.nameTaken(alias, by: try GatewayNames.name(of: owner, in: db) ?? "#\(owner)") }
                return false
            }
            try GatewayNames.addAlias(alias, to: id, source: "admin", in: db)
            return true
        }
    }

    /// What ``removeGateway(_:)`` would delete, counted, deleting nothing.
    func gatewayRemovalPlan(_ gateway: String) throws -> GatewayRemovalPlan {
        try read { db in try Self.removalPlan(id: Self.gatewayID(resolving: gateway, in: db), db) }
    }

    /// Deletes a gateway and every row it owns (its log files' entries stay, unlinked from it).
    /// - returns: what was deleted.
    @discardableResult
    func removeGateway(_ gateway: String) throws -> GatewayRemovalPlan {
        try writeTransaction { db in
            let id = try Self.gatewayID(resolving: gateway, in: db)
            let plan = try Self.removalPlan(id: id, db)
            try GatewayMerger(db).remove(id)
            return plan
        }
    }

    // MARK: - Helpers

    private static func removalPlan(id: Int64, _ db: Database) throws -> GatewayRemovalPlan {
        let inventory = try GatewayMerger(db).inventories(only: id)[id] ?? .init()
        return GatewayRemovalPlan(gateway: try GatewayNames.name(of: id, in: db) ?? "#\(id)", deletes: inventory.counts,
                                  logFilesUnlinked: inventory.logFiles)
    }

    static func gatewayID(resolving name: String, in db: Database) throws -> Int64 {
        switch try GatewayNames.resolve(name, in: db) {
        case .known(let id), .shortName(let id): return id
        case .ambiguous(let matches): throw GatewayError.ambiguous(name, matches: matches)
        case .unknown: throw GatewayError.unknown(name, known: try String.fetchAll(db, sql: "SELECT name FROM gateway ORDER BY name COLLATE NOCASE"))
        }
    }

    static func gatewayName(resolving name: String, in db: Database) throws -> String {
        let id = try gatewayID(resolving: name, in: db)
        return try GatewayNames.name(of: id, in: db) ?? name
    }
}
