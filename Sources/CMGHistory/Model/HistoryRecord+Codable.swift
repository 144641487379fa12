import Foundation

// Each record type encodes to its NDJSON v1 line and decodes from one (``NDJSONCoding``):
//
//     let line = try HistoryRecord.storage(StorageSample(gateway: "G", at: 0, usedBytes: 1)).ndjsonLine()
//     // {"at":"1970-01-01T00:00:00Z","gateway":"G","type":"storage","used_bytes":1}
//
// (`ndjsonLine()` sorts the keys; any `JSONEncoder` writes a line the importer reads the same.)
//
// ``OnlineClientsByNetwork`` and ``ReportedEgressSample`` come only from ConfigMgr exports and
// have no NDJSON v1 type: a ``HistoryRecord`` holding one does not encode.

extension HistoryRecord: Codable {
    /// The record an NDJSON v1 line holds, read as the NDJSON importer reads it.
    ///
    /// - throws: `DecodingError.dataCorrupted` with the ``LineRejection`` the importer would
    ///   give (an unknown type, a value out of range, a missing field).
    public init(from decoder: any Decoder) throws {
        self = try NDJSONCoding.record(from: decoder)
    }

    /// Writes the record as its NDJSON v1 line.
    ///
    /// - throws: `EncodingError.invalidValue` for a record NDJSON v1 cannot hold.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .gateway(let r): try r.encode(to: encoder)
        case .alertConfig(let r): try r.encode(to: encoder)
        case .status(let r): try r.encode(to: encoder)
        case .connectionPoint(let r): try r.encode(to: encoder)
        case .onlineClients(let r): try r.encode(to: encoder)
        case .endpointTraffic(let r): try r.encode(to: encoder)
        case .egress(let r): try r.encode(to: encoder)
        case .storage(let r): try r.encode(to: encoder)
        case .operation(let r): try r.encode(to: encoder)
        case .credential(let r): try r.encode(to: encoder)
        case .onlineClientsByNetwork, .reportedEgress:
            throw EncodingError.invalidValue(typeName, EncodingError.Context(
                codingPath: encoder.codingPath, debugDescription: "a \(typeName) record has no NDJSON v1 type"))
        }
    }

    /// The record an NDJSON v1 line holds, exactly as ``NDJSONImporter`` reads that line (its
    /// `extra` members in the order written).
    ///
    /// - throws: the ``LineRejection`` the importer would report for the line.
    public init(ndjsonLine line: String) throws(LineRejection) {
        self = try NDJSONCoding.record(line: line)
    }

    /// The record as one NDJSON v1 line, without its newline.
    public func ndjsonLine() throws -> String {
        try JSONEncoding.text(self, .compact, keys: .asDeclared)
    }
}

extension GatewayConfig: Codable {
    /// Reads a `gateway` line as the NDJSON importer does.
    public init(from decoder: any Decoder) throws {
        self = try NDJSONCoding.value(Self.self, from: decoder) { if case .gateway(let r) = $0 { return r }; return nil }
    }

    /// Writes the `gateway` line the NDJSON importer reads back as this value.
    public func encode(to encoder: any Encoder) throws {
        var w = try NDJSONCoding.Writer(encoder, type: "gateway")
        try w.text("gateway", gateway)
        try w.time("at", at)
        try w.text("azure_service_id", azureServiceID)
        try w.text("site", site)
        try w.text("region", region)
        try w.text("vm_size", vmSize)
        try w.integer("instances", instances)
        try w.extra(extra)
    }
}

extension AlertConfig: Codable {
    /// Reads an `alert_config` line as the NDJSON importer does (GB figures into bytes, exactly).
    public init(from decoder: any Decoder) throws {
        self = try NDJSONCoding.value(Self.self, from: decoder) { if case .alertConfig(let r) = $0 { return r }; return nil }
    }

    /// Writes the `alert_config` line the NDJSON importer reads back as this value.
    public func encode(to encoder: any Encoder) throws {
        var w = try NDJSONCoding.Writer(encoder, type: "alert_config")
        try w.text("gateway", gateway)
        try w.time("at", at)
        try w.gigabytes("egress_threshold_gb", bytes: egressThresholdBytes)
        try w.integer("egress_warning_pct", egressWarningPct)
        try w.integer("egress_critical_pct", egressCriticalPct)
        try w.bool("stop_on_critical", stopOnCritical)
        try w.gigabytes("storage_quota_gb", bytes: storageQuotaBytes)
        try w.integer("storage_warning_pct", storageWarningPct)
        try w.integer("storage_critical_pct", storageCriticalPct)
        try w.extra(extra)
    }
}

extension StatusSnapshot: Codable {
    /// Reads a `status` line as the NDJSON importer does.
    public init(from decoder: any Decoder) throws {
        self = try NDJSONCoding.value(Self.self, from: decoder) { if case .status(let r) = $0 { return r }; return nil }
    }

    /// Writes the `status` line the NDJSON importer reads back as this value.
    public func encode(to encoder: any Encoder) throws {
        var w = try NDJSONCoding.Writer(encoder, type: "status")
        try w.text("gateway", gateway)
        try w.time("at", at)
        try w.text("state", state)
        try w.integer("state_code", stateCode)
        try w.text("description", description)
        try w.extra(extra)
    }
}

extension ConnectionPointStatus: Codable {
    /// Reads a `connection_point` line as the NDJSON importer does.
    public init(from decoder: any Decoder) throws {
        self = try NDJSONCoding.value(Self.self, from: decoder) { if case .connectionPoint(let r) = $0 { return r }; return nil }
    }

    /// Writes the `connection_point` line the NDJSON importer reads back as this value.
    public func encode(to encoder: any Encoder) throws {
        var w = try NDJSONCoding.Writer(encoder, type: "connection_point")
        try w.text("gateway", gateway)
        try w.text("server", server)
        try w.time("at", at)
        try w.integer("status", status)
    }
}

extension OnlineClientsSample: Codable {
    /// Reads an `online_clients` line as the NDJSON importer does.
    public init(from decoder: any Decoder) throws {
        self = try NDJSONCoding.value(Self.self, from: decoder) { if case .onlineClients(let r) = $0 { return r }; return nil }
    }

    /// Writes the `online_clients` line the NDJSON importer reads back as this value.
    public func encode(to encoder: any Encoder) throws {
        var w = try NDJSONCoding.Writer(encoder, type: "online_clients")
        try w.text("gateway", gateway)
        try w.time("at", at)
        try w.integer("count", count)
    }
}

extension EndpointTrafficSample: Codable {
    /// Reads an `endpoint_traffic` line as the NDJSON importer does (the gateway as a whole:
    /// NDJSON v1 names no VM instance).
    public init(from decoder: any Decoder) throws {
        self = try NDJSONCoding.value(Self.self, from: decoder) { if case .endpointTraffic(let r) = $0 { return r }; return nil }
    }

    /// Writes the `endpoint_traffic` line the NDJSON importer reads back as this value.
    ///
    /// - throws: `EncodingError.invalidValue` for a sample of one VM instance (a log's), which
    ///   NDJSON v1 cannot say.
    public func encode(to encoder: any Encoder) throws {
        var w = try NDJSONCoding.Writer(encoder, type: "endpoint_traffic")
        try w.refuse("vmInstance", unless: vmInstance == 0)
        try w.text("gateway", gateway)
        try w.text("endpoint", endpoint)
        try w.time("at", at)
        try w.integer("interval_s", intervalSeconds)
        try w.integer("request_count", requestCount)
        try w.integer("request_bytes", requestBytes)
        try w.integer("response_count", responseCount)
        try w.integer("response_bytes", responseBytes)
        try w.integer("avg_elapsed_ms", averageElapsedMilliseconds)
    }
}

extension EgressSample: Codable {
    /// Reads an `egress` line as the NDJSON importer does.
    public init(from decoder: any Decoder) throws {
        self = try NDJSONCoding.value(Self.self, from: decoder) { if case .egress(let r) = $0 { return r }; return nil }
    }

    /// Writes the `egress` line the NDJSON importer reads back as this value.
    public func encode(to encoder: any Encoder) throws {
        var w = try NDJSONCoding.Writer(encoder, type: "egress")
        try w.text("gateway", gateway)
        try w.time("at", at)
        try w.integer("interval_s", intervalSeconds)
        try w.integer("bytes", bytes)
    }
}

extension StorageSample: Codable {
    /// Reads a `storage` line as the NDJSON importer does.
    public init(from decoder: any Decoder) throws {
        self = try NDJSONCoding.value(Self.self, from: decoder) { if case .storage(let r) = $0 { return r }; return nil }
    }

    /// Writes the `storage` line the NDJSON importer reads back as this value.
    public func encode(to encoder: any Encoder) throws {
        var w = try NDJSONCoding.Writer(encoder, type: "storage")
        try w.text("gateway", gateway)
        try w.time("at", at)
        try w.integer("used_bytes", usedBytes)
    }
}

extension GatewayOperation: Codable {
    /// Reads an `operation` line as the NDJSON importer does.
    public init(from decoder: any Decoder) throws {
        self = try NDJSONCoding.value(Self.self, from: decoder) { if case .operation(let r) = $0 { return r }; return nil }
    }

    /// Writes the `operation` line the NDJSON importer reads back as this value.
    ///
    /// - throws: `EncodingError.invalidValue` for an operation keyed by ConfigMgr's task or
    ///   gateway key (an export's), which NDJSON v1 cannot say.
    public func encode(to encoder: any Encoder) throws {
        var w = try NDJSONCoding.Writer(encoder, type: "operation")
        try w.refuse("taskKey", unless: taskKey == nil)
        try w.refuse("azureServiceID", unless: azureServiceID == nil)
        try w.text("gateway", gateway)
        try w.text("kind", kind.rawValue)
        try w.time("requested_at", requestedAt)
        try w.time("completed_at", completedAt)
        try w.text("outcome", outcome.rawValue)
        try w.text("actor", actor)
        try w.text("note", note)
        try w.extra(extra)
    }
}

extension Credential: Codable {
    /// Reads a `credential` line as the NDJSON importer does (the thumbprint in uppercase hex).
    public init(from decoder: any Decoder) throws {
        self = try NDJSONCoding.value(Self.self, from: decoder) { if case .credential(let r) = $0 { return r }; return nil }
    }

    /// Writes the `credential` line the NDJSON importer reads back as this value.
    ///
    /// - throws: `EncodingError.invalidValue` for a certificate file's details (issuer, serial
    ///   number, alternative names) or a renewal time, which NDJSON v1 cannot say.
    public func encode(to encoder: any Encoder) throws {
        var w = try NDJSONCoding.Writer(encoder, type: "credential")
        try w.refuse("issuer", unless: issuer.isEmpty)
        try w.refuse("serialNumber", unless: serialNumber.isEmpty)
        try w.refuse("subjectAlternativeNames", unless: subjectAlternativeNames.isEmpty)
        try w.refuse("renewedAt", unless: renewedAt == nil)
        try w.text("gateway", gateway)
        try w.text("kind", kind.rawValue)
        try w.text("name", name)
        try w.text("subject", subject)
        try w.text("thumbprint", thumbprint)
        try w.time("not_before", notBefore)
        try w.time("expires_at", expiresAt)
        try w.extra(extra)
    }
}
