/// Gateway names to ids on PostgreSQL, by the rule of ``GatewayNames``: a gateway's name, an
/// alias or its AzureServiceID, else the short name of exactly one gateway, else a new gateway.
extension PostgresBatchWriter {
    // MARK: - Names

    /// Resolves every name of `names` (in line order, repeats allowed) to a gateway id, creating
    /// unknown ones in the order of their first line, as SQLite's writer does.
    ///
    /// A batch whose names are all stored reads only. One that must write a name (a new gateway,
    /// a short-name alias) takes the schema's names lock first and resolves again under it: the
    /// alias and gateway tables check each other with triggers that are not atomic across
    /// writers, and a second collector creating the same gateway must find the first one's.
    mutating func resolveGateways(_ names: [String]) throws {
        var distinct: [String] = []
        var seen: Set<String> = []
        for name in names where seen.insert(name.lowercased()).inserted { distinct.append(name) }
        var allKnown = true
        for name in distinct {
            if let id = try resolveExactly(name) { gatewayIDs[name.lowercased()] = id } else { allKnown = false }
        }
        guard !allKnown else { return }
        try PostgresGatewayNames.lockNames(connection)
        gatewayIDs = [:]
        for name in distinct { gatewayIDs[name.lowercased()] = try resolveOrCreate(name) }
    }

    /// The id of `name`'s gateway, created (or aliased to a short name's gateway) when needed.
    private mutating func resolveOrCreate(_ name: String) throws -> Int64 {
        switch try PostgresGatewayNames.resolve(name, connection) {
        case .known(let id):
            return id
        case .shortName(let id):
            // Remembered, so that a second gateway sharing the label later does not take it.
            try PostgresGatewayNames.addAlias(name, to: id, source: "short_name", connection)
            return id
        case .ambiguous(let names):
            let normalized = GatewayNames.normalized(name)
            let note = "gateway \(normalized) is the short name of \(names.joined(separator: " and ")): "
                + "kept as a gateway of its own, not folded (`cmg-history gateway merge` moves it)"
            if !notes.contains(note) { notes.append(note) }
            return try createGateway(normalized)
        case .unknown:
            return try createGateway(GatewayNames.normalized(name))
        }
    }

    /// The gateway `name` is the name, alias or AzureServiceID of (``GatewayNames/resolveExactly(_:in:)``).
    func resolveExactly(_ name: String) throws -> Int64? {
        try PostgresGatewayNames.resolveExactly(name, connection)
    }

    /// A new gateway named `name`, remembered for folding when it is a full DNS name.
    private mutating func createGateway(_ name: String) throws -> Int64 {
        let id = try PostgresGatewayNames.createGateway(name, connection)
        if GatewayNames.firstLabel(of: name) != nil, !createdFullNames.contains(id) { createdFullNames.append(id) }
        return id
    }

    // MARK: - Locks

    /// Takes each gateway's transaction lock, in ascending id order (so two batches never wait
    /// for each other in a cycle), before any raw row of the batch is read or written.
    func lockGateways() throws {
        try PostgresGatewayNames.lockGateways(Set(gatewayIDs.values).union(alsoLocked), connection)
    }
}
