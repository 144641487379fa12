import Foundation

/// Typed, validated access to the members of one scanned NDJSON line.
///
/// Every accessor marks its member as used; whatever is left becomes the record's `extra` JSON.
/// Each failure is a ``LineRejection`` that names the field and quotes the value.
struct Fields {
    typealias Member = JSONObjectScanner.Member
    typealias Key = StaticString
    let bytes: UnsafeBufferPointer<UInt8>
    let scanner: JSONObjectScanner
    let names: StringInterner
    private var used: UInt64 = 0
    /// Where the next lookup starts: writers put fields in the same order on every line, so
    /// the member after the last one found is nearly always the next one asked for.
    private var hint = 0

    init(bytes: UnsafeBufferPointer<UInt8>, scanner: JSONObjectScanner, names: StringInterner) {
        self.bytes = bytes
        self.scanner = scanner
        self.names = names
    }

    private var members: [Member] { scanner.members }

    private mutating func member(_ key: Key) -> Member? {
        let members = self.members
        let count = members.count
        guard count > 0 else { return nil }
        var index = hint < count ? hint : 0
        for _ in 0..<count {
            if scanner.hasKey(members[index], key, in: bytes) {
                if index < 64 { used |= 1 << UInt64(index) }
                hint = index + 1
                return members[index]
            }
            index = index + 1 == count ? 0 : index + 1
        }
        return nil
    }

    private func raw(_ m: Member) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[m.start..<m.end]), as: UTF8.self)
    }

    private func valueBytes(_ m: Member) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[(m.start + 1)..<(m.end - 1)])
    }

    // MARK: - Strings

    mutating func optionalString(_ key: Key) throws(LineRejection) -> String? {
        guard let m = member(key), m.kind != .null else { return nil }
        guard m.kind == .string else { throw LineRejection(field: "\(key)", value: raw(m), "is not a string") }
        return JSONObjectScanner.decodeString(bytes, start: m.start, end: m.end, hasEscapes: m.hasEscapes)
    }

    /// Whether the string member `key` is exactly `word` (compared as bytes, without decoding).
    mutating func string(_ key: Key, is word: StaticString) -> Bool {
        guard let m = member(key), m.kind == .string, !m.hasEscapes, m.end - m.start - 2 == word.utf8CodeUnitCount,
              let base = bytes.baseAddress
        else { return false }
        return memcmp(base + m.start + 1, word.utf8Start, word.utf8CodeUnitCount) == 0
    }

    mutating func requiredString(_ key: Key) throws(LineRejection) -> String {
        guard let value = try optionalString(key) else { throw LineRejection(field: "\(key)", "is missing") }
        return value
    }

    /// A non-empty name (gateway, server, endpoint), trimmed, at most 255 bytes.
    ///
    /// Names repeat on almost every line, so the same bytes give back the same shared string.
    mutating func requiredName(_ key: Key) throws(LineRejection) -> String {
        guard let m = member(key), m.kind != .null else { throw LineRejection(field: "\(key)", "is missing") }
        guard m.kind == .string else { throw LineRejection(field: "\(key)", value: raw(m), "is not a string") }
        let value: String
        if m.hasEscapes {
            value = secrets.redacted(JSONObjectScanner.decodeString(bytes, start: m.start, end: m.end, hasEscapes: true).trimmingSpaces)
        } else {
            var body = valueBytes(m)
            while let first = body.first, first == 0x20 || first == 0x09 { body = UnsafeBufferPointer(rebasing: body.dropFirst()) }
            while let last = body.last, last == 0x20 || last == 0x09 { body = UnsafeBufferPointer(rebasing: body.dropLast()) }
            var redactions = 0
            value = names.string(body, redactions: &redactions)
            if redactions > 0 { secrets.count(redactions) }
        }
        guard !value.isEmpty else { throw LineRejection(field: "\(key)", value: "\"\"", "is empty") }
        guard value.utf8.count <= 255 else { throw LineRejection(field: "\(key)", value: value, "is longer than 255 bytes") }
        return value
    }

    mutating func gatewayName() throws(LineRejection) -> String { try requiredName("gateway") }

    // MARK: - Numbers

    /// A JSON integer of any sign, or nil when absent or null.
    mutating func optionalSignedInteger(_ key: Key) throws(LineRejection) -> Int64? {
        guard let m = member(key), m.kind != .null else { return nil }
        guard m.kind == .number, let value = Self.integer(UnsafeBufferPointer(rebasing: bytes[m.start..<m.end])) else {
            throw LineRejection(field: "\(key)", value: raw(m), "is not a whole number")
        }
        return value
    }

    mutating func optionalInteger(_ key: Key, in range: ClosedRange<Int64> = 0...Int64.max,
                                  _ reason: String = "is not a non-negative integer") throws(LineRejection) -> Int64? {
        guard let m = member(key), m.kind != .null else { return nil }
        guard m.kind == .number, let value = Self.integer(UnsafeBufferPointer(rebasing: bytes[m.start..<m.end])),
              range.contains(value)
        else { throw LineRejection(field: "\(key)", value: raw(m), reason) }
        return value
    }

    mutating func requiredInteger(_ key: Key, in range: ClosedRange<Int64> = 0...Int64.max,
                                  _ reason: String = "is not a non-negative integer") throws(LineRejection) -> Int64 {
        guard let value = try optionalInteger(key, in: range, reason) else { throw LineRejection(field: "\(key)", "is missing") }
        return value
    }

    mutating func requiredInterval() throws(LineRejection) -> Int64 {
        try requiredInteger("interval_s", in: 1...Int64.max, "is not a positive whole number of seconds")
    }

    /// A non-negative number, rounded to the nearest integer (averages may carry fractions).
    mutating func optionalRoundedNumber(_ key: Key) throws(LineRejection) -> Int64? {
        guard let m = member(key), m.kind != .null else { return nil }
        if m.kind == .number, let whole = Self.integer(UnsafeBufferPointer(rebasing: bytes[m.start..<m.end])), whole >= 0 {
            return whole
        }
        let text = raw(m)
        guard m.kind == .number, let value = Double(text), value >= 0, value < 9e18 else {
            throw LineRejection(field: "\(key)", value: text, "is not a non-negative number")
        }
        return Int64(value.rounded())
    }

    /// Parses a JSON number's text as an Int64 when it has no fraction or exponent and fits.
    static func integer(_ b: UnsafeBufferPointer<UInt8>) -> Int64? {
        var i = 0
        let negative = b.first == UInt8(ascii: "-")
        if negative { i = 1 }
        guard i < b.count else { return nil }
        var value: Int64 = 0
        while i < b.count {
            let digit = b[i] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (plus, o2) = times.addingReportingOverflow(Int64(digit))
            guard !o1, !o2 else { return nil }
            value = plus
            i += 1
        }
        return negative ? -value : value
    }

    // MARK: - Booleans and times

    mutating func optionalBool(_ key: Key) throws(LineRejection) -> Bool? {
        guard let m = member(key), m.kind != .null else { return nil }
        switch m.kind {
        case .true: return true
        case .false: return false
        default: throw LineRejection(field: "\(key)", value: raw(m), "is not true or false")
        }
    }

    mutating func optionalTime(_ key: Key) throws(LineRejection) -> UnixSeconds? {
        guard let m = member(key), m.kind != .null else { return nil }
        guard m.kind == .string, !m.hasEscapes, let instant = RFC3339.parse(valueBytes(m)) else {
            throw LineRejection(field: "\(key)", value: raw(m), "is not an RFC 3339 time with Z or an offset (like 2026-10-01T00:05:00Z)")
        }
        return instant
    }

    mutating func requiredTime(_ key: Key) throws(LineRejection) -> UnixSeconds {
        guard let value = try optionalTime(key) else { throw LineRejection(field: "\(key)", "is missing") }
        return value
    }

    // MARK: - Extra fields

    /// The members no accessor asked for, as a JSON object, or nil when there are none.
    /// Secret-named members are left out at every depth and secret-looking strings redacted
    /// (``JSONSecretFilter``); both are counted in ``secrets``.
    mutating func extraJSON() -> String? {
        extraTaken = true
        var parts: [String] = []
        for (index, m) in members.enumerated() where index >= 64 || used & (1 << UInt64(index)) == 0 {
            let name = scanner.key(of: m, in: bytes)
            if name == "type" { continue }
            if SecretFieldPolicy.isSecret(fieldName: name) {
                droppedSecretFields += 1
                continue
            }
            parts.append("\(Self.jsonString(name)):\(secrets.filter(bytes, m.start..<m.end))")
        }
        return parts.isEmpty ? nil : "{" + parts.joined(separator: ",") + "}"
    }

    /// Whether ``extraJSON()`` was asked for: the record keeps its unknown members.
    private(set) var extraTaken = false
    /// Unknown members dropped for a secret name, at the top level.
    private(set) var droppedSecretFields = 0
    /// What filtering the extra members and redacting free text found, nested names included.
    private(set) var secrets = JSONSecretFilter()

    /// Counts the secret-named members no accessor asked for, when the record keeps no extra:
    /// they are ignored (not stored), and counted as dropped as before.
    mutating func countUnusedSecretMembers() {
        guard !extraTaken else { return }
        for (index, m) in members.enumerated() where index >= 64 || used & (1 << UInt64(index)) == 0 {
            if SecretFieldPolicy.isSecret(fieldName: scanner.key(of: m, in: bytes)) { droppedSecretFields += 1 }
        }
    }

    /// A text member that is stored (a note, a description, a site code), with secret-looking
    /// values redacted.
    mutating func optionalText(_ key: Key) throws(LineRejection) -> String? {
        guard let m = member(key), m.kind != .null else { return nil }
        guard m.kind == .string else { throw LineRejection(field: "\(key)", value: raw(m), "is not a string") }
        return secrets.redacted(JSONObjectScanner.decodeString(bytes, start: m.start, end: m.end, hasEscapes: m.hasEscapes))
    }

    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let s where s.value < 0x20: out += "\\u" + String(repeating: "0", count: 4 - String(s.value, radix: 16).count) + String(s.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
