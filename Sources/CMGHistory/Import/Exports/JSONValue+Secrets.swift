extension JSONValue {
    /// The value without its secrets: members ``SecretFieldPolicy`` calls secret are dropped at
    /// every depth, inside arrays too, and every string is passed through ``SecretRedactor``.
    ///
    /// PowerShell writes a dictionary or a WMI property list as `{"Name":"ClientSecret","Value":…}`
    /// (or `Key`/`Value`) pairs: the `Value` of a pair whose name is secret is dropped as well.
    func withoutSecrets(dropped: inout Int, redacted: inout Int) -> JSONValue {
        switch self {
        case .string(let text):
            guard let result = SecretRedactor.redact(text) else { return self }
            redacted += result.count
            return .string(result.text)
        case .array(let items):
            return .array(items.map { $0.withoutSecrets(dropped: &dropped, redacted: &redacted) })
        case .object(let members):
            var kept: [String: JSONValue] = [:]
            let pairName = members.first { ["name", "key"].contains($0.key.lowercased()) }?.value
            let secretPair = if case .string(let name)? = pairName { SecretFieldPolicy.isSecret(fieldName: name) } else { false }
            for (name, value) in members {
                if SecretFieldPolicy.dropsMember(named: name) || (secretPair && name.lowercased() == "value") {
                    if !value.isEmpty { dropped += 1 }
                    continue
                }
                kept[name] = value.withoutSecrets(dropped: &dropped, redacted: &redacted)
            }
            return .object(kept)
        case .null, .bool, .integer, .number, .unrepresentableNumber:
            return self
        }
    }

    /// Null or an empty string: nothing was there to drop.
    var isEmpty: Bool {
        switch self {
        case .null: true
        case .string(let s): s.isEmpty
        default: false
        }
    }
}
