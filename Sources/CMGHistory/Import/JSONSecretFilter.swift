/// Copies a JSON value (raw text the ``JSONObjectScanner`` has validated) without its secrets:
/// members whose name ``SecretFieldPolicy`` calls secret are dropped at every depth, inside arrays
/// too, and every string is passed through ``SecretRedactor``.
///
/// A value with nothing to drop or redact is copied as written; a changed one is written compact.
struct JSONSecretFilter {
    /// Members dropped for their name, and strings redacted, since creation.
    private(set) var droppedNames = 0
    private(set) var redactedValues = 0

    /// The filtered text of the value at `range` of `bytes`.
    mutating func filter(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        let before = (droppedNames, redactedValues)
        var out: [UInt8] = []
        var walk = Walk(b: bytes)
        _ = walk.value(range.lowerBound, into: &out, emit: true)
        droppedNames += walk.dropped
        redactedValues += walk.redacted
        guard (droppedNames, redactedValues) != before else {
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `text` redacted, counting what was found.
    mutating func redacted(_ text: String) -> String {
        guard let result = SecretRedactor.redact(text) else { return text }
        redactedValues += result.count
        return result.text
    }

    /// Counts values redacted elsewhere (names redacted once, when first seen).
    mutating func count(_ redactions: Int) {
        redactedValues += redactions
    }

    private struct Walk {
        let b: UnsafeBufferPointer<UInt8>
        var dropped = 0
        var redacted = 0

        private func skipSpace(_ i: Int) -> Int {
            var i = i
            while i < b.count, b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0D || b[i] == 0x0A { i += 1 }
            return i
        }

        /// The index after the string starting at its quote `i`, and whether it has escapes.
        private func stringEnd(_ i: Int) -> (Int, Bool) {
            var p = i + 1
            var escapes = false
            while p < b.count, b[p] != UInt8(ascii: "\"") {
                if b[p] == UInt8(ascii: "\\") { escapes = true; p += 1 }
                p += 1
            }
            return (min(p + 1, b.count), escapes)
        }

        /// Walks the value at `i`, appending its filtered text when `emit`; returns its end.
        mutating func value(_ start: Int, into out: inout [UInt8], emit: Bool) -> Int {
            let i = skipSpace(start)
            guard i < b.count else { return i }
            switch b[i] {
            case UInt8(ascii: "{"): return container(i, object: true, into: &out, emit: emit)
            case UInt8(ascii: "["): return container(i, object: false, into: &out, emit: emit)
            case UInt8(ascii: "\""):
                let (end, escapes) = stringEnd(i)
                guard emit else { return end }
                let text = JSONObjectScanner.decodeString(b, start: i, end: end, hasEscapes: escapes)
                if let result = SecretRedactor.redact(text) {
                    redacted += result.count
                    out.append(contentsOf: Fields.jsonString(result.text).utf8)
                } else {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: b[i..<end]))
                }
                return end
            default:
                var end = i
                while end < b.count, !Self.endsScalar(b[end]) { end += 1 }
                if emit { out.append(contentsOf: UnsafeBufferPointer(rebasing: b[i..<end])) }
                return end
            }
        }

        private static func endsScalar(_ c: UInt8) -> Bool {
            c == UInt8(ascii: ",") || c == UInt8(ascii: "}") || c == UInt8(ascii: "]") || c <= 0x20
        }

        /// Whether the object at `start` is a PowerShell pair, `{"Name":"ClientSecret","Value":…}`
        /// (or `Key`/`Value`), whose name is secret: its `Value` is then the secret.
        private func isSecretPair(_ start: Int) -> Bool {
            var i = skipSpace(start + 1)
            while i < b.count, b[i] == UInt8(ascii: "\"") {
                let (keyEnd, escapes) = stringEnd(i)
                let name = JSONObjectScanner.decodeString(b, start: i, end: keyEnd, hasEscapes: escapes)
                i = skipSpace(keyEnd)
                if i < b.count, b[i] == UInt8(ascii: ":") { i = skipSpace(i + 1) }
                guard i < b.count else { return false }
                if b[i] == UInt8(ascii: "\""), ["name", "key"].contains(name.lowercased()) {
                    let (valueEnd, valueEscapes) = stringEnd(i)
                    let value = JSONObjectScanner.decodeString(b, start: i, end: valueEnd, hasEscapes: valueEscapes)
                    if SecretFieldPolicy.isSecret(fieldName: value) { return true }
                }
                var skipped = Walk(b: b)
                var none: [UInt8] = []
                i = skipSpace(skipped.value(i, into: &none, emit: false))
                guard i < b.count, b[i] == UInt8(ascii: ",") else { return false }
                i = skipSpace(i + 1)
            }
            return false
        }

        private mutating func container(_ start: Int, object: Bool, into out: inout [UInt8], emit: Bool) -> Int {
            let close = object ? UInt8(ascii: "}") : UInt8(ascii: "]")
            let secretPair = object && emit && isSecretPair(start)
            if emit { out.append(b[start]) }
            var i = skipSpace(start + 1)
            var first = true
            while i < b.count, b[i] != close {
                var keep = emit
                var keyRange = i..<i
                if object {
                    guard b[i] == UInt8(ascii: "\"") else { break }
                    let (keyEnd, escapes) = stringEnd(i)
                    keyRange = i..<keyEnd
                    i = skipSpace(keyEnd)
                    if i < b.count, b[i] == UInt8(ascii: ":") { i += 1 }
                    let name = JSONObjectScanner.decodeString(b, start: keyRange.lowerBound, end: keyRange.upperBound, hasEscapes: escapes)
                    if SecretFieldPolicy.dropsMember(named: name) || (secretPair && name.lowercased() == "value") {
                        if emit { dropped += 1 }
                        keep = false
                    }
                }
                if keep {
                    if !first { out.append(UInt8(ascii: ",")) }
                    first = false
                    if object {
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: b[keyRange]))
                        out.append(UInt8(ascii: ":"))
                    }
                }
                i = skipSpace(value(i, into: &out, emit: keep))
                if i < b.count, b[i] == UInt8(ascii: ",") { i = skipSpace(i + 1) }
            }
            if emit { out.append(close) }
            return min(i + 1, b.count)
        }
    }
}
