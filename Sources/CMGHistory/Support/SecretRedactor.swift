import Foundation

/// Finds values that look like secrets in free text and replaces each with `[redacted]`, keeping
/// what says what it was: `ClientSecret=[redacted]`, `Authorization: Bearer [redacted]`,
/// `-----BEGIN RSA PRIVATE KEY-----[redacted]-----END RSA PRIVATE KEY-----`, `JWT [redacted]`.
///
/// Applied before storage to log messages, operation notes, status descriptions, credential
/// fields and every string inside raw `extra` JSON, and to values quoted in error messages
/// (DESIGN §5). What it finds:
///
/// - PEM blocks whose label says `PRIVATE KEY` (to the `-----END` line, or to the end of the text);
/// - `key=value` and `"key": value` pairs whose key ``SecretFieldPolicy`` calls secret: connection
///   strings (`AccountKey=…;`, `Password=…;`, `Pwd=…`), query strings (SAS `sig=…&`), JSON-ish text;
/// - `Authorization: <scheme> <credentials>` headers, and `Bearer`/`Basic` followed by a token;
/// - JWTs (`eyJ….….…`).
///
/// It is a single pass over the bytes with no regular expression: log ingest runs it on every
/// message, and text without a trigger byte sequence costs one comparison per byte and no allocation.
///
/// ```swift
/// SecretRedactor.redact("Server=db;Password=hunter2;")?.text  // "Server=db;Password=[redacted];"
/// ```
enum SecretRedactor {
    static let marker = "[redacted]"

    struct Result: Equatable {
        var text: String
        /// Values replaced.
        var count: Int
    }

    /// The text with its secrets redacted, or nil when it holds none.
    static func redact(_ text: String) -> Result? {
        var text = text
        return text.withUTF8 { redact(bytes: $0) }
    }

    /// Redacts `text` in place; returns how many values were replaced.
    @discardableResult
    static func redact(_ text: inout String) -> Int {
        guard let result = redact(text) else { return 0 }
        text = result.text
        return result.count
    }

    /// The UTF-8 text with its secrets redacted, or nil when it holds none.
    static func redact(bytes b: UnsafeBufferPointer<UInt8>) -> Result? {
        var scan = Scan(b)
        scan.run()
        guard scan.count > 0 else { return nil }
        scan.out.append(contentsOf: UnsafeBufferPointer(rebasing: b[scan.copied...]))
        return Result(text: String(decoding: scan.out, as: UTF8.self), count: scan.count)
    }

    /// Shortest bearer or basic token taken for a secret when no `Authorization` header precedes
    /// it: tokens are long, and "Bearer token expired" must stay readable.
    static let minimumBareTokenLength = 8
    /// Shortest first and second segment of a JWT (`eyJhbGciOi` is a 10-character header start).
    static let minimumJWTSegmentLength = 10

    private struct Scan {
        let b: UnsafeBufferPointer<UInt8>
        var out: [UInt8] = []
        /// Bytes before this index are in `out` (or were replaced).
        var copied = 0
        var count = 0

        init(_ b: UnsafeBufferPointer<UInt8>) { self.b = b }

        /// The bytes that can start (or, for a JWT, end the `eyJ` of) a secret: `=` `:` `-` below 64,
        /// `B` `J` `b` from 64 to 127, as bit masks, so that every other byte costs one test.
        private static let triggersBelow64: UInt64 = 1 << 0x3D | 1 << 0x3A | 1 << 0x2D
        private static let triggersFrom64: UInt64 = 1 << (0x42 - 64) | 1 << (0x4A - 64) | 1 << (0x62 - 64)

        /// Whether one of the eight bytes of `word` is a trigger (SWAR: a byte equal to `t` is a
        /// zero byte of `word ^ t…t`), so that text without one is skipped eight bytes at a time.
        @inline(__always)
        private static func mayTrigger(_ word: UInt64) -> Bool {
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            @inline(__always) func zero(_ v: UInt64) -> UInt64 { (v &- ones) & ~v & highs }
            return zero(word ^ (ones &* 0x3D)) | zero(word ^ (ones &* 0x3A)) | zero(word ^ (ones &* 0x2D))
                | zero(word ^ (ones &* 0x42)) | zero(word ^ (ones &* 0x4A)) | zero(word ^ (ones &* 0x62)) != 0
        }

        mutating func run() {
            guard let base = b.baseAddress else { return }
            let raw = UnsafeRawPointer(base)
            var i = 0
            let n = b.count
            while i < n {
                if i + 8 <= n, !Self.mayTrigger(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) {
                    i += 8
                    continue
                }
                let c = base[i]
                let trigger = c < 64 ? Self.triggersBelow64 >> c & 1 : c < 128 ? Self.triggersFrom64 >> (c &- 64) & 1 : 0
                guard trigger != 0 else {
                    i += 1
                    continue
                }
                let next: Int? = switch c {
                case UInt8(ascii: "="), UInt8(ascii: ":"): pair(at: i)
                case UInt8(ascii: "-"): pem(at: i)
                case UInt8(ascii: "J"): i >= copied + 2 ? jwt(at: i - 2) : nil
                default: bareToken(at: i)
                }
                i = next ?? i + 1
            }
        }

        /// Replaces `range` with `replacement`; returns where scanning goes on.
        private mutating func replace(_ range: Range<Int>, with replacement: String) -> Int {
            if out.isEmpty { out.reserveCapacity(b.count + 16) }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[copied..<range.lowerBound]))
            out.append(contentsOf: replacement.utf8)
            copied = range.upperBound
            count += 1
            return range.upperBound
        }

        private func matches(_ word: StaticString, at i: Int, ignoringCase: Bool = false) -> Bool {
            let count = word.utf8CodeUnitCount
            guard i >= 0, i + count <= b.count else { return false }
            for k in 0..<count {
                var c = b[i + k]
                if ignoringCase, c &- UInt8(ascii: "A") < 26 { c |= 0x20 }
                if c != word.utf8Start[k] { return false }
            }
            return true
        }

        private static func isKeyByte(_ c: UInt8) -> Bool {
            switch c {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."): true
            default: false
            }
        }

        private static func isTokenByte(_ c: UInt8) -> Bool {
            switch c {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "+"),
                 UInt8(ascii: "/"), UInt8(ascii: "="), UInt8(ascii: "%"): true
            default: false
            }
        }

        private static func isBase64URLByte(_ c: UInt8) -> Bool {
            switch c {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"): true
            default: false
            }
        }

        private static func isQuote(_ c: UInt8) -> Bool { c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") }
        private static func isBlank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }

        // MARK: - key=value and "key": value

        /// At `=` or `:`: when the key before it is a secret name, redacts the value after it.
        private mutating func pair(at i: Int) -> Int? {
            var k = i - 1
            while k >= 0, Self.isBlank(b[k]) { k -= 1 }
            let quoted = k >= 0 && Self.isQuote(b[k])
            if quoted { k -= 1 }
            let keyEnd = k + 1
            while k >= 0, Self.isKeyByte(b[k]), keyEnd - k <= SecretFieldPolicy.maximumNameLength { k -= 1 }
            let keyStart = k + 1
            // A run longer than any field name is data, not a key.
            guard keyStart < keyEnd, k < 0 || !Self.isKeyByte(b[k]) else { return nil }
            // Inside base64 (a certificate, a key) `+` or `/` comes before what looks like a key.
            if k >= 0, b[k] == UInt8(ascii: "+") || b[k] == UInt8(ascii: "/") { return nil }
            let isAuthorization = keyEnd - keyStart == 13 && matches("authorization", at: keyStart, ignoringCase: true)
            // `X-Ms-Access-Token: …`, `Ocp-Apim-Subscription-Key: …`: a hyphenated name before a
            // colon is an HTTP header, whose name says what it holds, as a JSON key does.
            let headerForm = (keyStart..<keyEnd).contains { b[$0] == UInt8(ascii: "-") }
            let colonInProse = b[i] == UInt8(ascii: ":") && !quoted && !isAuthorization && !headerForm
            // Times (`10:00:00`) and counts are no names: only a key with a letter is looked up.
            guard (keyStart..<keyEnd).contains(where: { b[$0] | 0x20 &- UInt8(ascii: "a") < 26 }) else { return nil }
            let secret = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: keyEnd - keyStart) { buffer -> Bool in
                var count = 0
                var dotted = false
                var anyPart = false
                func endPart() {
                    if SecretFieldPolicy.isSecret(folded: UnsafeBufferPointer(rebasing: buffer[0..<count])) { anyPart = true }
                    count = 0
                }
                for p in keyStart..<keyEnd {
                    let c = b[p]
                    if c == UInt8(ascii: ".") {
                        dotted = true
                        endPart()
                    } else if c &- UInt8(ascii: "A") < 26 {
                        buffer[count] = c | 0x20
                        count += 1
                    } else if c &- UInt8(ascii: "a") < 26 || c &- UInt8(ascii: "0") < 10 {
                        buffer[count] = c
                        count += 1
                    }
                }
                // A bare `word:` is prose or a time: `Token: expired` is not a pair, `Password: x` is.
                if colonInProse {
                    return !dotted && SecretFieldPolicy.isSecretInProse(folded: UnsafeBufferPointer(rebasing: buffer[0..<count]))
                }
                endPart()
                return anyPart
            }
            guard secret || (quoted && isPairValue(keyStart: keyStart, keyEnd: keyEnd)) else { return nil }
            return value(after: i + 1, authorization: isAuthorization, connectionString: b[i] == UInt8(ascii: "="))
        }

        /// Whether the quoted key `Value` follows `"Name":"ClientSecret",` (or `"Key":…`): PowerShell
        /// writes a dictionary or WMI property list as such pairs, and the secret is the `Value`.
        private func isPairValue(keyStart: Int, keyEnd: Int) -> Bool {
            guard keyEnd - keyStart == 5, matches("value", at: keyStart, ignoringCase: true) else { return false }
            func back(_ p: Int) -> Int { var p = p; while p >= 0, Self.isBlank(b[p]) { p -= 1 }; return p }
            var p = back(keyStart - 2)
            guard p >= 0, b[p] == UInt8(ascii: ",") else { return false }
            p = back(p - 1)
            guard p >= 0, b[p] == UInt8(ascii: "\"") else { return false }
            let nameEnd = p
            p -= 1
            while p >= 0, b[p] != UInt8(ascii: "\""), nameEnd - p <= SecretFieldPolicy.maximumNameLength { p -= 1 }
            guard p >= 0, b[p] == UInt8(ascii: "\"") else { return false }
            let nameStart = p + 1
            p = back(p - 1)
            guard p >= 0, b[p] == UInt8(ascii: ":") else { return false }
            p = back(p - 1)
            guard p >= 5, b[p] == UInt8(ascii: "\"") else { return false }
            let isName = matches("name", at: p - 4, ignoringCase: true) && b[p - 5] == UInt8(ascii: "\"")
            let isKey = matches("key", at: p - 3, ignoringCase: true) && b[p - 4] == UInt8(ascii: "\"")
            guard isName || isKey else { return false }
            let name = String(decoding: UnsafeBufferPointer(rebasing: b[nameStart..<nameEnd]), as: UTF8.self)
            return SecretFieldPolicy.isSecret(fieldName: name)
        }

        /// Redacts the value starting at `start` (after blanks and an opening quote). After `=`, a
        /// value followed on its line by `;` before any other `=` is a connection string's, which
        /// may hold spaces (`Password=my pass phrase;`): it runs to the `;`.
        private mutating func value(after start: Int, authorization: Bool, connectionString: Bool = false) -> Int? {
            var v = start
            while v < b.count, Self.isBlank(b[v]) { v += 1 }
            guard v < b.count else { return nil }
            if Self.isQuote(b[v]) {
                let quote = b[v]
                var e = v + 1
                while e < b.count, b[e] != quote { e += b[e] == UInt8(ascii: "\\") ? 2 : 1 }
                return redactValue(v + 1..<min(e, b.count), authorization: authorization)
            }
            // An object or array value holds its own pairs, looked at in turn.
            if b[v] == UInt8(ascii: "{") || b[v] == UInt8(ascii: "[") { return nil }
            var t = v
            // `Authorization: Bearer abc` keeps its scheme: it says what was redacted.
            if authorization {
                let scheme = wordEnd(v)
                var after = scheme
                while after < b.count, Self.isBlank(b[after]) { after += 1 }
                if scheme > v, after > scheme, after < b.count { t = after }
            }
            if matches("[redacted]", at: t) { return t + 10 }
            var e = t
            while e < b.count, !Self.endsUnquotedValue(b[e]) { e += 1 }
            if connectionString, e < b.count, Self.isBlank(b[e]) {
                var p = e
                while p < b.count, b[p] != UInt8(ascii: ";"), b[p] != UInt8(ascii: "="), b[p] >= 0x20 || b[p] == 0x09 { p += 1 }
                if p < b.count, b[p] == UInt8(ascii: ";") { e = p }
            }
            if e - t == 4, matches("null", at: t) { return nil }
            return redactValue(t..<e, authorization: false)
        }

        /// The end of the letters starting at `v`: an Authorization header's scheme.
        private func wordEnd(_ v: Int) -> Int {
            var e = v
            while e < b.count, b[e] &- UInt8(ascii: "A") < 26 || b[e] &- UInt8(ascii: "a") < 26 { e += 1 }
            return e
        }

        private static func endsUnquotedValue(_ c: UInt8) -> Bool {
            switch c {
            case 0x00...0x20, 0x7F, UInt8(ascii: ";"), UInt8(ascii: "&"), UInt8(ascii: "\""), UInt8(ascii: "'"),
                 UInt8(ascii: ","), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "}"), UInt8(ascii: "]"),
                 UInt8(ascii: ")"): true
            default: false
            }
        }

        private mutating func redactValue(_ range: Range<Int>, authorization: Bool) -> Int? {
            var range = range
            // `Authorization: Bearer abc` keeps its scheme: it says what was redacted.
            if authorization {
                let scheme = wordEnd(range.lowerBound)
                if scheme < range.upperBound, Self.isBlank(b[scheme]) {
                    var t = scheme
                    while t < range.upperBound, Self.isBlank(b[t]) { t += 1 }
                    range = t..<range.upperBound
                }
            }
            guard !range.isEmpty, !isMarker(range) else { return nil }
            return replace(range, with: marker)
        }

        /// Whether the text is already the marker (white space around it aside): redacting twice
        /// changes nothing and counts nothing.
        private func isMarker(_ range: Range<Int>) -> Bool {
            var lower = range.lowerBound, upper = range.upperBound
            while lower < upper, b[lower] <= 0x20 { lower += 1 }
            while upper > lower, b[upper - 1] <= 0x20 { upper -= 1 }
            return upper - lower == 10 && matches("[redacted]", at: lower)
        }

        // MARK: - Tokens

        /// At `B`/`b`: `Bearer <token>` or `Basic <token>` when the token looks like one.
        private mutating func bareToken(at i: Int) -> Int? {
            if i > 0, Self.isKeyByte(b[i - 1]) { return nil }
            let wordLength: Int
            if matches("bearer", at: i, ignoringCase: true) {
                wordLength = 6
            } else if matches("basic", at: i, ignoringCase: true) {
                wordLength = 5
            } else {
                return nil
            }
            var t = i + wordLength
            guard t < b.count, Self.isBlank(b[t]) else { return nil }
            while t < b.count, Self.isBlank(b[t]) { t += 1 }
            // A token starts with a letter or digit (`Bearer -----BEGIN …` is a PEM block's).
            guard t < b.count, b[t] &- UInt8(ascii: "0") < 10 || b[t] | 0x20 &- UInt8(ascii: "a") < 26 else { return nil }
            var e = t
            while e < b.count, Self.isTokenByte(b[e]) { e += 1 }
            guard e - t >= minimumBareTokenLength, !isMarker(t..<e), looksRandom(t..<e) else { return nil }
            return replace(t..<e, with: marker)
        }

        /// A digit, a symbol, or a capital after the first letter: "Authentication" is a word,
        /// `dXNlcjpwYXNz` and `eyJhbGci…` are not.
        private func looksRandom(_ range: Range<Int>) -> Bool {
            for p in range {
                let c = b[p]
                if c &- UInt8(ascii: "0") < 10 { return true }
                if !(c &- UInt8(ascii: "a") < 26 || c &- UInt8(ascii: "A") < 26) { return true }
                if p > range.lowerBound, c &- UInt8(ascii: "A") < 26 { return true }
            }
            return false
        }

        /// At the `e` of `eyJ`: a JWT, three base64url segments separated by dots, the first starting `eyJ`
        /// (`{"` encoded).
        private mutating func jwt(at i: Int) -> Int? {
            guard matches("eyJ", at: i), i == 0 || !Self.isBase64URLByte(b[i - 1]) else { return nil }
            var e = i
            var segments = 1
            var segmentStart = i
            while e < b.count {
                if Self.isBase64URLByte(b[e]) {
                    e += 1
                } else if b[e] == UInt8(ascii: "."), segments < 3 {
                    guard e - segmentStart >= minimumJWTSegmentLength else { return nil }
                    segments += 1
                    e += 1
                    segmentStart = e
                } else {
                    break
                }
            }
            guard segments == 3 else { return nil }
            return replace(i..<e, with: "JWT " + marker)
        }

        // MARK: - PEM

        /// At `-`: `-----BEGIN … PRIVATE KEY-----`: its body, up to the `-----END` line or the end
        /// of the text, becomes the marker; the BEGIN and END lines stay and say what it was.
        private mutating func pem(at i: Int) -> Int? {
            guard matches("-----BEGIN ", at: i) else { return nil }
            var e = i + 11
            while e < b.count, b[e] != UInt8(ascii: "-"), b[e] != 0x0A, e - i < 80 { e += 1 }
            guard matches("-----", at: e) else { return nil }
            guard ASCIISearch.containsIgnoringCase(UnsafeBufferPointer(rebasing: b[(i + 11)..<e]), "private key") else { return e + 5 }
            let body = (e + 5)..<(find("-----END ", from: e + 5) ?? b.count)
            guard !body.isEmpty, !isMarker(body) else { return body.upperBound }
            let lines = UnsafeBufferPointer(rebasing: b[body]).contains(0x0A) ? "\n" : ""
            return replace(body, with: lines + marker + (body.upperBound < b.count ? lines : ""))
        }

        private func find(_ needle: StaticString, from start: Int) -> Int? {
            var p = start
            while p < b.count {
                if b[p] == needle.utf8Start[0], matches(needle, at: p) { return p }
                p += 1
            }
            return nil
        }
    }
}
