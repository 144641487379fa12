import Foundation

/// A PEM private key whose lines became separate log entries: when an entry's trailer is
/// malformed, its message comes out one plain entry a line (``LogScanner``), so the redactor,
/// which sees one entry at a time, meets `-----BEGIN PRIVATE KEY-----` in one entry and the
/// base64 body in the next ones. The body lines are redacted here, up to the `-----END` line.
///
/// Whether a block is open is read from the entry before (kept across runs in the store), so no
/// state outlives one entry.
enum PrivateKeyLines {
    /// Redacts a plain entry inside a block `previous` opened: a body line all of it, the END
    /// line what comes before `-----END`. Returns 1 for the first line of a block (one key is one
    /// value redacted), else 0.
    static func redact(_ entry: inout LogEntry, after previous: LogEntry?) -> Int {
        guard entry.format == .plain, let previous else { return 0 }
        let bodyGoesOn = previous.format == .plain && previous.message == SecretRedactor.marker
        guard bodyGoesOn || opensBlock(previous.message) else { return 0 }
        if let end = entry.message.range(of: "-----END ") {
            guard entry.message.startIndex < end.lowerBound else { return 0 }
            entry.message = SecretRedactor.marker + entry.message[end.lowerBound...]
        } else {
            entry.message = SecretRedactor.marker
        }
        return bodyGoesOn ? 0 : 1
    }

    /// Whether the text's last PEM BEGIN line is a private key's and no END line follows it.
    private static func opensBlock(_ text: String) -> Bool {
        // Runs for every plain entry: a byte scan first, Foundation's search only on a hit.
        var text = text
        let mayOpen = text.withUTF8 { ASCIISearch.containsIgnoringCase($0, "-----begin ") }
        guard mayOpen else { return false }
        guard let begin = text.range(of: "-----BEGIN ", options: .backwards) else { return false }
        let label = text[begin.upperBound...].prefix { $0 != "\n" && $0 != "-" }
        guard label.uppercased().hasSuffix("PRIVATE KEY") else { return false }
        return text.range(of: "-----END ", range: begin.upperBound..<text.endIndex) == nil
    }
}
