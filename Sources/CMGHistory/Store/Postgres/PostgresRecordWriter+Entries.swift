import GRDB

/// Gateway configuration, alert configuration and credential records on PostgreSQL: a few per
/// batch, written row by row in line order with SQLite's outcomes (RecordWriter.swift,
/// RecordWriter+Conflicts.swift); operations are in PostgresRecordWriter+Operations.swift.
///
/// Tables with identity ids (credential, operation) are asked first and inserted into only when
/// the key is free: `ON CONFLICT DO NOTHING` alone would use up an id per re-imported line, and
/// ids would then differ from SQLite's, which reuses none.
extension PostgresBatchWriter {
    // MARK: - Before names

    /// The gateway name a record makes the batch resolve (and create), if any: an operation
    /// ConfigMgr names by AzureServiceID only names none.
    static func namedGateway(_ record: HistoryRecord) -> String? {
        if case .operation(let r) = record, r.gateway.isEmpty, r.taskKey != nil || r.azureServiceID != nil { return nil }
        return record.gateway
    }

    /// The rejection of a configuration whose AzureServiceID a stored gateway owns, other than
    /// the one the record names (which SQLite creates for the line and removes again).
    func serviceIDTaken(_ r: GatewayConfig) throws -> LineRejection? {
        guard let serviceID = r.azureServiceID, let owner = try serviceOwner(serviceID) else { return nil }
        switch try PostgresGatewayNames.resolve(r.gateway, connection) {
        case .known(let id), .shortName(let id): return id == owner ? nil : Self.serviceIDRejection(serviceID)
        case .ambiguous, .unknown: return Self.serviceIDRejection(serviceID)
        }
    }

    /// Notes the gateways the batch writes without naming them, to be locked with the rest: the
    /// short-named gateway each new full name folds, and the owner of each AzureServiceID an
    /// operation names instead of a gateway.
    mutating func noteUnnamedGateways() throws {
        for id in createdFullNames {
            guard let name = try PostgresGatewayNames.name(of: id, connection),
                  let short = try PostgresGatewayFolding.shortGateway(of: name, besides: id, connection) else { continue }
            alsoLocked.insert(short)
        }
        for (index, item) in batch.enumerated() where outcomes[index] == nil {
            if case .operation(let r) = item.record, r.gateway.isEmpty, let serviceID = r.azureServiceID,
               let owner = try serviceOwner(serviceID) {
                alsoLocked.insert(owner)
            }
        }
    }

    // MARK: - Writing

    /// Writes the batch's configuration, alert configuration, operation and credential records,
    /// in line order (a configuration's AzureServiceID links the operations of later lines).
    mutating func writeEntries() throws {
        for (index, item) in batch.enumerated() where outcomes[index] == nil {
            switch item.record {
            case .gateway(let r): outcomes[index] = try writeGatewayConfig(r)
            case .alertConfig(let r): outcomes[index] = try writeAlertConfig(r)
            case .operation(let r): outcomes[index] = try writeOperation(r)
            case .credential(let r): outcomes[index] = try writeCredential(r)
            default: break
            }
        }
    }

    private mutating func writeGatewayConfig(_ r: GatewayConfig) throws -> WriteOutcome {
        let gateway = try gatewayID(r.gateway)
        if let serviceID = r.azureServiceID {
            if let owner = try serviceOwner(serviceID), owner != gateway { return .rejected(Self.serviceIDRejection(serviceID)) }
            try connection.query("UPDATE gateway SET azure_service_id = $1 WHERE id = $2 AND azure_service_id IS NULL",
                                 [.text(serviceID), .int64(gateway)])
            try linkWaitingOperations(azureServiceID: serviceID, gatewayID: gateway)
        }
        let inserted = try connection.query("""
            INSERT INTO gateway_config (gateway_id, at, site, region, vm_size, instances, extra)
            VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING
            """, [.int64(gateway), .int64(r.at), Self.text(r.site), Self.text(r.region), Self.text(r.vmSize), Self.number(r.instances),
                  Self.text(r.extra)]).affectedRows
        if inserted == 1 { return .inserted }
        return try mergeIntoStored(table: "gateway_config", gatewayID: gateway, at: r.at, [
            ("site", .text("site", r.site)), ("region", .text("region", r.region)), ("vm_size", .text("vm_size", r.vmSize)),
            ("instances", .number("instances", r.instances)), ("extra", .named("extra", r.extra)),
        ])
    }

    private mutating func writeAlertConfig(_ r: AlertConfig) throws -> WriteOutcome {
        let gateway = try gatewayID(r.gateway)
        let stop = r.stopOnCritical.map { Int64($0 ? 1 : 0) }
        let inserted = try connection.query("""
            INSERT INTO alert_config (gateway_id, at, egress_threshold_bytes, egress_warning_pct, egress_critical_pct,
                stop_on_critical, storage_quota_bytes, storage_warning_pct, storage_critical_pct, extra)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING
            """, [.int64(gateway), .int64(r.at), Self.number(r.egressThresholdBytes), Self.number(r.egressWarningPct),
                  Self.number(r.egressCriticalPct), Self.number(stop), Self.number(r.storageQuotaBytes),
                  Self.number(r.storageWarningPct), Self.number(r.storageCriticalPct), Self.text(r.extra)]).affectedRows
        if inserted == 1 { return .inserted }
        return try mergeIntoStored(table: "alert_config", gatewayID: gateway, at: r.at, [
            ("egress_threshold_bytes", .number("egress_threshold_bytes", r.egressThresholdBytes)),
            ("egress_warning_pct", .number("egress_warning_pct", r.egressWarningPct)),
            ("egress_critical_pct", .number("egress_critical_pct", r.egressCriticalPct)),
            ("stop_on_critical", .number("stop_on_critical", stop)),
            ("storage_quota_bytes", .number("storage_quota_bytes", r.storageQuotaBytes)),
            ("storage_warning_pct", .number("storage_warning_pct", r.storageWarningPct)),
            ("storage_critical_pct", .number("storage_critical_pct", r.storageCriticalPct)),
            ("extra", .named("extra", r.extra)),
        ])
    }

    /// The key is gateway, kind, name, subject, thumbprint and expiry; the rest must agree.
    private mutating func writeCredential(_ r: Credential) throws -> WriteOutcome {
        let gateway = try gatewayID(r.gateway)
        let alternativeNames = RecordWriter.jsonArray(r.subjectAlternativeNames)
        let key: [PGParameter] = [.int64(gateway), .text(r.kind.rawValue), .text(r.name), .text(r.subject), .text(r.thumbprint),
                                  .int64(r.expiresAt)]
        let compared: [ComparedValue] = [
            .instant("not_before", r.notBefore), .text("issuer", r.issuer), .text("serial_number", r.serialNumber),
            .named("subject_alt_names", alternativeNames), .instant("renewed_at", r.renewedAt), .named("extra", r.extra),
        ]
        func stored() throws -> [DatabaseValue]? {
            try storedValues("""
                SELECT not_before, issuer, serial_number, subject_alt_names::text, renewed_at, extra::text FROM credential
                WHERE gateway_id = $1 AND kind = $2 AND name = $3 AND subject = $4 AND thumbprint = $5 AND expires_at = $6
                """, key, as: compared)
        }
        if let kept = try stored() { return Self.duplicateOrConflict(kept, compared) }
        let values: [PGParameter] = [Self.number(r.notBefore), Self.text(r.extra), .text(r.issuer), .text(r.serialNumber),
                                     Self.text(alternativeNames), Self.number(r.renewedAt)]
        let inserted = try connection.query("""
            INSERT INTO credential (gateway_id, kind, name, subject, thumbprint, expires_at, not_before, extra,
                issuer, serial_number, subject_alt_names, renewed_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT DO NOTHING
            """, key + values).affectedRows
        // Another collector stored it between the two statements: compared as a re-import.
        return inserted == 1 ? .inserted : Self.duplicateOrConflict(try stored(), compared)
    }

    // MARK: - Merging configurations

    /// A configuration record at an instant already stored, merged field by field
    /// (``RecordWriter``'s `mergeIntoStored`): a field the record leaves out never clashes, one the
    /// stored row has not got is filled in (`.updated`), one both set to different values is a
    /// conflict, which changes nothing. `columns` are this file's constants, never input.
    private func mergeIntoStored(table: String, gatewayID: Int64, at: UnixSeconds,
                                 _ columns: [(column: String, value: ComparedValue)]) throws -> WriteOutcome {
        let select = columns.map { $0.column == "extra" ? "extra::text" : $0.column }.joined(separator: ", ")
        guard let stored = try storedValues("SELECT \(select) FROM \(table) WHERE gateway_id = $1 AND at = $2",
                                            [.int64(gatewayID), .int64(at)], as: columns.map(\.value))
        else { return .duplicate }
        var differences: [String] = []
        var fills: [(column: String, value: DatabaseValue)] = []
        for ((column, value), kept) in zip(columns, stored) where !value.value.isNull {
            if kept.isNull {
                fills.append((column, value.value))
            } else if kept != value.value {
                differences.append(RecordWriter.describe(value, stored: kept))
            }
        }
        if !differences.isEmpty { return .conflict(ConflictProblem(differences)) }
        guard !fills.isEmpty else { return .duplicate }
        let key: [PGParameter] = [.int64(gatewayID), .int64(at)]
        let assignments = fills.enumerated().map { "\($0.element.column) = $\($0.offset + 3)" }.joined(separator: ", ")
        try connection.query("UPDATE \(table) SET \(assignments) WHERE gateway_id = $1 AND at = $2",
                             key + fills.map { Self.parameter($0.value) })
        return .updated
    }

    // MARK: - Helpers

    /// The gateway that owns `serviceID`, if one does.
    func serviceOwner(_ serviceID: String) throws -> Int64? {
        let owner = try connection.query("SELECT id FROM gateway WHERE azure_service_id = $1", [.text(serviceID)], binaryResults: true)
        return owner.rowCount == 0 ? nil : try owner.int64(row: 0, column: 0)
    }

    static func serviceIDRejection(_ serviceID: String) -> LineRejection {
        LineRejection(field: "azure_service_id", value: "\"\(serviceID)\"", "already belongs to another gateway")
    }

    /// The first row `sql` selects, its columns read as `values` compare them (numbers and
    /// instants as integers, the rest as text); nil when there is none.
    func storedValues(_ sql: String, _ parameters: [PGParameter], as values: [ComparedValue]) throws -> [DatabaseValue]? {
        let result = try connection.query(sql, parameters, binaryResults: true)
        guard result.rowCount > 0 else { return nil }
        return try values.enumerated().map { column, value in
            switch value.shown {
            case .number, .instant: try result.optionalInt64(row: 0, column: column).databaseValue
            case .text, .named: try result.optionalString(row: 0, column: column).databaseValue
            }
        }
    }

    static func text(_ value: String?) -> PGParameter { value.map { .text($0) } ?? .null }
    static func number(_ value: Int64?) -> PGParameter { value.map { .int64($0) } ?? .null }

    /// A compared value as a statement parameter (integers and text are all these tables hold).
    static func parameter(_ value: DatabaseValue) -> PGParameter {
        switch value.storage {
        case .int64(let number): .int64(number)
        case .string(let text): .text(text)
        case .null, .double, .blob: .null
        }
    }
}
