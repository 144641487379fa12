/// A dated, secret-bearing thing whose expiry is tracked (DESIGN §2, "credential").
public enum CredentialKind: String, CaseIterable, Sendable, Codable {
    case serverCertificate = "server_certificate"
    case appSecret = "app_secret"
    case trustedRootCertificate = "trusted_root_certificate"
    case clientCertificate = "client_certificate"
}
