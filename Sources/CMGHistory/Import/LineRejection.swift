/// Why one input line was not stored, naming the field and the value at fault.
public struct LineRejection: Error, Sendable, Equatable, Codable {
    /// The field at fault, when one is.
    public var field: String?
    /// The offending value as written (shortened when long, secrets redacted), when there is one.
    public var value: String?
    /// What is wrong, as a phrase that follows the field and value.
    public var reason: String
    /// Whether the message says `value` before the value (`field "x": value 7 out of range …`),
    /// for reasons that do not read as a verb phrase after it.
    var labelsValue = false

    init(field: String? = nil, value: String? = nil, _ reason: String) {
        // A field's name can come from the input (a CSV header, a JSON key): redacted and kept
        // on one line like the value; the secret-name test below reads it as written.
        self.field = field.map { VisibleText.escape(SecretRedactor.redact($0)?.text ?? $0) }
        self.value = value.map { Self.quotable($0, field: field) }
        // Some reasons quote input too (`but "state" says "…"`).
        self.reason = VisibleText.escape(SecretRedactor.redact(reason)?.text ?? reason)
    }

    /// What a message may quote of `value`: never a secret (DESIGN §5). The value of a field whose
    /// name is secret is not quoted at all; any other is redacted before it is shortened, so that
    /// the cut cannot split a secret from the words that mark it. A message is one line
    /// (`FILE:LINE: …`, for grep and editors), so control characters are escaped (``VisibleText``).
    private static func quotable(_ value: String, field: String?) -> String {
        if let field, SecretFieldPolicy.isSecret(fieldName: field) { return SecretRedactor.marker }
        return shortened(VisibleText.escape(SecretRedactor.redact(value)?.text ?? value))
    }

    /// `field "count": -5 is not a non-negative integer`, or just the reason.
    public var message: String {
        switch (field, value) {
        case let (field?, value?): "field \"\(field)\": \(labelsValue ? "value " : "")\(value) \(reason)"
        case let (field?, nil): "field \"\(field)\" \(reason)"
        default: reason
        }
    }

    private enum CodingKeys: String, CodingKey { case field, value, reason }

    /// Longest value quoted back in a message; an admin needs to recognise it, not read all of it.
    static let maximumQuotedLength = 80

    private static func shortened(_ text: String) -> String {
        text.count <= maximumQuotedLength ? text : String(text.prefix(maximumQuotedLength)) + "…"
    }
}

/// A rejected line, where it is and why.
public struct Rejection: Sendable, Equatable, Codable, CustomStringConvertible {
    /// The file (or source) it came from.
    public var file: String
    /// The 1-based line in that file.
    public var line: Int
    /// Why it was rejected.
    public var problem: LineRejection

    /// `FILE:LINE: reason`, the form compilers use, so editors and grep can jump to it.
    public var description: String { "\(SecretText.fileName(file)):\(line): \(problem.message)" }
}
