import GRDB

/// One value a record brings, named as its input field, to compare with the row stored under
/// the same key.
struct ComparedValue {
    var field: String
    var value: DatabaseValue
    var shown: Shown

    /// How a differing value is quoted back in the conflict message.
    enum Shown {
        case number, text, instant
        /// Free text (descriptions, notes, unknown fields) is named, never quoted: it may be
        /// long, and it is where a secret would hide.
        case named
    }

    static func number(_ field: String, _ value: Int64?) -> ComparedValue {
        ComparedValue(field: field, value: value.databaseValue, shown: .number)
    }

    static func text(_ field: String, _ value: String?) -> ComparedValue {
        ComparedValue(field: field, value: value.databaseValue, shown: .text)
    }

    static func instant(_ field: String, _ value: UnixSeconds?) -> ComparedValue {
        ComparedValue(field: field, value: value.databaseValue, shown: .instant)
    }

    static func named(_ field: String, _ value: String?) -> ComparedValue {
        ComparedValue(field: field, value: value.databaseValue, shown: .named)
    }
}

extension RecordWriter {
    // MARK: - Duplicate or conflict

    /// Called when an insert stored nothing because a row with the record's key exists (rare: a
    /// re-import, or two sources): `.duplicate` when that row holds `values`, else the conflict.
    ///
    /// `select` returns the stored row's value columns in the order of `values`. Only this path
    /// reads the stored row, so a new record costs one insert and nothing more.
    func duplicateOrConflict(_ select: String, key: StatementArguments, _ values: [ComparedValue]) throws -> WriteOutcome {
        let statement = try db.cachedStatement(sql: select)
        guard let stored = try Row.fetchOne(statement, arguments: key) else { return .duplicate }
        let differences = Self.differences(stored, values)
        return differences.isEmpty ? .duplicate : .conflict(ConflictProblem(differences))
    }

    /// What differs between the stored row's columns and `values`, in order, as phrases.
    static func differences(_ stored: Row, _ values: [ComparedValue], startingAt first: Int = 0) -> [String] {
        var out: [String] = []
        for (index, value) in values.enumerated() {
            let kept: DatabaseValue = stored[first + index]
            if kept != value.value { out.append(describe(value, stored: kept)) }
        }
        return out
    }

    static func describe(_ value: ComparedValue, stored: DatabaseValue) -> String {
        if value.shown == .named { return "\(value.field) differs" }
        return "\(value.field): stored \(show(stored, value.shown)), here \(show(value.value, value.shown))"
    }

    private static func show(_ value: DatabaseValue, _ shown: ComparedValue.Shown) -> String {
        switch value.storage {
        case .null: return "none"
        case .int64(let i): return shown == .instant ? Timestamp.format(i) : String(i)
        case .double(let d): return String(d)
        case .string(let s):
            let quoted = Fields.jsonString(s)
            return quoted.count <= LineRejection.maximumQuotedLength ? quoted : String(quoted.prefix(LineRejection.maximumQuotedLength)) + "…\""
        case .blob(let b): return "\(b.count) bytes"
        }
    }
}

extension RecordWriter {
    // MARK: - The stored row of each table

    mutating func storedTraffic(_ r: EndpointTrafficSample, endpoint: SeriesKeyCache.Endpoint) throws -> WriteOutcome {
        // Compared in the record's own terms: a NULL interval is the endpoint's, and the table
        // keeps unanswered requests, not responses (see 0001_create_history.sql).
        try storedSample(.storedEndpointTraffic, """
            SELECT coalesce(interval_s, ?), request_count, request_bytes, request_count - unanswered_count,
                response_bytes, avg_elapsed_ms
            FROM endpoint_traffic_sample WHERE at = ? AND endpoint_id = ? AND vm_instance = ?
            """, key: [endpoint.intervalSeconds, r.at, endpoint.id, r.vmInstance], [
                "interval_s": r.intervalSeconds, "request_count": r.requestCount, "request_bytes": r.requestBytes,
                "response_count": r.responseCount, "response_bytes": r.responseBytes,
                "avg_elapsed_ms": r.averageElapsedMilliseconds,
            ])
    }

    /// ``duplicateOrConflict(_:key:_:)`` for the sample tables, whose keys and values are all
    /// integers, through a cached statement driven by the C API: re-importing a file takes this
    /// path for every line, and GRDB's row decoding would cost more than the insert it follows.
    mutating func storedSample(_ slot: Slot, _ select: String, key: [Int64], _ values: KeyValuePairs<String, Int64?>) throws -> WriteOutcome {
        let find = try statement(slot, select)
        for (index, value) in key.enumerated() { find.bind(Int32(index + 1), value) }
        var differences: [String] = []
        try find.forEachRow { row in
            for (index, (field, value)) in values.enumerated() {
                let column = Int32(index)
                let stored: Int64? = row.isNull(column) ? nil : row.int64(column)
                if stored != value { differences.append(Self.describe(.number(field, value), stored: stored.databaseValue)) }
            }
        }
        return differences.isEmpty ? .duplicate : .conflict(ConflictProblem(differences))
    }

    func storedStatus(_ r: StatusSnapshot, gatewayID: Int64) throws -> WriteOutcome {
        try duplicateOrConflict("SELECT state, state_code, description, extra FROM status_snapshot WHERE gateway_id = ? AND at = ?",
                                key: [gatewayID, r.at], [.text("state", r.state), .number("state_code", r.stateCode),
                                                         .named("description", r.description), .named("extra", r.extra)])
    }

    func storedGatewayConfig(_ r: GatewayConfig, gatewayID: Int64) throws -> WriteOutcome {
        try mergeIntoStored(table: "gateway_config", gatewayID: gatewayID, at: r.at, [
            ("site", .text("site", r.site)), ("region", .text("region", r.region)), ("vm_size", .text("vm_size", r.vmSize)),
            ("instances", .number("instances", r.instances)), ("extra", .named("extra", r.extra)),
        ])
    }

    func storedAlertConfig(_ r: AlertConfig, gatewayID: Int64) throws -> WriteOutcome {
        try mergeIntoStored(table: "alert_config", gatewayID: gatewayID, at: r.at, [
            ("egress_threshold_bytes", .number("egress_threshold_bytes", r.egressThresholdBytes)),
            ("egress_warning_pct", .number("egress_warning_pct", r.egressWarningPct)),
            ("egress_critical_pct", .number("egress_critical_pct", r.egressCriticalPct)),
            ("stop_on_critical", .number("stop_on_critical", r.stopOnCritical.map { $0 ? 1 : 0 })),
            ("storage_quota_bytes", .number("storage_quota_bytes", r.storageQuotaBytes)),
            ("storage_warning_pct", .number("storage_warning_pct", r.storageWarningPct)),
            ("storage_critical_pct", .number("storage_critical_pct", r.storageCriticalPct)),
            ("extra", .named("extra", r.extra)),
        ])
    }

    /// A configuration record at an instant already stored, merged field by field: a field the
    /// record leaves out (null) never clashes, one the stored row has not got is filled in
    /// (`.updated`: an NDJSON `vm_size` at an export's instant adds what the export could not
    /// carry), and one both set to different values is a conflict, which changes nothing.
    ///
    /// `columns` name the table's value columns (constants of this file, never input).
    private func mergeIntoStored(table: String, gatewayID: Int64, at: UnixSeconds,
                                 _ columns: [(column: String, value: ComparedValue)]) throws -> WriteOutcome {
        let select = "SELECT \(columns.map(\.column).joined(separator: ", ")) FROM \(table) WHERE gateway_id = ? AND at = ?"
        guard let stored = try Row.fetchOne(db.cachedStatement(sql: select), arguments: [gatewayID, at]) else { return .duplicate }
        var differences: [String] = []
        var fills: [(column: String, value: DatabaseValue)] = []
        for (index, (column, value)) in columns.enumerated() where !value.value.isNull {
            let kept: DatabaseValue = stored[index]
            if kept.isNull {
                fills.append((column, value.value))
            } else if kept != value.value {
                differences.append(Self.describe(value, stored: kept))
            }
        }
        if !differences.isEmpty { return .conflict(ConflictProblem(differences)) }
        guard !fills.isEmpty else { return .duplicate }
        try db.execute(sql: "UPDATE \(table) SET \(fills.map { "\($0.column) = ?" }.joined(separator: ", ")) WHERE gateway_id = ? AND at = ?",
                       arguments: StatementArguments(fills.map(\.value) + [gatewayID.databaseValue, at.databaseValue]))
        return .updated
    }

    /// The key is gateway, kind, name, subject, thumbprint and expiry; the rest must agree.
    func storedCredential(_ r: Credential, gatewayID: Int64) throws -> WriteOutcome {
        try duplicateOrConflict("""
            SELECT not_before, issuer, serial_number, subject_alt_names, renewed_at, extra
            FROM credential
            WHERE gateway_id = ? AND kind = ? AND name = ? AND subject = ? AND thumbprint = ? AND expires_at = ?
            """, key: [gatewayID, r.kind.rawValue, r.name, r.subject, r.thumbprint, r.expiresAt], [
                .instant("not_before", r.notBefore), .text("issuer", r.issuer), .text("serial_number", r.serialNumber),
                .named("subject_alt_names", Self.jsonArray(r.subjectAlternativeNames)), .instant("renewed_at", r.renewedAt),
                .named("extra", r.extra),
            ])
    }

    func storedOnlineClientsByNetwork(_ r: OnlineClientsByNetwork, gatewayID: Int64) throws -> WriteOutcome {
        try duplicateOrConflict("SELECT internet_count, intranet_count FROM online_clients_by_network WHERE at = ? AND gateway_id = ?",
                                key: [r.at, gatewayID], [.number("internet_count", r.internetCount), .number("intranet_count", r.intranetCount)])
    }

    func storedReportedEgress(_ r: ReportedEgressSample, gatewayID: Int64) throws -> WriteOutcome {
        try duplicateOrConflict("SELECT last_14_days_bytes FROM reported_egress_sample WHERE at = ? AND gateway_id = ?",
                                key: [r.at, gatewayID], [.number("last_14_days_bytes", r.lastFourteenDaysBytes)])
    }
}
