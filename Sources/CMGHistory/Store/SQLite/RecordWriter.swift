import GRDB

/// Stores validated records inside one write transaction, through cached prepared statements.
///
/// Every importer's records come through here, so the rules that make a re-import harmless live
/// in one place: each table's unique key decides what is already stored, and the stored row's
/// values whether the record is a duplicate (the same values) or a conflict (others; see
/// RecordWriter+Conflicts.swift). Create one per batch, call ``write(_:)`` for each record and
/// ``finish()`` before the transaction commits.
struct RecordWriter {
    let db: Database
    /// Ids already known before this batch.
    private let known: SeriesKeyCache
    /// Ids this batch found or created; merged into the importer's cache once it commits.
    private(set) var learnt = SeriesKeyCache()
    private var spans: StateSpanMaintainer
    private var rollups: RollupMaintainer
    /// Samples before this instant were pruned; their hours' rollups are final (see `db prune`).
    private let rawKeptFrom: Int64?
    private var lastGateway: (name: String, id: Int64)?
    /// Series rows the record being written created: removed again when it is not stored, so
    /// that a rejected or conflicting line leaves no gateway, endpoint or connection point behind.
    private var createdForRecord: [CreatedSeries] = []
    /// Gateways this batch created under a full DNS name: a gateway stored under its short name
    /// folds into one of them when the batch finishes (``GatewayFolding``).
    private var createdFullNames: [Int64] = []
    /// What the batch did to gateways that an admin should read (folds, ambiguous short names).
    private(set) var notes: [String] = []

    private enum CreatedSeries {
        case gateway(id: Int64, key: String)
        case endpoint(id: Int64, key: SeriesKeyCache.SeriesKey)
        case connectionPoint(id: Int64, key: SeriesKeyCache.SeriesKey)
    }
    /// Prepared statements by call site: looked up by index, not by hashing the SQL per row.
    private var statements: [BulkStatement?] = Array(repeating: nil, count: Slot.allCases.count)

    enum Slot: Int, CaseIterable {
        case insertOnlineClients, insertEndpointTraffic, insertEgress, insertStorage, insertStatus, insertConnectionPointStatus, insertAlertConfig, insertCredential, findServiceOwner, claimServiceID, insertGatewayConfig, insertOperation, createGateway, findEndpoint, createEndpoint
        // A re-import takes these for every line: the stored sample under a key that was taken.
        case storedOnlineClients, storedEndpointTraffic, storedEgress, storedStorage, storedConnectionPointStatus
    }

    init(_ db: Database, known: SeriesKeyCache) {
        self.db = db
        self.known = known
        self.spans = StateSpanMaintainer(db)
        self.rollups = RollupMaintainer(db)
        self.rawKeptFrom = (try? Int64.fetchOne(db, sql: "SELECT raw_kept_from FROM retention WHERE id = 1")) ?? nil
    }

    mutating func write(_ record: HistoryRecord) throws -> WriteOutcome {
        let outcome = try store(record)
        if !createdForRecord.isEmpty {
            switch outcome {
            case .inserted, .updated: break
            case .duplicate, .rejected, .conflict: try removeCreatedSeries()
            }
            createdForRecord.removeAll()
        }
        return outcome
    }

    private mutating func store(_ record: HistoryRecord) throws -> WriteOutcome {
        if let rawKeptFrom, let at = record.sampleInstant, at < rawKeptFrom {
            return .rejected(LineRejection(field: "at", value: Timestamp.format(at),
                "is before \(Timestamp.format(rawKeptFrom)), where raw samples were pruned: that hour's rollup is final"))
        }
        switch record {
        case .onlineClients(let r):
            let s = try statement(.insertOnlineClients, "INSERT INTO online_clients_sample(gateway_id, at, count) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
            let gateway = try gatewayID(r.gateway)
            s.bind(1, gateway)
            s.bind(2, r.at)
            s.bind(3, r.count)
            guard try s.execute() == 1 else {
                return try storedSample(.storedOnlineClients, "SELECT count FROM online_clients_sample WHERE at = ? AND gateway_id = ?",
                                        key: [r.at, gateway], ["count": r.count])
            }
            rollups.noteInserted(.onlineClients, gatewayID: gateway, at: r.at)
            return .inserted
        case .endpointTraffic(let r):
            // Checked before the endpoint is looked up: a refused sample creates nothing (a total
            // can only overflow where the gateway already has samples at that instant).
            if let problem = try rollups.checkTraffic(gatewayID: try gatewayID(r.gateway), at: r.at, requestCount: r.requestCount,
                                                      requestBytes: r.requestBytes, responseBytes: r.responseBytes,
                                                      averageElapsed: r.averageElapsedMilliseconds) {
                return .rejected(problem)
            }
            let endpoint = try endpoint(gateway: r.gateway, name: r.endpoint, intervalSeconds: r.intervalSeconds)
            let s = try statement(.insertEndpointTraffic, """
                INSERT INTO endpoint_traffic_sample(endpoint_id, at, interval_s, request_count, request_bytes,
                    unanswered_count, response_bytes, avg_elapsed_ms, vm_instance)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """)
            s.bind(1, endpoint.id)
            s.bind(2, r.at)
            s.bind(3, r.intervalSeconds == endpoint.intervalSeconds ? nil : r.intervalSeconds)
            s.bind(4, r.requestCount)
            s.bind(5, r.requestBytes)
            s.bind(6, r.requestCount - r.responseCount)
            s.bind(7, r.responseBytes)
            s.bind(8, r.averageElapsedMilliseconds)
            s.bind(9, r.vmInstance)
            guard try s.execute() == 1 else { return try storedTraffic(r, endpoint: endpoint) }
            rollups.noteInsertedTraffic()
            return .inserted
        case .egress(let r):
            let s = try statement(.insertEgress, "INSERT INTO egress_sample(gateway_id, at, interval_s, bytes) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
            let gateway = try gatewayID(r.gateway)
            s.bind(1, gateway)
            s.bind(2, r.at)
            s.bind(3, r.intervalSeconds)
            s.bind(4, r.bytes)
            guard try s.execute() == 1 else {
                return try storedSample(.storedEgress, "SELECT interval_s, bytes FROM egress_sample WHERE at = ? AND gateway_id = ?",
                                        key: [r.at, gateway], ["interval_s": r.intervalSeconds, "bytes": r.bytes])
            }
            rollups.noteInserted(.egress, gatewayID: gateway, at: r.at)
            return .inserted
        case .storage(let r):
            let s = try statement(.insertStorage, "INSERT INTO storage_sample(gateway_id, at, used_bytes) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
            let gateway = try gatewayID(r.gateway)
            s.bind(1, gateway)
            s.bind(2, r.at)
            s.bind(3, r.usedBytes)
            guard try s.execute() == 1 else {
                return try storedSample(.storedStorage, "SELECT used_bytes FROM storage_sample WHERE at = ? AND gateway_id = ?",
                                        key: [r.at, gateway], ["used_bytes": r.usedBytes])
            }
            rollups.noteInserted(.storage, gatewayID: gateway, at: r.at)
            return .inserted
        case .status(let r):
            let gateway = try gatewayID(r.gateway)
            let s = try statement(.insertStatus, """
                INSERT INTO status_snapshot(gateway_id, at, state_code, state, description, extra)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """)
            s.bind(1, gateway)
            s.bind(2, r.at)
            s.bind(3, r.stateCode)
            s.bind(4, r.state)
            s.bind(5, r.description)
            s.bind(6, r.extra)
            guard try s.execute() == 1 else { return try storedStatus(r, gatewayID: gateway) }
            spans.noteInserted(gatewayID: gateway, at: r.at)
            return .inserted
        case .connectionPoint(let r):
            let s = try statement(.insertConnectionPointStatus, "INSERT INTO connection_point_status(connection_point_id, at, status) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
            let connectionPoint = try connectionPointID(gateway: r.gateway, server: r.server)
            s.bind(1, connectionPoint)
            s.bind(2, r.at)
            s.bind(3, r.status)
            guard try s.execute() == 1 else {
                return try storedSample(.storedConnectionPointStatus,
                                        "SELECT status FROM connection_point_status WHERE at = ? AND connection_point_id = ?",
                                        key: [r.at, connectionPoint], ["status": r.status])
            }
            return .inserted
        case .gateway(let r):
            return try writeGatewayConfig(r)
        case .alertConfig(let r):
            let s = try statement(.insertAlertConfig, """
                INSERT INTO alert_config(gateway_id, at, egress_threshold_bytes, egress_warning_pct, egress_critical_pct,
                    stop_on_critical, storage_quota_bytes, storage_warning_pct, storage_critical_pct, extra)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """)
            let gateway = try gatewayID(r.gateway)
            s.bind(1, gateway)
            s.bind(2, r.at)
            s.bind(3, r.egressThresholdBytes)
            s.bind(4, r.egressWarningPct)
            s.bind(5, r.egressCriticalPct)
            s.bind(6, r.stopOnCritical.map { $0 ? 1 : 0 })
            s.bind(7, r.storageQuotaBytes)
            s.bind(8, r.storageWarningPct)
            s.bind(9, r.storageCriticalPct)
            s.bind(10, r.extra)
            guard try s.execute() == 1 else { return try storedAlertConfig(r, gatewayID: gateway) }
            return .inserted
        case .operation(let r):
            return try writeOperation(r)
        case .credential(let r):
            let s = try statement(.insertCredential, """
                INSERT INTO credential(gateway_id, kind, name, subject, thumbprint, not_before, expires_at, extra,
                    issuer, serial_number, subject_alt_names, renewed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """)
            let gateway = try gatewayID(r.gateway)
            s.bind(1, gateway)
            s.bind(2, r.kind.rawValue)
            s.bind(3, r.name)
            s.bind(4, r.subject)
            s.bind(5, r.thumbprint)
            s.bind(6, r.notBefore)
            s.bind(7, r.expiresAt)
            s.bind(8, r.extra)
            s.bind(9, r.issuer)
            s.bind(10, r.serialNumber)
            s.bind(11, Self.jsonArray(r.subjectAlternativeNames))
            s.bind(12, r.renewedAt)
            guard try s.execute() == 1 else { return try storedCredential(r, gatewayID: gateway) }
            return .inserted
        case .onlineClientsByNetwork(let r):
            return try writeOnlineClientsByNetwork(r)
        case .reportedEgress(let r):
            return try writeReportedEgress(r)
        }
    }

    /// Derives what the batch's records imply (state spans); call once before committing.
    mutating func finish() throws {
        try spans.rebuild()
        try rollups.finish()
        // After the batch's own derived rows: a fold recomputes the merged gateway's from scratch.
        var folded = false
        for id in createdFullNames {
            guard let fold = try GatewayFolding.foldShortName(into: id, db) else { continue }
            note(fold.text)
            folded = folded || fold.folded
        }
        // Ids of a folded gateway's endpoints and connection points are gone or moved.
        if folded { learnt = SeriesKeyCache() }
    }

    private mutating func note(_ text: String) {
        if !notes.contains(text) { notes.append(text) }
    }

    // MARK: - Records with their own rules

    private mutating func writeGatewayConfig(_ r: GatewayConfig) throws -> WriteOutcome {
        let gateway = try gatewayID(r.gateway)
        if let serviceID = r.azureServiceID {
            let owner = try statement(.findServiceOwner, "SELECT id FROM gateway WHERE azure_service_id = ?")
            owner.bind(1, serviceID)
            if let ownerID = try owner.fetchInt64(), ownerID != gateway {
                return .rejected(LineRejection(field: "azure_service_id", value: "\"\(serviceID)\"",
                                               "already belongs to another gateway"))
            }
            let claim = try statement(.claimServiceID, "UPDATE gateway SET azure_service_id = ? WHERE id = ? AND azure_service_id IS NULL")
            claim.bind(1, serviceID)
            claim.bind(2, gateway)
            try claim.execute()
            try linkWaitingOperations(azureServiceID: serviceID, gatewayID: gateway)
        }
        let s = try statement(.insertGatewayConfig, """
            INSERT INTO gateway_config(gateway_id, at, site, region, vm_size, instances, extra)
            VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
            """)
        s.bind(1, gateway)
        s.bind(2, r.at)
        s.bind(3, r.site)
        s.bind(4, r.region)
        s.bind(5, r.vmSize)
        s.bind(6, r.instances)
        s.bind(7, r.extra)
        guard try s.execute() == 1 else { return try storedGatewayConfig(r, gatewayID: gateway) }
        return .inserted
    }

    /// A new operation is inserted; a later record of an in-progress one completes it.
    private mutating func writeOperation(_ r: GatewayOperation) throws -> WriteOutcome {
        if r.taskKey != nil || r.azureServiceID != nil { return try writeTaskOperation(r) }
        let gateway = try gatewayID(r.gateway)
        if try insertOperation(r, gatewayID: gateway) { return .inserted }
        guard let stored = try storedOperation(in: "operation", where: "gateway_id = ? AND kind = ? AND requested_at = ?",
                                               [gateway, r.kind.rawValue, r.requestedAt])
        else { return .duplicate }
        return try reconcile(r, with: stored, in: "operation", gatewayID: gateway)
    }

    /// The prepared statement for call site `slot`, prepared on first use in this batch.
    mutating func statement(_ slot: Slot, _ sql: String) throws -> BulkStatement {
        if let prepared = statements[slot.rawValue] { return prepared }
        let prepared = try BulkStatement(db, sql: sql)
        statements[slot.rawValue] = prepared
        return prepared
    }

    /// Inserts an operation unless the same one (gateway, kind and request time, or task key)
    /// is stored already; true when a row was added.
    mutating func insertOperation(_ r: GatewayOperation, gatewayID: Int64) throws -> Bool {
        let insert = try statement(.insertOperation, """
            INSERT INTO operation(gateway_id, kind, requested_at, completed_at, outcome, actor, note, extra, task_key)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
            """)
        insert.bind(1, gatewayID)
        insert.bind(2, r.kind.rawValue)
        insert.bind(3, r.requestedAt)
        insert.bind(4, r.completedAt)
        insert.bind(5, r.outcome.rawValue)
        insert.bind(6, r.actor)
        insert.bind(7, r.note)
        insert.bind(8, r.extra)
        insert.bind(9, r.taskKey)
        return try insert.execute() == 1
    }

    // MARK: - Series ids

    /// The gateway's id, created on first mention (names compare without regard to case).
    mutating func gatewayID(_ name: String) throws -> Int64 {
        // Lines come in runs for one gateway, and their names are shared strings: comparing
        // with the last one is nearly free, lowercasing and hashing are not.
        if let last = lastGateway, last.name == name { return last.id }
        let id = try lookUpGatewayID(name)
        lastGateway = (name, id)
        return id
    }

    private mutating func lookUpGatewayID(_ name: String) throws -> Int64 {
        let key = name.lowercased()
        if let id = known.gateways[key] ?? learnt.gateways[key] { return id }
        let id: Int64
        switch try GatewayNames.resolve(name, in: db) {
        case .known(let existing):
            id = existing
        case .shortName(let existing):
            // Remembered, so that a second gateway sharing the label later does not take it.
            try GatewayNames.addAlias(name, to: existing, source: "short_name", in: db)
            id = existing
        case .ambiguous(let matches):
            id = try createGateway(GatewayNames.normalized(name), key: key)
            note("gateway \(GatewayNames.normalized(name)) is the short name of \(matches.joined(separator: " and ")): "
                 + "kept as a gateway of its own, not folded (`cmg-history gateway merge` moves it)")
        case .unknown:
            let stored = GatewayNames.normalized(name)
            id = try createGateway(stored, key: key)
            if GatewayNames.firstLabel(of: stored) != nil { createdFullNames.append(id) }
        }
        learnt.setGateway(key, id)
        return id
    }

    private mutating func createGateway(_ name: String, key: String) throws -> Int64 {
        let create = try statement(.createGateway, "INSERT INTO gateway(name) VALUES (?)")
        create.bind(1, name)
        try create.execute()
        let id = db.lastInsertedRowID
        createdForRecord.append(.gateway(id: id, key: key))
        return id
    }

    /// The endpoint, created on first mention with the interval of that first sample.
    private mutating func endpoint(gateway: String, name: String, intervalSeconds: Int64) throws -> SeriesKeyCache.Endpoint {
        let key = SeriesKeyCache.SeriesKey(gatewayID: try gatewayID(gateway), name: name)
        if let known = known.endpoints[key] ?? learnt.endpoints[key] { return known }
        let find = try statement(.findEndpoint, "SELECT id, interval_s FROM endpoint WHERE gateway_id = ? AND name = ?")
        find.bind(1, key.gatewayID)
        find.bind(2, name)
        let endpoint: SeriesKeyCache.Endpoint
        if let (id, interval) = try find.fetchTwoInt64() {
            endpoint = SeriesKeyCache.Endpoint(id: id, gatewayID: key.gatewayID, intervalSeconds: interval)
        } else {
            let create = try statement(.createEndpoint, "INSERT INTO endpoint(gateway_id, name, interval_s) VALUES (?, ?, ?)")
            create.bind(1, key.gatewayID)
            create.bind(2, name)
            create.bind(3, intervalSeconds)
            try create.execute()
            endpoint = SeriesKeyCache.Endpoint(id: db.lastInsertedRowID, gatewayID: key.gatewayID, intervalSeconds: intervalSeconds)
            createdForRecord.append(.endpoint(id: endpoint.id, key: key))
        }
        learnt.setEndpoint(key, endpoint)
        return endpoint
    }

    private mutating func connectionPointID(gateway: String, server: String) throws -> Int64 {
        let key = SeriesKeyCache.SeriesKey(gatewayID: try gatewayID(gateway), name: server.lowercased())
        if let id = known.connectionPoints[key] ?? learnt.connectionPoints[key] { return id }
        let lookup = try BulkStatement(db, sql: "SELECT id FROM connection_point WHERE gateway_id = ? AND server = ?")
        lookup.bind(1, key.gatewayID)
        lookup.bind(2, server)
        let id: Int64
        if let existing = try lookup.fetchInt64() {
            id = existing
        } else {
            let insert = try BulkStatement(db, sql: "INSERT INTO connection_point(gateway_id, server) VALUES (?, ?)")
            insert.bind(1, key.gatewayID)
            insert.bind(2, server)
            try insert.execute()
            id = db.lastInsertedRowID
            createdForRecord.append(.connectionPoint(id: id, key: key))
        }
        learnt.setConnectionPoint(key, id)
        return id
    }

    /// Deletes the series rows the current record created, newest first (children before their gateway).
    private mutating func removeCreatedSeries() throws {
        for created in createdForRecord.reversed() {
            switch created {
            case .gateway(let id, let key):
                try db.execute(sql: "DELETE FROM gateway WHERE id = ?", arguments: [id])
                learnt.forgetGateway(key)
                lastGateway = nil
            case .endpoint(let id, let key):
                try db.execute(sql: "DELETE FROM endpoint WHERE id = ?", arguments: [id])
                learnt.forgetEndpoint(key)
            case .connectionPoint(let id, let key):
                try db.execute(sql: "DELETE FROM connection_point WHERE id = ?", arguments: [id])
                learnt.forgetConnectionPoint(key)
            }
        }
    }
}
