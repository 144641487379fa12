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
        return try text(key, m)
    }

    /// The string member's text; bytes that are not UTF-8, or an escaped lone surrogate, reject it.
    private func text(_ key: Key, _ m: Member) throws(LineRejection) -> String {
        let body = valueBytes(m)
        if let bad = UTF8Check.firstInvalidByte(body) {
            throw UTF8Check.rejection(field: "\(key)", bytes: body, offset: bad, column: m.start + 2 + bad)
        }
        var loneSurrogate = false
        let text = JSONObjectScanner.decodeString(bytes, start: m.start, end: m.end, hasEscapes: m.hasEscapes,
                                                  loneSurrogate: &loneSurrogate)
        if loneSurrogate {
            throw LineRejection(field: "\(key)", value: raw(m), "holds a \\u escape of half a UTF-16 surrogate pair, which is no character")
        }
        return text
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

    /// A non-empty name (gateway, server, endpoint), trimmed, at most ``ValueLimits/maximumNameBytes``.
    ///
    /// Names repeat on almost every line, so the same bytes give back the same shared string.
    mutating func requiredName(_ key: Key) throws(LineRejection) -> String {
        guard let m = member(key), m.kind != .null else { throw LineRejection(field: "\(key)", "is missing") }
        guard m.kind == .string else { throw LineRejection(field: "\(key)", value: raw(m), "is not a string") }
        let value: String
        if m.hasEscapes {
            value = secrets.redacted(try text(key, m).trimmingSpaces)
        } else {
            var body = valueBytes(m)
            while let first = body.first, first == 0x20 || first == 0x09 { body = UnsafeBufferPointer(rebasing: body.dropFirst()) }
            while let last = body.last, last == 0x20 || last == 0x09 { body = UnsafeBufferPointer(rebasing: body.dropLast()) }
            // Bytes that are not UTF-8 are never interned; text(_:_:) then says where they go wrong.
            var redactions = 0
            if let name = names.string(body, redactions: &redactions) { value = name } else { value = try text(key, m) }
            if redactions > 0 { secrets.count(redactions) }
        }
        guard !value.isEmpty else { throw LineRejection(field: "\(key)", value: "\"\"", "is empty") }
        guard value.utf8.count <= ValueLimits.maximumNameBytes else {
            throw LineRejection.tooLong(field: "\(key)", value: value)
        }
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

    /// A GB figure (`*_gb`) in bytes, read exactly from the number as written (`31.4`) or from a
    /// decimal string (`"31.4"`, `"31,4"`); see ``GigabyteDecimal``.
    mutating func optionalGigabytes(_ key: Key) throws(LineRejection) -> Int64? {
        guard let m = member(key), m.kind != .null else { return nil }
        let text: String
        switch m.kind {
        case .number: text = raw(m)
        case .string: text = try self.text(key, m)
        default: throw LineRejection(field: "\(key)", value: raw(m), "is not a number of GB (like 1.27)")
        }
        let reading = GigabyteDecimal.read(text)
        if case .bytes(let bytes) = reading { return bytes }
        // Quoted as written, so an out-of-range figure reads as it does for integers.
        let shown = m.kind == .string && reading != .outOfRange ? raw(m) : text
        if let problem = GigabyteDecimal.rejection(reading, field: "\(key)", value: shown) { throw problem }
        return nil
    }

    /// A JSON integer from 0 to `limit` (by default the limit of a sample's counts and bytes);
    /// `limitText` says the limit in a message when it needs more words than its number (built
    /// only for a message: this runs for every count of every line).
    mutating func optionalInteger(_ key: Key, limit: Int64 = ValueLimits.maximumSampleValue,
                                  limitText: @autoclosure () -> String? = nil) throws(LineRejection) -> Int64? {
        guard let m = member(key), m.kind != .null else { return nil }
        let text = UnsafeBufferPointer(rebasing: bytes[m.start..<m.end])
        func outOfRange() -> LineRejection {
            .outOfRange(field: "\(key)", value: raw(m), limit: limitText() ?? "(limit \(limit))")
        }
        guard m.kind == .number, let value = Self.integer(text), value >= 0 else {
            if m.kind == .number, Self.isDigits(text) { throw outOfRange() }
            throw LineRejection(field: "\(key)", value: raw(m), "is not a non-negative integer")
        }
        guard value <= limit else { throw outOfRange() }
        return value
    }

    mutating func requiredInteger(_ key: Key, limit: Int64 = ValueLimits.maximumSampleValue,
                                  limitText: @autoclosure () -> String? = nil) throws(LineRejection) -> Int64 {
        guard let value = try optionalInteger(key, limit: limit, limitText: limitText()) else {
            throw LineRejection(field: "\(key)", "is missing")
        }
        return value
    }

    /// A request or response count of a sample over `intervalSeconds` (``ValueLimits/maximumRequests(intervalSeconds:)``).
    mutating func requiredRequestCount(_ key: Key, intervalSeconds: Int64) throws(LineRejection) -> Int64 {
        try requiredInteger(key, limit: ValueLimits.maximumRequests(intervalSeconds: intervalSeconds),
                            limitText: ValueLimits.requestLimitText(intervalSeconds: intervalSeconds))
    }

    /// A JSON integer in a range that has a meaning (a percentage, a status), rejected with `reason` outside it.
    mutating func optionalInteger(_ key: Key, in range: ClosedRange<Int64>, _ reason: String) throws(LineRejection) -> Int64? {
        guard let m = member(key), m.kind != .null else { return nil }
        guard m.kind == .number, let value = Self.integer(UnsafeBufferPointer(rebasing: bytes[m.start..<m.end])),
              range.contains(value)
        else { throw LineRejection(field: "\(key)", value: raw(m), reason) }
        return value
    }

    mutating func requiredInteger(_ key: Key, in range: ClosedRange<Int64>, _ reason: String) throws(LineRejection) -> Int64 {
        guard let value = try optionalInteger(key, in: range, reason) else { throw LineRejection(field: "\(key)", "is missing") }
        return value
    }

    mutating func requiredInterval() throws(LineRejection) -> Int64 {
        let value = try requiredInteger("interval_s", limit: ValueLimits.maximumIntervalSeconds)
        guard value >= 1 else { throw LineRejection(field: "interval_s", value: String(value), "is not a positive whole number of seconds") }
        return value
    }

    /// A non-negative number up to `limit`, rounded to the nearest integer (averages may carry fractions).
    mutating func optionalRoundedNumber(_ key: Key, limit: Int64) throws(LineRejection) -> Int64? {
        guard let m = member(key), m.kind != .null else { return nil }
        if m.kind == .number, let whole = Self.integer(UnsafeBufferPointer(rebasing: bytes[m.start..<m.end])), whole >= 0 {
            guard whole <= limit else { throw LineRejection.outOfRange(field: "\(key)", value: raw(m), limit: limit) }
            return whole
        }
        let text = raw(m)
        // Double() reads 1e400 as infinity, which the limit then rejects as out of range.
        guard m.kind == .number, let value = Double(text), value >= 0 else {
            throw LineRejection(field: "\(key)", value: text, "is not a non-negative number")
        }
        guard value.rounded() <= Double(limit) else { throw LineRejection.outOfRange(field: "\(key)", value: text, limit: limit) }
        return Int64(value.rounded())
    }

    /// Whether a JSON number's text is a whole number written in digits only (which
    /// ``integer(_:)`` reads unless it is too large).
    static func isDigits(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        !b.isEmpty && b.allSatisfy { $0 &- UInt8(ascii: "0") < 10 }
    }

    /// Parses a JSON number's text as an Int64 when it has no fraction or exponent and fits.
    static func integer(_ b: UnsafeBufferPointer<UInt8>) -> Int64? {
        var i = 0
        let negative = b.first == UInt8(ascii: "-")
        if negative { i = 1 }
        guard let value = ASCIIDigits.integer(b, i..<b.count) else { return nil }
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
            if m.kind == .string, !m.hasEscapes, RFC3339.isLeapSecond(valueBytes(m)) {
                throw LineRejection(field: "\(key)", value: raw(m), RFC3339.leapSecondReason)
            }
            throw LineRejection(field: "\(key)", value: raw(m), "is not an RFC 3339 time with Z or an offset (like 2026-10-01T00:05:00Z)")
        }
        guard ValueLimits.isStorable(instant) else { throw ValueLimits.instantOutOfRange(field: "\(key)", value: raw(m)) }
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
            if SecretFieldPolicy.dropsMember(named: name) {
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
            if SecretFieldPolicy.dropsMember(named: scanner.key(of: m, in: bytes)) { droppedSecretFields += 1 }
        }
    }

    /// A text member that is stored (a note, a description, a site code), with secret-looking
    /// values redacted.
    mutating func optionalText(_ key: Key) throws(LineRejection) -> String? {
        guard let m = member(key), m.kind != .null else { return nil }
        guard m.kind == .string else { throw LineRejection(field: "\(key)", value: raw(m), "is not a string") }
        return secrets.redacted(try text(key, m))
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
