import CMGHistory

/// `report trend --bucket`.
extension TrendBucket: ArgumentValue {
    /// `5m, 1h, 1d, 1w or 1mo`.
    static var choices: String {
        let names = allCases.map(\.rawValue)
        return names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "")
    }

    static func parse(_ text: String) throws -> TrendBucket {
        try decoded(TrendBucket(rawValue: text), "must be \(choices), not \(SecretText.redacted(text)).")
    }
}

/// `report trend --metric`, refused with the library's ``ReportError/unknownMetric(_:)`` reason.
extension RollupMetric: ArgumentValue {
    static func parse(_ text: String) throws -> RollupMetric {
        try decoded(RollupMetric(name: text), ReportError.unknownMetric(SecretText.redacted(text)).description)
    }

    var argumentText: String { name }
}

/// `logs … --min-severity`.
extension LogSeverity: ArgumentValue {
    static func parse(_ text: String) throws -> LogSeverity {
        try decoded(LogSeverity(name: text), "must be verbose, info, warning or error (or 0–3), not \(SecretText.redacted(text)).")
    }

    var argumentText: String { name }
}

/// `credential add --kind`.
extension CredentialKind: ArgumentValue {
    /// `server_certificate, app_secret, …`.
    static var choices: String { allCases.map(\.rawValue).joined(separator: ", ") }

    static func parse(_ text: String) throws -> CredentialKind {
        try decoded(CredentialKind(rawValue: text), "must be one of \(choices), not \(SecretText.redacted(text)).")
    }
}

/// `ingest --format`.
extension ExportFormat: ArgumentValue {
    static func parse(_ text: String) throws -> ExportFormat {
        try decoded(ExportFormat(rawValue: text), "must be one of \(ExportFormat.names), not \(SecretText.redacted(text)).")
    }
}

/// `gateway set --vm-size`: the canonical spelling of a VM size name.
struct VMSizeArgument: ArgumentValue, Equatable {
    /// `Standard_A2_v2` however it was cased.
    var name: String

    static func parse(_ text: String) throws -> VMSizeArgument {
        try decoded(VMSizeName.canonical(text).map(VMSizeArgument.init), "must be \(VMSizeName.expected), not \(SecretText.redacted(text)).")
    }

    var argumentText: String { name }
}

/// `token create --scope`.
extension TokenScope: ArgumentValue {
    static func parse(_ text: String) throws -> TokenScope {
        try decoded(TokenScope(rawValue: text), "must be read, ingest or admin, not \(SecretText.redacted(text)).")
    }
}
