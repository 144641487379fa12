import Foundation

/// Decides which input field names say their value is a secret, so that the value is never stored
/// or printed.
///
/// CMG History tracks expiry dates, not secrets (DESIGN §5). The one policy is applied to names at
/// every depth of JSON (NDJSON `extra`, export objects, inside arrays), to CSV columns and to the
/// keys of `key=value` pairs in free text (``SecretRedactor``).
///
/// A name is compared folded: lowercased, with `_`, `-` and spaces removed, so `client_secret`,
/// `Client-Secret` and `ClientSecret` are one name. A dotted or slashed name (`Settings.ClientSecret`,
/// a CSV column flattened from a nested object) is secret when any of its parts is.
enum SecretFieldPolicy {
    /// One rule of the policy and why it is there.
    struct Rule {
        enum Match { case exact, prefix, suffix, contains }
        var match: Match
        /// Folded (lowercase letters and digits only).
        var fragment: String
        var reason: String
    }

    /// The names whose values are secrets.
    static let rules: [Rule] = [
        Rule(match: .contains, fragment: "secret", reason: "ClientSecret, SecretKey, client_secret: the Entra ID app secret and its kin"),
        Rule(match: .contains, fragment: "password", reason: "Password, AdminPassword, PfxPassword"),
        Rule(match: .contains, fragment: "passwd", reason: "Unix spelling of password"),
        Rule(match: .exact, fragment: "pwd", reason: "the password key of ODBC and SQL Server connection strings"),
        Rule(match: .suffix, fragment: "pwd", reason: "AdminPwd, DbPwd"),
        Rule(match: .contains, fragment: "passphrase", reason: "protects a private key"),
        Rule(match: .contains, fragment: "privatekey", reason: "PrivateKey, PrivateKeyPem"),
        Rule(match: .suffix, fragment: "key", reason: "AccountKey, StorageAccountKey, SharedKey, ClientKey, ApiKey, AccessKey, PrimaryKey"),
        Rule(match: .suffix, fragment: "token", reason: "Token, AuthToken, AccessToken, RefreshToken, IdToken, SasToken"),
        Rule(match: .prefix, fragment: "credential", reason: "Credential, Credentials, CredentialValue: a PSCredential or its secret"),
        Rule(match: .contains, fragment: "connectionstring", reason: "holds AccountKey= or Password= inside"),
        Rule(match: .contains, fragment: "sharedaccesssignature", reason: "an Azure SAS grants access by itself"),
        Rule(match: .prefix, fragment: "sas", reason: "SasToken, SasUrl, SasKey: Azure shared access signatures"),
        Rule(match: .exact, fragment: "sig", reason: "the signature of a SAS query string (sig=…)"),
        Rule(match: .exact, fragment: "authorization", reason: "an HTTP Authorization header carries a bearer token or a password"),
        Rule(match: .contains, fragment: "managementcertificate", reason: "SMS_AzureService's, which can carry a private key"),
        Rule(match: .contains, fragment: "pfx", reason: "a PKCS #12 file or its password holds a private key"),
    ]

    /// Names a rule above would catch whose values are public: what identifies or dates a
    /// credential is exactly what CMG History keeps.
    static let publicNames: [String: String] = [
        "key": "the Key of PowerShell's Key/Value pairs (a dictionary entry's name)",
        "publickey": "a certificate's public key is public by definition",
        "partitionkey": "Azure Table addressing, not a secret", "rowkey": "Azure Table addressing, not a secret",
        "registrykey": "a registry path", "regkey": "a registry path", "sortkey": "an ordering",
        "foreignkey": "a database relation", "hotkey": "a keyboard shortcut",
        "credentialkind": "which kind of credential (our own vocabulary)",
        "credentialtype": "which kind of credential", "credentialname": "a credential's display name",
        "credentialid": "a credential's identifier", "credentialexpiry": "a date: what we track",
        "credentialexpiresat": "a date: what we track",
        "continuationtoken": "a paging cursor of the admin service, not a secret",
        "nextpagetoken": "a paging cursor, not a secret",
    ]

    /// Longest name part looked at; longer ones are not field names.
    static let maximumNameLength = 128

    static func isSecret(fieldName: String) -> Bool {
        guard fieldName.utf8.count <= maximumNameLength * 4 else { return false }
        var part: [UInt8] = []
        part.reserveCapacity(fieldName.utf8.count)
        for byte in fieldName.utf8 {
            if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ":") {
                if isSecret(foldedPart: part) { return true }
                part.removeAll(keepingCapacity: true)
            } else {
                appendFolded(byte, to: &part)
            }
        }
        return isSecret(foldedPart: part)
    }

    /// Whether a member named `name` is left out of what is stored: its name says it holds a
    /// secret, or the name is itself secret-looking text (`{"AccountKey=…;":1}`, a JWT as a key),
    /// which no redaction of values would reach, since names are stored as written.
    static func dropsMember(named name: String) -> Bool {
        isSecret(fieldName: name) || SecretRedactor.redact(name) != nil
    }

    /// Appends an ASCII letter (lowercased) or digit; drops separators. Non-ASCII bytes are kept,
    /// so that a name in another script is compared as written.
    @inline(__always)
    static func appendFolded(_ byte: UInt8, to part: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): part.append(byte | 0x20)
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), 0x80...: part.append(byte)
        default: break
        }
    }

    /// Whether a folded name, written `Name: value` in prose, says a secret follows: the names a
    /// `contains` rule catches (`Password:`, `client secret:`), and not the looser suffix and prefix
    /// rules, whose names begin sentences (`Token: expired`, `RegistryKey: HKLM\\…`).
    static func isSecretInProse(folded part: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let rule = firstRule(matching: part), rule.match == .contains || rule.fragment == "pwd" else { return false }
        return !isPublic(part)
    }

    /// Whether one folded name part is secret.
    static func isSecret(foldedPart part: [UInt8]) -> Bool {
        part.withUnsafeBufferPointer { isSecret(folded: $0) }
    }

    /// Whether one folded name part (lowercase letters, digits and non-ASCII bytes) is secret.
    /// Compared as bytes: the redactor asks this for every `key=` it meets in a log message.
    static func isSecret(folded part: UnsafeBufferPointer<UInt8>) -> Bool {
        firstRule(matching: part) != nil && !isPublic(part)
    }

    private static let fragments: [(rule: Rule, bytes: [UInt8])] = rules.map { ($0, Array($0.fragment.utf8)) }

    private static func firstRule(matching part: UnsafeBufferPointer<UInt8>) -> Rule? {
        guard !part.isEmpty, part.count <= maximumNameLength, let base = part.baseAddress else { return nil }
        for (rule, fragment) in fragments where fragment.count <= part.count {
            let hit = fragment.withUnsafeBufferPointer { f -> Bool in
                guard let f = f.baseAddress else { return false }
                let n = fragment.count
                switch rule.match {
                case .exact: return part.count == n && memcmp(base, f, n) == 0
                case .prefix: return memcmp(base, f, n) == 0
                case .suffix: return memcmp(base + part.count - n, f, n) == 0
                case .contains:
                    for start in 0...(part.count - n) where base[start] == f[0] && memcmp(base + start, f, n) == 0 { return true }
                    return false
                }
            }
            if hit { return rule }
        }
        return nil
    }

    private static func isPublic(_ part: UnsafeBufferPointer<UInt8>) -> Bool {
        publicNames[String(decoding: part, as: UTF8.self)] != nil
    }
}
