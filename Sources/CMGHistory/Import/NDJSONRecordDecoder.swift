/// Turns one NDJSON v1 line into a validated ``HistoryRecord`` (DESIGN §3.1).
///
/// Rules: `type` says what the line is; times are RFC 3339 with `Z` or an offset; counts and
/// bytes are non-negative JSON integers; states and kinds come from the vocabulary, except
/// that an unknown state text is kept. Unknown fields go to the record's raw `extra` JSON
/// where its table has one, and are ignored otherwise; secret-looking ones are dropped.
struct NDJSONRecordDecoder {
    private var scanner = JSONObjectScanner()
    private let names = StringInterner()
    /// Unknown fields dropped because their name says they hold a secret, at any depth, since creation.
    private(set) var droppedSecretFields = 0
    /// Secret-looking values redacted in free text and `extra`, since creation.
    private(set) var redactedValues = 0

    mutating func decode(_ line: UnsafeBufferPointer<UInt8>) throws(LineRejection) -> HistoryRecord {
        do {
            try scanner.scan(line)
        } catch {
            let at = "\(error.message) at column \(error.offset + 1)"
            if let field = error.field {
                throw LineRejection(field: field, error.afterField ? "is followed by text that is not JSON (\(at))" : "is not valid JSON (\(at))")
            }
            throw LineRejection("not a valid JSON object (\(at))")
        }
        var fields = Fields(bytes: line, scanner: scanner, names: names)
        // Sample types first: they are nearly every line of a large import.
        let record: HistoryRecord
        if fields.string("type", is: "endpoint_traffic") {
            record = .endpointTraffic(try Self.endpointTraffic(&fields))
        } else if fields.string("type", is: "online_clients") {
            record = .onlineClients(try Self.onlineClients(&fields))
        } else {
            switch try fields.requiredString("type") {
            case "gateway": record = .gateway(try Self.gateway(&fields))
            case "alert_config": record = .alertConfig(try Self.alertConfig(&fields))
            case "status": record = .status(try Self.status(&fields))
            case "connection_point": record = .connectionPoint(try Self.connectionPoint(&fields))
            case "egress": record = .egress(try Self.egress(&fields))
            case "storage": record = .storage(try Self.storage(&fields))
            case "operation": record = .operation(try Self.operation(&fields))
            case "credential": record = .credential(try Self.credential(&fields))
            case let type:
                throw LineRejection(field: "type", value: "\"\(type)\"", "is not a known record type (known: \(Self.knownTypes))")
            }
        }
        fields.countUnusedSecretMembers()
        droppedSecretFields += fields.droppedSecretFields + fields.secrets.droppedNames
        redactedValues += fields.secrets.redactedValues
        return record
    }

    static let knownTypes = "gateway, alert_config, status, connection_point, online_clients, "
        + "endpoint_traffic, egress, storage, operation, credential"

    // MARK: - Record types

    private static func gateway(_ f: inout Fields) throws(LineRejection) -> GatewayConfig {
        let record = GatewayConfig(
            gateway: try f.gatewayName(), at: try f.requiredTime("at"),
            azureServiceID: try f.optionalText("azure_service_id"),
            site: try f.optionalText("site"), region: try f.optionalText("region"),
            vmSize: try f.optionalText("vm_size"),
            instances: try f.optionalInteger("instances", in: 1...16, "is not an instance count from 1 to 16"))
        var result = record
        result.extra = f.extraJSON()
        return result
    }

    private static func alertConfig(_ f: inout Fields) throws(LineRejection) -> AlertConfig {
        let percent: ClosedRange<Int64> = 0...100
        let notPercent = "is not a percentage from 0 to 100"
        var record = AlertConfig(
            gateway: try f.gatewayName(), at: try f.requiredTime("at"),
            egressThresholdBytes: try f.optionalGigabytes("egress_threshold_gb"),
            egressWarningPct: try f.optionalInteger("egress_warning_pct", in: percent, notPercent),
            egressCriticalPct: try f.optionalInteger("egress_critical_pct", in: percent, notPercent),
            stopOnCritical: try f.optionalBool("stop_on_critical"),
            storageQuotaBytes: try f.optionalGigabytes("storage_quota_gb"),
            storageWarningPct: try f.optionalInteger("storage_warning_pct", in: percent, notPercent),
            storageCriticalPct: try f.optionalInteger("storage_critical_pct", in: percent, notPercent))
        record.extra = f.extraJSON()
        return record
    }

    private static func status(_ f: inout Fields) throws(LineRejection) -> StatusSnapshot {
        let gateway = try f.gatewayName()
        let at = try f.requiredTime("at")
        let text = try f.optionalText("state")
        let code = try f.optionalSignedInteger("state_code")
        let description = try f.optionalText("description") ?? ""
        let (stateCode, state) = try Self.resolveState(text: text, code: code)
        return StatusSnapshot(gateway: gateway, at: at, stateCode: stateCode, state: state,
                              description: description, extra: f.extraJSON())
    }

    /// A known text gets its code; a known code gets its text; an unknown text is kept with the
    /// code given (or none); a text and code that name different known states are rejected.
    static func resolveState(text: String?, code: Int64?) throws(LineRejection) -> (Int64?, String) {
        let trimmed = text?.trimmingSpaces
        switch (trimmed.flatMap { $0.isEmpty ? nil : $0 }, code) {
        case (nil, nil):
            throw LineRejection(field: "state", "is missing (give \"state\", \"state_code\" or both)")
        case let (nil, code?):
            guard let known = GatewayState(rawValue: code) else {
                throw LineRejection(field: "state_code", value: String(code), "is not a known state code, and no \"state\" text was given")
            }
            return (code, known.text)
        case let (text?, nil):
            if let known = GatewayState(text: text) { return (known.rawValue, known.text) }
            return (nil, text)
        case let (text?, code?):
            let byText = GatewayState(text: text)
            if let byText, let byCode = GatewayState(rawValue: code), byText != byCode {
                throw LineRejection(field: "state_code", value: String(code),
                                    "means \(byCode.text), but \"state\" says \"\(text)\"")
            }
            return (code, byText?.text ?? text)
        }
    }

    private static func connectionPoint(_ f: inout Fields) throws(LineRejection) -> ConnectionPointStatus {
        ConnectionPointStatus(
            gateway: try f.gatewayName(), server: try f.requiredName("server"), at: try f.requiredTime("at"),
            status: try f.requiredInteger("status", in: 0...2,
                                          "is not a connection point status (0 offline, 1 partially online, 2 online)"))
    }

    private static func onlineClients(_ f: inout Fields) throws(LineRejection) -> OnlineClientsSample {
        OnlineClientsSample(gateway: try f.gatewayName(), at: try f.requiredTime("at"), count: try f.requiredInteger("count"))
    }

    private static func endpointTraffic(_ f: inout Fields) throws(LineRejection) -> EndpointTrafficSample {
        let gateway = try f.gatewayName(), endpoint = try f.requiredName("endpoint"), at = try f.requiredTime("at")
        let interval = try f.requiredInterval()
        let sample = EndpointTrafficSample(
            gateway: gateway, endpoint: endpoint, at: at, intervalSeconds: interval,
            requestCount: try f.requiredRequestCount("request_count", intervalSeconds: interval),
            requestBytes: try f.requiredInteger("request_bytes"),
            responseCount: try f.requiredRequestCount("response_count", intervalSeconds: interval),
            responseBytes: try f.requiredInteger("response_bytes"),
            averageElapsedMilliseconds: try f.optionalRoundedNumber("avg_elapsed_ms", limit: ValueLimits.maximumAverageElapsedMilliseconds))
        if let problem = ValueLimits.check(sample) { throw problem }
        return sample
    }

    private static func egress(_ f: inout Fields) throws(LineRejection) -> EgressSample {
        EgressSample(gateway: try f.gatewayName(), at: try f.requiredTime("at"),
                     intervalSeconds: try f.requiredInterval(), bytes: try f.requiredInteger("bytes"))
    }

    private static func storage(_ f: inout Fields) throws(LineRejection) -> StorageSample {
        StorageSample(gateway: try f.gatewayName(), at: try f.requiredTime("at"), usedBytes: try f.requiredInteger("used_bytes"))
    }

    private static func operation(_ f: inout Fields) throws(LineRejection) -> GatewayOperation {
        let gateway = try f.gatewayName()
        let kindText = try f.requiredString("kind")
        guard let kind = OperationKind(rawValue: kindText) else {
            throw LineRejection(field: "kind", value: "\"\(kindText)\"",
                                "is not an operation kind (known: \(OperationKind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let requested = try f.requiredTime("requested_at")
        let completed = try f.optionalTime("completed_at")
        if let completed, completed < requested {
            throw LineRejection(field: "completed_at", value: CivilDate.rfc3339(completed), "is before requested_at")
        }
        let outcomeText = try f.optionalString("outcome")
        let outcome: OperationOutcome
        if let outcomeText, !outcomeText.isEmpty {
            guard let parsed = OperationOutcome(rawValue: outcomeText) else {
                throw LineRejection(field: "outcome", value: "\"\(outcomeText)\"",
                                    "is not an outcome (known: \(OperationOutcome.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            outcome = parsed
        } else if completed == nil {
            outcome = .inProgress
        } else {
            throw LineRejection(field: "outcome", "is missing: an operation with completed_at needs an outcome")
        }
        return GatewayOperation(gateway: gateway, kind: kind, requestedAt: requested, completedAt: completed, outcome: outcome,
                         actor: try f.optionalText("actor") ?? "", note: try f.optionalText("note") ?? "",
                         extra: f.extraJSON())
    }

    private static func credential(_ f: inout Fields) throws(LineRejection) -> Credential {
        let gateway = try f.gatewayName()
        let kindText = try f.requiredString("kind")
        guard let kind = CredentialKind(rawValue: kindText) else {
            throw LineRejection(field: "kind", value: "\"\(kindText)\"",
                                "is not a credential kind (known: \(CredentialKind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let thumbprintText = try f.optionalString("thumbprint") ?? ""
        let thumbprint = String(thumbprintText.uppercased().filter { !$0.isWhitespace && $0 != ":" })
        guard thumbprint.allSatisfy({ $0.isHexDigit && $0.isASCII }) else {
            throw LineRejection(field: "thumbprint", value: "\"\(thumbprintText)\"", "is not a hexadecimal thumbprint")
        }
        let notBefore = try f.optionalTime("not_before")
        let expires = try f.requiredTime("expires_at")
        if let notBefore, notBefore > expires {
            throw LineRejection(field: "expires_at", value: CivilDate.rfc3339(expires), "is before not_before")
        }
        return Credential(gateway: gateway, kind: kind, name: try f.optionalText("name") ?? "",
                          subject: try f.optionalText("subject") ?? "", thumbprint: thumbprint,
                          notBefore: notBefore, expiresAt: expires, extra: f.extraJSON())
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}
