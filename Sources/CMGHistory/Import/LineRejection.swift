/// Why one input line was not stored, naming the field and the value at fault.
public struct LineRejection: Error, Sendable, Equatable, Codable {
    /// The field at fault, when one is.
    public var field: String?
    /// The offending value as written (shortened when long, secrets redacted), when there is one.
    public var value: String?
    /// What is wrong, as a phrase that follows the field and value.
    public var reason: String

    init(field: String? = nil, value: String? = nil, _ reason: String) {
        self.field = field
        self.value = value.map { Self.quotable($0, field: field) }
        self.reason = reason
    }

    /// What a message may quote of `value`: never a secret (DESIGN §5). The value of a field whose
    /// name is secret is not quoted at all; any other is redacted before it is shortened, so that
    /// the cut cannot split a secret from the words that mark it.
    private static func quotable(_ value: String, field: String?) -> String {
        if let field, SecretFieldPolicy.isSecret(fieldName: field) { return SecretRedactor.marker }
        return shortened(oneLine(SecretRedactor.redact(value)?.text ?? value))
    }

    /// A message is one line (`FILE:LINE: …`, for grep and editors): line breaks and other
    /// control characters in a quoted value are written as escapes.
    private static func oneLine(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let s where s.value < 0x20 || s.value == 0x7F: out += "\\u{" + String(s.value, radix: 16, uppercase: true) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `field "count": -5 is not a non-negative integer`, or just the reason.
    public var message: String {
        switch (field, value) {
        case let (field?, value?): "field \"\(field)\": \(value) \(reason)"
        case let (field?, nil): "field \"\(field)\" \(reason)"
        default: reason
        }
    }

    /// Longest value quoted back in a message; an admin needs to recognise it, not read all of it.
    static let maximumQuotedLength = 80

    private static func shortened(_ text: String) -> String {
        text.count <= maximumQuotedLength ? text : String(text.prefix(maximumQuotedLength)) + "…"
    }
}

/// A rejected line, where it is and why.
public struct Rejection: Sendable, Equatable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var problem: LineRejection

    /// `FILE:LINE: reason`, the form compilers use, so editors and grep can jump to it.
    public var description: String { "\(file):\(line): \(problem.message)" }
}
