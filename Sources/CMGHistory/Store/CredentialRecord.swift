/// One stored credential record, as the expiry and capacity reports read it.
struct CredentialRecord: Sendable, Equatable {
    var kind: String
    var name: String
    var subject: String
    var thumbprint: String
    var notBefore: UnixSeconds?
    var expiresAt: UnixSeconds
    var renewedAt: UnixSeconds?

    /// A credential is named by its name, or by its subject when it has none (certificates).
    var label: String { name.isEmpty ? subject : name }
    /// The records of one credential share this key: gateway (implied), kind and label.
    var key: String { kind + "|" + label }
}
