/// A credential an admin enters by hand (`cmg-history credential add`): the Entra ID app's
/// client secret, whose value ConfigMgr never exports and CMG History never holds. Only its
/// expiry date and when it was renewed are kept.
public struct CredentialEntry: Sendable, Equatable {
    /// The gateway's name (any name it answers to, folded to its stored name on import).
    public var gateway: String
    /// What kind of credential it is.
    public var kind: CredentialKind
    /// The app's or certificate's name (`CMG-ServerApp`).
    public var name: String
    /// When it expires.
    public var expiresAt: UnixSeconds
    /// When it replaced the one before it, when it did.
    public var renewedAt: UnixSeconds?

    /// An entry; secret-looking text in its names is redacted here, before anything keeps it.
    public init(gateway: String, kind: CredentialKind, name: String, expiresAt: UnixSeconds, renewedAt: UnixSeconds? = nil) {
        // Typed by hand, yet input like any other: `--name 'ClientSecret=…'` (the secret pasted
        // where its name goes) must not be stored or printed back.
        self.gateway = SecretText.redacted(gateway)
        self.kind = kind
        self.name = SecretText.redacted(name)
        self.expiresAt = expiresAt
        self.renewedAt = renewedAt
    }

    /// The credential record, and for a renewal of a secret or server certificate the renewal
    /// operation, so that the incident timeline shows it.
    public var records: [HistoryRecord] {
        var records: [HistoryRecord] = [.credential(Credential(
            gateway: gateway, kind: kind, name: name, subject: "", thumbprint: "", notBefore: nil,
            expiresAt: expiresAt, extra: nil, renewedAt: renewedAt))]
        let renewal: OperationKind? = switch kind {
        case .appSecret: .renewAppSecret
        case .serverCertificate: .renewServerCertificate
        default: nil
        }
        if let renewedAt, let renewal {
            records.append(.operation(GatewayOperation(
                gateway: gateway, kind: renewal, requestedAt: renewedAt, completedAt: renewedAt, outcome: .succeeded,
                actor: "", note: "\(name) renewed; expires \(Timestamp.format(expiresAt))", extra: nil)))
        }
        return records
    }
}
