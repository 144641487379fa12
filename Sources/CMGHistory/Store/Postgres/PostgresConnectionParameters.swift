import Foundation

/// Where and as whom to connect to PostgreSQL: what libpq's `PQconnectdbParams` takes.
///
/// A password is set only from a password file (``init(location:passwordFile:)``); without one,
/// libpq itself reads `PGPASSWORD` or `~/.pgpass`, so a password never passes through a URL, a
/// command line or a log. The description omits it.
public struct PostgresConnectionParameters: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The server's host name or address; nil for libpq's default (`PGHOST`, else the local socket).
    public var host: String?
    /// The TCP port; nil for libpq's default (`PGPORT`, else 5432).
    public var port: Int?
    /// The role to log in as; nil for libpq's default (`PGUSER`, else the operating-system user).
    public var user: String?
    /// The database; nil for libpq's default (`PGDATABASE`, else the user name).
    public var database: String?
    /// libpq's `sslmode` (`disable` … `verify-full`); nil for its default (`prefer`).
    public var sslMode: String?
    /// Seconds to wait for the server before giving up; nil waits as libpq does by default.
    public var connectTimeoutSeconds: Int?
    /// What `pg_stat_activity` shows for our sessions.
    public var applicationName = "cmg-history"
    /// The password read from a password file, or nil to let libpq find one itself.
    var password: String?

    /// Parameters naming no server: libpq's environment variables and defaults decide.
    public init() {}

    /// The parameters of a parsed `postgres://` location, with the password from `passwordFile`
    /// when one is given.
    ///
    /// The file holds the password on its first line (a trailing line break is not part of it);
    /// only the file's path ever appears in an error, never its content.
    public init(location: PostgresLocation, passwordFile: URL? = nil) throws(PostgresPasswordFileError) {
        host = location.host
        port = location.port
        user = location.user
        database = location.database
        sslMode = location.sslMode
        connectTimeoutSeconds = location.connectTimeoutSeconds
        if let passwordFile { password = try Self.readPassword(passwordFile) }
    }

    /// Whether a password file gave the password.
    public var hasPassword: Bool { password != nil }

    /// The keyword/value pairs for `PQconnectdbParams`, password included: only the connection
    /// reads them.
    var keywordValues: [(String, String)] {
        var pairs: [(String, String)] = []
        if let host { pairs.append(("host", host)) }
        if let port { pairs.append(("port", String(port))) }
        if let user { pairs.append(("user", user)) }
        if let database { pairs.append(("dbname", database)) }
        if let password { pairs.append(("password", password)) }
        if let sslMode { pairs.append(("sslmode", sslMode)) }
        if let connectTimeoutSeconds { pairs.append(("connect_timeout", String(connectTimeoutSeconds))) }
        pairs.append(("application_name", applicationName))
        pairs.append(("client_encoding", "UTF8"))
        return pairs
    }

    public var description: String {
        let fields = keywordValues.filter { $0.0 != "password" }.map { "\($0.0)=\($0.1)" }
        return fields.joined(separator: " ") + (password == nil ? "" : " password=[from the password file]")
    }

    public var debugDescription: String { description }

    // A dump (`dump(parameters)`, a test failure's printout) shows the description, not the password.
    public var customMirror: Mirror { Mirror(self, children: ["description": description]) }

    /// The longest password file read: a password is short; a large file is the wrong file.
    static let passwordFileLimit = 4096

    /// The first line of `file`, without its line break; refused when empty or not UTF-8.
    static func readPassword(_ file: URL) throws(PostgresPasswordFileError) -> String {
        let data: Data
        do {
            let handle = try FileHandle(forReadingFrom: file)
            defer { try? handle.close() }
            data = try handle.read(upToCount: passwordFileLimit + 1) ?? Data()
        } catch {
            throw .unreadable(path: file.path, reason: (error as NSError).localizedDescription)
        }
        guard data.count <= passwordFileLimit else { throw .tooLarge(path: file.path, limit: passwordFileLimit) }
        guard let text = String(data: data, encoding: .utf8) else { throw .notUTF8(path: file.path) }
        // "\r\n" is one Character, so the first line ends at the first newline of any kind.
        let password = String(text[..<(text.firstIndex(where: \.isNewline) ?? text.endIndex)])
        guard !password.isEmpty else { throw .empty(path: file.path) }
        guard !password.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw .controlCharacters(path: file.path)
        }
        return password
    }
}

/// Why a `--password-file` could not give a password. Names the file, never what it holds.
public enum PostgresPasswordFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be opened or read.
    case unreadable(path: String, reason: String)
    /// The file is larger than any password.
    case tooLarge(path: String, limit: Int)
    /// The file is not UTF-8 text.
    case notUTF8(path: String)
    /// The first line is empty.
    case empty(path: String)
    /// The first line holds control characters (a binary file, or a key file given by mistake).
    case controlCharacters(path: String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason): "--password-file \(VisibleText.escape(path)): cannot read it: \(reason)"
        case let .tooLarge(path, limit): "--password-file \(VisibleText.escape(path)): larger than \(limit) bytes, so not a password file"
        case let .notUTF8(path): "--password-file \(VisibleText.escape(path)): not UTF-8 text"
        case let .empty(path): "--password-file \(VisibleText.escape(path)): its first line is empty; write the password on it"
        case let .controlCharacters(path): "--password-file \(VisibleText.escape(path)): its first line holds control characters, so it is not a password"
        }
    }
}
