/// A tenant's schema in a PostgreSQL database, as a `postgres://` URL names it.
///
/// Parsed by ``StoreLocation/init(_:)``; never holds a password (a URL with one is refused).
public struct PostgresLocation: Sendable, Equatable {
    /// The schema used when the URL names none.
    public static let defaultSchema = "cmg_history"
    /// The port used when the URL names none: PostgreSQL's registered port.
    public static let defaultPort = 5432
    /// PostgreSQL's longest identifier (NAMEDATALEN - 1 bytes); a longer one is cut silently by
    /// the server, so two long names could meet in one schema.
    public static let identifierLimit = 63

    /// The role to log in as, nil for libpq's default (`PGUSER`, else the operating-system user).
    public var user: String?
    /// The host name or address (an IPv6 address without brackets); nil for libpq's default.
    public var host: String?
    /// The TCP port.
    public var port: Int
    /// The database, nil for libpq's default (the user name).
    public var database: String?
    /// The tenant's schema: every table of this history lives in it.
    public var schema: String
    /// libpq's `sslmode`, when the URL sets one.
    public var sslMode: String?
    /// libpq's `connect_timeout` in seconds, when the URL sets one.
    public var connectTimeoutSeconds: Int?

    /// A location from its parts; `schema` is checked (``checkSchemaName(_:)``).
    public init(user: String? = nil, host: String? = nil, port: Int = defaultPort, database: String? = nil, schema: String = defaultSchema) throws(StoreLocationError) {
        try Self.checkSchemaName(schema)
        guard (1...65535).contains(port) else { throw .badPort(String(port)) }
        self.user = user
        self.host = host
        self.port = port
        self.database = database
        self.schema = schema
    }

    /// The URL without password, defaults filled in: `postgres://user@host:5432/db?schema=s`.
    public var displayForm: String {
        var text = "postgres://"
        if let user { text += Self.escape(user) + "@" }
        if let host { text += host.contains(":") ? "[\(host)]" : host }
        text += ":\(port)"
        if let database { text += "/" + Self.escape(database) }
        text += "?schema=\(schema)"
        if let sslMode { text += "&sslmode=\(sslMode)" }
        if let connectTimeoutSeconds { text += "&connect_timeout=\(connectTimeoutSeconds)" }
        return VisibleText.escape(text)
    }

    /// Checks a schema name against the rules we hold tenants to: 1 to 63 bytes of lower-case
    /// ASCII letters, digits and `_`, starting with a letter or `_`, and not a name PostgreSQL
    /// reserves (`pg_…`, `information_schema`).
    ///
    /// Stricter than PostgreSQL's own (which allows any text in double quotes): such a name
    /// needs no quoting anywhere, reads the same in every tool, and cannot smuggle SQL into the
    /// `CREATE SCHEMA` and `search_path` it is spliced into.
    public static func checkSchemaName(_ name: String) throws(StoreLocationError) {
        guard !name.isEmpty else { throw .badSchema(name, reason: "is empty") }
        guard name.utf8.count <= identifierLimit else { throw .badSchema(name, reason: "is longer than PostgreSQL's \(identifierLimit) bytes") }
        guard name.utf8.allSatisfy({ isLowerLetter($0) || isDigit($0) || $0 == UInt8(ascii: "_") }) else {
            throw .badSchema(name, reason: "may hold only lower-case letters a-z, digits and _")
        }
        guard let first = name.utf8.first, !isDigit(first) else { throw .badSchema(name, reason: "must start with a letter or _") }
        guard !name.hasPrefix("pg_"), name != "information_schema" else {
            throw .badSchema(name, reason: "is reserved by PostgreSQL (pg_… and information_schema)")
        }
    }

    // MARK: - Parsing

    /// Parses what follows `postgres://`.
    init(afterScheme text: Substring) throws(StoreLocationError) {
        // A password may hold '/', '?' or '@', which would make the split below take part of it
        // for a host, port or path and echo it in an error: any ':' before the last '@' is
        // taken for one, before anything else is looked at. (A name holding '@' is written %40.)
        if let lastAt = text.lastIndex(of: "@"), text[..<lastAt].contains(":") { throw .passwordInURL }
        let (beforeQuery, query) = Self.split(text, at: "?")
        let (authority, path) = Self.split(beforeQuery, at: "/")
        var hostPort = authority
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            guard !userInfo.contains(":") else { throw .passwordInURL }
            user = try Self.decode(userInfo, part: "user name", limit: Self.identifierLimit)
            hostPort = authority[authority.index(after: at)...]
        }
        (host, port) = try Self.parseHostPort(hostPort)
        if let path, !path.isEmpty { database = try Self.decode(path, part: "database name", limit: Self.identifierLimit) }
        schema = Self.defaultSchema
        try parseQuery(query)
        try Self.checkSchemaName(schema)
    }

    /// `text` split at the first `separator`, the separator dropped; nil after when absent.
    private static func split(_ text: Substring, at separator: Character) -> (Substring, Substring?) {
        guard let index = text.firstIndex(of: separator) else { return (text, nil) }
        return (text[..<index], text[text.index(after: index)...])
    }

    private static func parseHostPort(_ text: Substring) throws(StoreLocationError) -> (String?, Int) {
        var host: Substring = text
        var port: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw .badHost(String(text)) }
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { throw .badHost(String(text)) }
                port = rest.dropFirst()
            }
            guard !host.isEmpty, host.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else { throw .badHost(String(host)) }
        } else {
            (host, port) = split(text, at: ":")
            guard host.utf8.allSatisfy({ isLowerLetter($0 | 0x20) || isDigit($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") }),
                  host.utf8.count <= 253
            else { throw .badHost(String(host.prefix(80))) }
        }
        var portNumber = defaultPort
        if let port {
            guard !port.isEmpty, port.utf8.count <= 5, port.utf8.allSatisfy(isDigit),
                  let value = decimal(port), (1...65535).contains(value)
            else { throw .badPort(String(port.prefix(20))) }
            portNumber = value
        }
        return (host.isEmpty ? nil : String(host), portNumber)
    }

    private mutating func parseQuery(_ query: Substring?) throws(StoreLocationError) {
        guard let query, !query.isEmpty else { return }
        var seen: Set<String> = []
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let (rawName, rawValue) = Self.split(pair, at: "=")
            let name = try Self.decode(rawName, part: "URL parameter name")
            if name.lowercased() == "password" { throw .passwordInURL }
            guard seen.insert(name).inserted else { throw .repeatedParameter(name) }
            let value = try Self.decode(rawValue ?? "", part: "value of \(name)")
            switch name {
            case "schema":
                schema = value
            case "sslmode":
                let modes = ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"]
                guard modes.contains(value) else { throw .badParameter(name: name, value: value, reason: "is not one of \(modes.joined(separator: ", "))") }
                sslMode = value
            case "connect_timeout":
                guard value.utf8.count <= 4, value.utf8.allSatisfy(Self.isDigit), let seconds = Self.decimal(Substring(value)), (1...3600).contains(seconds) else {
                    throw .badParameter(name: name, value: value, reason: "is not a number of seconds from 1 to 3600")
                }
                connectTimeoutSeconds = seconds
            default:
                throw .unknownParameter(name)
            }
        }
    }

    /// `text` with its `%XX` escapes decoded; refused when an escape is malformed, the result is
    /// not UTF-8, holds NUL or a control character, or is longer than `limit` bytes.
    private static func decode(_ text: Substring, part: String, limit: Int = StoreLocation.maximumLength) throws(StoreLocationError) -> String {
        var bytes: [UInt8] = []
        var index = text.utf8.startIndex
        let utf8 = text.utf8
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "%") {
                let high = utf8.index(after: index)
                guard high < utf8.endIndex, utf8.index(after: high) < utf8.endIndex,
                      let h = PGText.hexValue(utf8[high]), let l = PGText.hexValue(utf8[utf8.index(after: high)])
                else { throw .badPercentEscape(part: part) }
                bytes.append(h << 4 | l)
                index = utf8.index(high, offsetBy: 2)
            } else {
                bytes.append(byte)
                index = utf8.index(after: index)
            }
        }
        guard let decoded = String(validating: bytes, as: UTF8.self),
              !decoded.unicodeScalars.contains(where: StoreLocationError.isControl)
        else { throw .badPercentEscape(part: part) }
        guard bytes.count <= limit else { throw .partTooLong(part: part, limit: limit) }
        return decoded
    }

    /// The value of up to five decimal digits (checked by the caller to be digits).
    private static func decimal(_ digits: Substring) -> Int? {
        guard digits.utf8.count <= 5 else { return nil }
        return digits.utf8.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    private static func isLowerLetter(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }

    /// `text` percent-escaped where a URL needs it (`@`, `:`, `/`, `?`, `%`, `&`, space).
    private static func escape(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            if isLowerLetter(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || isDigit(byte) || "-._~".utf8.contains(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }
}

private extension String {
    /// The text with zeros in front up to `width` characters.
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
