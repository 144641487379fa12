import Testing
@testable import CMGHistory

/// "Redaction removes every planted secret", for many texts: a secret in one of the shapes the
/// redactor knows, planted at a random place in random CMG-like text, never survives, and
/// redacting the result again finds nothing.
@Suite("Secrets by content: every planted secret is removed")
struct SecretRedactionPropertyTests {
    /// A small deterministic generator (SplitMix64): the same seed gives the same texts, so a
    /// failure is reproducible from the seed it prints.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
        mutating func token(_ alphabet: [Character], _ range: ClosedRange<Int>) -> String {
            String((0..<(range.lowerBound + below(range.count))).map { _ in pick(alphabet) })
        }
    }

    static let words = ["Deployment", "instance", "status", "for", "service", "GraniteFalls.contoso.com", "is", "ReadyRole.",
                        "RequestUri:", "/CCM_Proxy_MutualAuth/72057594037927939", "RequestCount:", "769", "12:00:00", "a=b",
                        "Bearer", "token", "expired;", "Basic", "authentication", "KeyUsage=DigitalSignature", "(403)", "Forbidden",
                        "{\"at\":\"2026-10-01T00:00:00Z\"}", "ünïcødé", "名前", "-----", "eyJ", "x+y/z==", "~~", "\r\n", "\t"]
    static let valueAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._~+/-")
    static let base64URL = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    static let base64 = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")

    /// A secret in one of the known shapes: the text to plant, and the value that must vanish.
    static func secret(_ r: inout Random) -> (text: String, value: String) {
        let value = "Zq9" + r.token(valueAlphabet, 6...40)
        let key = r.pick(["Password", "pwd", "AccountKey", "StorageAccountKey", "SharedKey", "ClientSecret", "client_secret",
                          "sig", "SharedAccessSignature", "AuthToken", "access_token", "Passphrase", "x-ms-client-secret"])
        switch r.below(7) {
        case 0: return ("\(key)=\(value)" + r.pick([";", "&", " ", "", "\r\n"]), value)
        case 1: return ("\(key) = '\(value)'", value)
        case 2: return ("\"\(key)\":\"\(value)\"", value)
        case 3: return ("Authorization: \(r.pick(["Bearer", "Basic", "Negotiate"])) \(value)", value)
        case 4:
            let header = "eyJ" + r.token(base64URL, 10...30), payload = r.token(base64URL, 10...60)
            let jwt = header + "." + payload + "." + r.token(base64URL, 0...40)
            return (jwt, payload)
        case 5:
            let body = (0..<(1 + r.below(4))).map { _ in r.token(base64, 16...64) }.joined(separator: "\n")
            let label = r.pick(["PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY"])
            let end = r.below(4) == 0 ? "" : "\n-----END \(label)-----"
            return ("-----BEGIN \(label)-----\n\(body)\(end)", body)
        default:
            return ("Server=sql1;Database=CM_PS1;\(key)=\(value);Encrypt=True", value)
        }
    }

    @Test func aPlantedSecretNeverSurvives() {
        for seed in UInt64(1)...3000 {
            var r = Random(state: seed)
            let before = (0..<r.below(12)).map { _ in r.pick(Self.words) }.joined(separator: " ")
            let after = (0..<r.below(12)).map { _ in r.pick(Self.words) }.joined(separator: " ")
            let (planted, value) = Self.secret(&r)
            let text = before + (before.isEmpty ? "" : " ") + planted + " " + after
            // When it is redacted
            let redacted = SecretRedactor.redact(text)
            // Then the value is gone, something was counted, and a second pass finds nothing
            let result = redacted?.text ?? text
            #expect(!result.contains(value), "seed \(seed): \(text.debugDescription) → \(result.debugDescription)")
            #expect((redacted?.count ?? 0) >= 1, "seed \(seed)")
            #expect(SecretRedactor.redact(result) == nil, "seed \(seed): \(result.debugDescription)")
        }
    }

    @Test func anyBytesNeverTrapAndTextWithoutATriggerIsUntouched() {
        var r = Random(state: 42)
        for _ in 0..<3000 {
            let bytes = (0..<r.below(200)).map { _ in UInt8(truncatingIfNeeded: r.next()) }
            _ = bytes.withUnsafeBufferPointer { SecretRedactor.redact(bytes: $0) }
            let plain = String((0..<r.below(200)).map { _ in r.pick(Array("acdfghiklmnopqrstuvwxyz 0123456789.,;()/")) })
            #expect(SecretRedactor.redact(plain) == nil, "\(plain)")
        }
    }
}
