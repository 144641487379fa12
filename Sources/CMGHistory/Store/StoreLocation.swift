/// Which store a `--db` value (or `CMG_HISTORY_DB`) names: an SQLite file or a PostgreSQL schema.
///
/// - `PATH` or `sqlite:PATH` (also `sqlite:///abs/path`): an SQLite file.
/// - `postgres://[user@][host][:port][/dbname][?schema=NAME&sslmode=…&connect_timeout=N]`, or
///   `postgresql://…`: one tenant's schema in a PostgreSQL database (`schema` defaults to
///   ``PostgresLocation/defaultSchema``).
///
/// A URL never carries a password: one with `user:password@` or `password=` is refused, saying
/// to use `PGPASSWORD`, `~/.pgpass` or `--password-file`, and the message does not repeat it.
/// Every part is checked as hostile input (control characters, percent escapes, lengths, the
/// port's range, schema names).
///
/// ```swift
/// let location = try StoreLocation("postgres://collector@db.contoso.com/cmg?schema=contoso")
/// print(location.displayForm)   // postgres://collector@db.contoso.com:5432/cmg?schema=contoso
/// ```
public enum StoreLocation: Sendable, Equatable {
    /// An SQLite database file.
    case sqlite(path: String)
    /// A schema in a PostgreSQL database.
    case postgres(PostgresLocation)

    /// The longest value read: a URL or path longer than this is a mistake, not a location.
    static let maximumLength = 4096

    /// Parses a `--db` value; throws a ``StoreLocationError`` saying what is wrong.
    public init(_ text: String) throws(StoreLocationError) {
        guard !text.isEmpty else { throw .empty }
        guard text.utf8.count <= Self.maximumLength else { throw .tooLong(limit: Self.maximumLength) }
        guard !text.unicodeScalars.contains(where: StoreLocationError.isControl) else { throw .controlCharacters }
        if let rest = Self.dropScheme("postgres", from: text) ?? Self.dropScheme("postgresql", from: text) {
            self = .postgres(try PostgresLocation(afterScheme: rest))
        } else if text.lowercased().hasPrefix("sqlite:") {
            var path = String(text.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path.removeFirst(2) }
            guard !path.isEmpty else { throw .emptyPath }
            self = .sqlite(path: path)
        } else if let separator = text.range(of: "://") {
            // A path holding "://" is far likelier a URL of a database we do not speak.
            throw .unknownScheme(String(text[..<separator.lowerBound].prefix(20)))
        } else {
            self = .sqlite(path: text)
        }
    }

    /// The location to show in logs and output: the path, or the URL without any password
    /// (none is ever kept) and with every default filled in.
    public var displayForm: String {
        switch self {
        case let .sqlite(path): path
        case let .postgres(location): location.displayForm
        }
    }

    /// What follows `scheme://` when `text` starts with it (in any case), else nil.
    private static func dropScheme(_ scheme: String, from text: String) -> Substring? {
        let prefix = scheme + "://"
        guard text.count >= prefix.count, text.prefix(prefix.count).lowercased() == prefix else { return nil }
        return text.dropFirst(prefix.count)
    }
}

/// Why a `--db` value is not a location. The descriptions never repeat a password.
public enum StoreLocationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An empty value.
    case empty
    /// Longer than any path or URL we read.
    case tooLong(limit: Int)
    /// Control characters (a pasted line break, an escape sequence).
    case controlCharacters
    /// `sqlite:` with nothing after it.
    case emptyPath
    /// `scheme://` of a database this tool does not speak.
    case unknownScheme(String)
    /// The URL holds a password (`user:password@` or `password=`); it was not kept.
    case passwordInURL
    /// A percent escape that is not `%` and two hex digits, or that decodes to bytes that are not UTF-8.
    case badPercentEscape(part: String)
    /// A part too long for PostgreSQL (user and database names are at most 63 bytes).
    case partTooLong(part: String, limit: Int)
    /// A host that is not a host name or address.
    case badHost(String)
    /// A port that is not a number from 1 to 65535.
    case badPort(String)
    /// A schema name outside the rules ``PostgresLocation/checkSchemaName(_:)`` states.
    case badSchema(String, reason: String)
    /// A query parameter this tool does not know.
    case unknownParameter(String)
    /// A known query parameter with a value it cannot take.
    case badParameter(name: String, value: String, reason: String)
    /// The same query parameter twice.
    case repeatedParameter(String)

    /// What is wrong, without naming the option it came from: the CLI prefixes its flag
    /// (`--db`, `--from`, `--to`), a library user their own setting's name.
    public var reason: String {
        switch self {
        case .empty: "empty; give a file path, sqlite:PATH or postgres://user@host:5432/dbname?schema=NAME"
        case let .tooLong(limit): "longer than \(limit) bytes"
        case .controlCharacters: "holds control characters (a line break or escape pasted with it?)"
        case .emptyPath: "sqlite: names no file; write sqlite:PATH"
        case let .unknownScheme(scheme):
            "\(VisibleText.escape(scheme))://…: not a database this tool speaks; use a file path, sqlite:PATH or postgres://…"
        case .passwordInURL:
            "the PostgreSQL URL holds a password, which would show in process lists, shell history and logs; "
                + "it was not used. Remove it from the URL and put it in PGPASSWORD, in ~/.pgpass "
                + "(%APPDATA%\\postgresql\\pgpass.conf on Windows), or in a file named by --password-file"
        case let .badPercentEscape(part): "the \(part) holds a % escape that is not %XX of UTF-8 text"
        case let .partTooLong(part, limit): "the \(part) is longer than PostgreSQL's \(limit) bytes"
        case let .badHost(host): "host \"\(VisibleText.escape(host))\" is not a host name or address"
        case let .badPort(port): "port \"\(VisibleText.escape(port))\" is not a number from 1 to 65535"
        case let .badSchema(schema, reason): "schema \"\(VisibleText.escape(schema))\" \(reason)"
        case let .unknownParameter(name):
            "unknown URL parameter \"\(VisibleText.escape(name))\"; known are schema, sslmode and connect_timeout"
        case let .badParameter(name, value, reason): "\(name)=\(VisibleText.escape(value)): \(reason)"
        case let .repeatedParameter(name): "the URL parameter \(VisibleText.escape(name)) is given twice"
        }
    }

    public var description: String { "database location: \(reason)" }

    /// C0 controls, DEL and C1 controls: never part of a path or URL typed on purpose.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
