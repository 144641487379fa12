/// Text from outside — a file name, a command-line argument — made safe to print or store:
/// secret-looking values redacted (``SecretRedactor``), for the command-line tool, which sees
/// input the importers never read (`credential add --name`, a file named `password=….ndjson`).
package enum SecretText {
    /// `text` with its secrets replaced by `[redacted]`.
    package static func redacted(_ text: String) -> String {
        SecretRedactor.redact(text)?.text ?? text
    }

    /// A path with each of its components redacted: the redactor takes a `/` before a key for
    /// base64 (`…+/Password=…` is no pair), so `/logs/password=….log` is split first.
    package static func redactedPath(_ path: String) -> String {
        guard path.utf8.contains(where: { $0 == UInt8(ascii: "=") || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "-") }) else { return path }
        var out = ""
        var component = ""
        for character in path {
            if character == "/" || character == "\\" {
                out += redacted(component)
                out.append(character)
                component = ""
            } else {
                component.append(character)
            }
        }
        return out + redacted(component)
    }

    /// A file name for a message: each component redacted, then its control characters escaped.
    package static func fileName(_ path: String) -> String {
        VisibleText.escape(redactedPath(path))
    }
}
