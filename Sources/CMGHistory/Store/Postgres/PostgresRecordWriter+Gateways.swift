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
        try connection.query("SELECT pg_advisory_xact_lock(hashtextextended('cmg-history names ' || current_schema(), 0))")
        gatewayIDs = [:]
        for name in distinct { gatewayIDs[name.lowercased()] = try resolveOrCreate(name) }
    }

    /// The id of `name`'s gateway, created (or aliased to a short name's gateway) when needed.
    private mutating func resolveOrCreate(_ name: String) throws -> Int64 {
        let normalized = GatewayNames.normalized(name)
        if let id = try resolveExactly(name) { return id }
        guard GatewayNames.isShortName(normalized), !normalized.trimmingCharacters(in: .whitespaces).isEmpty else {
            return try createGateway(normalized)
        }
        let matches = try sharingFirstLabel(normalized)
        switch matches.count {
        case 0:
            return try createGateway(normalized)
        case 1:
            // Remembered, so that a second gateway sharing the label later does not take it.
            try addAlias(name, to: matches[0].id)
            return matches[0].id
        default:
            let names = matches.prefix(2).map(\.name)
            let note = "gateway \(normalized) is the short name of \(names.joined(separator: " and ")): "
                + "kept as a gateway of its own, not folded (`cmg-history gateway merge` moves it)"
            if !notes.contains(note) { notes.append(note) }
            return try createGateway(normalized)
        }
    }

    /// The gateway `name` is the name, alias or AzureServiceID of (``GatewayNames/resolveExactly(_:in:)``).
    func resolveExactly(_ name: String) throws -> Int64? {
        let result = try connection.query("""
            SELECT id FROM gateway WHERE lower(name) = lower($1)
            UNION ALL SELECT gateway_id FROM gateway_alias WHERE lower(alias) = lower($1)
            UNION ALL SELECT id FROM gateway WHERE azure_service_id = $1
            LIMIT 1
            """, [.text(GatewayNames.normalized(name))], binaryResults: true)
        return result.rowCount == 0 ? nil : try result.int64(row: 0, column: 0)
    }

    /// The gateways whose names start with `label` and a dot, sorted as SQLite sorts them.
    private func sharingFirstLabel(_ label: String) throws -> [(id: Int64, name: String)] {
        let result = try connection.query("""
            SELECT id, name FROM gateway WHERE lower(substr(name, 1, char_length($1) + 1)) = lower($1) || '.'
            ORDER BY lower(name) COLLATE "C", name COLLATE "C"
            """, [.text(label)], binaryResults: true)
        return try (0..<result.rowCount).map { (try result.int64(row: $0, column: 0), try result.string(row: $0, column: 1)) }
    }

    /// Records `alias` for gateway `id` unless the name is taken (``GatewayNames/addAlias(_:to:source:in:)``).
    private func addAlias(_ alias: String, to id: Int64) throws {
        let alias = GatewayNames.normalized(alias)
        guard !alias.isEmpty, alias.utf8.count <= ValueLimits.maximumNameBytes, try resolveExactly(alias) == nil else { return }
        try connection.query("INSERT INTO gateway_alias (alias, gateway_id, source) VALUES ($1, $2, 'short_name')",
                             [.text(alias), .int64(id)])
    }

    /// A new gateway named `name`; under the names lock no other writer creates it meanwhile,
    /// and `ON CONFLICT` on the `lower(name)` index keeps even an unlocked writer from doubling it.
    private func createGateway(_ name: String) throws -> Int64 {
        let created = try connection.query(
            "INSERT INTO gateway (name) VALUES ($1) ON CONFLICT ((lower(name))) DO NOTHING RETURNING id",
            [.text(name)], binaryResults: true)
        if created.rowCount == 1 { return try created.int64(row: 0, column: 0) }
        let found = try connection.query("SELECT id FROM gateway WHERE lower(name) = lower($1)", [.text(name)], binaryResults: true)
        return try found.int64(row: 0, column: 0)
    }

    // MARK: - Locks

    /// Takes each gateway's transaction lock, in ascending id order (so two batches never wait
    /// for each other in a cycle), before any raw row of the batch is read or written.
    func lockGateways() throws {
        for id in Set(gatewayIDs.values).sorted() {
            try connection.query(
                "SELECT pg_advisory_xact_lock(hashtextextended('cmg-history gateway ' || current_schema() || ' ' || $1::text, 0))",
                [.int64(id)])
        }
    }
}
