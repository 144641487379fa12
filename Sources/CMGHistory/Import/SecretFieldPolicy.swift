/// Decides which input fields may hold a secret value and so are never stored.
///
/// CMG History tracks expiry dates, not secrets (DESIGN §5). An unknown field whose name says it
/// holds a secret or key value is dropped on import and counted, never kept in a raw JSON column.
enum SecretFieldPolicy {
    /// Name fragments (lowercased, separators removed) that mark a field as secret-bearing.
    /// `managementcertificate` is SMS_AzureService's, which can carry a private key.
    static let secretFragments = [
        "secret", "password", "passwd", "pwd", "privatekey", "apikey", "accesskey", "accesstoken",
        "refreshtoken", "bearertoken", "connectionstring", "sastoken", "managementcertificate", "pfx",
    ]

    static func isSecret(fieldName: String) -> Bool {
        let folded = String(fieldName.lowercased().filter { $0.isLetter || $0.isNumber })
        if folded == "pwd" { return true }
        return secretFragments.contains { $0 != "pwd" && folded.contains($0) }
    }
}
