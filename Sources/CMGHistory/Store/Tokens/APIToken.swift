import Crypto
import Foundation

/// What a bearer token of `cmg-history serve` may do.
public enum TokenScope: String, CaseIterable, Sendable, Codable {
    /// Reports, the dashboard and `/metrics`.
    case read
    /// `POST /api/v1/ingest` only: what a collector on a site server holds.
    case ingest
    /// Everything.
    case admin

    /// Whether a token of this scope may do what `required` names.
    public func allows(_ required: TokenScope) -> Bool {
        self == .admin || self == required
    }
}

/// A bearer token as the history keeps it: its name, scope and dates, never the token itself.
public struct APIToken: Sendable, Equatable, Codable {
    public var name: String
    public var scope: TokenScope
    public var createdAt: UnixSeconds
    /// When the server last let a request in with it (stamped at most once a minute), nil if never.
    public var lastUsedAt: UnixSeconds?
    /// When it was revoked, nil while it is valid.
    public var revokedAt: UnixSeconds?

    public init(name: String, scope: TokenScope, createdAt: UnixSeconds, lastUsedAt: UnixSeconds? = nil, revokedAt: UnixSeconds? = nil) {
        (self.name, self.scope, self.createdAt, self.lastUsedAt, self.revokedAt) = (name, scope, createdAt, lastUsedAt, revokedAt)
    }
}

/// A token's text and the digest stored in its place.
///
/// A token is `cmgh_` and 43 characters of base64url: 256 bits from the system's secure random
/// source, so the stored SHA-256 needs no salt or slow hash (nothing to guess), and a lookup by
/// digest compares no secret byte by byte.
enum TokenSecret {
    static let prefix = "cmgh_"
    /// The length of a token's text.
    static let length = prefix.count + 43

    /// A new token's text.
    static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return prefix + base64URL(bytes)
    }

    /// The digest stored for `token`; nil for text that is not a token's shape (never looked up).
    static func digest(_ token: String) -> [UInt8]? {
        guard token.utf8.count == length, token.hasPrefix(prefix),
              token.utf8.dropFirst(prefix.count).allSatisfy(isBase64URL) else { return nil }
        return Array(SHA256.hash(data: Array(token.utf8)))
    }

    private static func isBase64URL(_ byte: UInt8) -> Bool {
        (65...90).contains(byte) || (97...122).contains(byte) || (48...57).contains(byte) || byte == 45 || byte == 95
    }

    private static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

/// Why a token cannot be created or revoked.
public enum TokenError: Error, Equatable, CustomStringConvertible, LocalizedError {
    /// A name is 1 to 64 visible characters.
    case invalidName(String)
    /// Names are unique, revoked tokens' included.
    case nameTaken(String)
    /// No token has this name.
    case unknown(String)

    public var description: String {
        switch self {
        case .invalidName(let name): "token name \("'\(VisibleText.escape(name))'") is not 1 to 64 letters, digits, '.', '-', '_' or '@'"
        case .nameTaken(let name): "a token named \("'\(VisibleText.escape(name))'") exists already (names stay taken after a revoke)"
        case .unknown(let name): "no token is named \("'\(VisibleText.escape(name))'")"
        }
    }

    public var errorDescription: String? { description }

    /// Checks a token's name: what `token list` can print and a shell can pass unquoted.
    static func check(name: String) throws(TokenError) {
        let allowed = name.utf8.allSatisfy { (65...90).contains($0) || (97...122).contains($0) || (48...57).contains($0) || "._-@".utf8.contains($0) }
        guard (1...64).contains(name.utf8.count), allowed else { throw .invalidName(name) }
    }
}

extension HistoryStore {
    /// Stamps `last_used_at` at most this often: a request is not a write.
    static let tokenUseResolution: Int64 = 60

    /// Creates a token named `name` and returns its text, which is stored nowhere: the caller
    /// hands it to its holder once.
    ///
    /// - throws: ``TokenError`` for a name that is malformed or taken.
    public func createToken(name: String, scope: TokenScope, now: UnixSeconds) throws -> (token: String, record: APIToken) {
        try TokenError.check(name: name)
        let token = TokenSecret.generate()
        guard let digest = TokenSecret.digest(token) else { preconditionFailure("a generated token has a token's shape") }
        let record = APIToken(name: name, scope: scope, createdAt: now)
        switch backend {
        case .sqlite(let store): try store.insertToken(record, digest: digest)
        case .postgres(let store): try store.insertToken(record, digest: digest)
        }
        return (token, record)
    }

    /// Every token, revoked ones included, by name.
    public func tokens() throws -> [APIToken] {
        switch backend {
        case .sqlite(let store): try store.tokens()
        case .postgres(let store): try store.tokens()
        }
    }

    /// Revokes the token named `name` at `now`; a token revoked already keeps its first date.
    ///
    /// - throws: ``TokenError/unknown(_:)`` when no token has that name.
    @discardableResult
    public func revokeToken(name: String, now: UnixSeconds) throws -> APIToken {
        let revoked: APIToken? = switch backend {
        case .sqlite(let store): try store.revokeToken(name: name, now: now)
        case .postgres(let store): try store.revokeToken(name: name, now: now)
        }
        guard let revoked else { throw TokenError.unknown(name) }
        return revoked
    }

    /// The valid token whose text `presented` is, stamped as used at `now` (at most once a
    /// minute, and not on a read-only store); nil for an unknown, malformed or revoked token.
    public func authenticate(_ presented: String, now: UnixSeconds) throws -> APIToken? {
        guard let digest = TokenSecret.digest(presented) else { return nil }
        let found: APIToken? = switch backend {
        case .sqlite(let store): try store.token(digest: digest)
        case .postgres(let store): try store.token(digest: digest)
        }
        guard var token = found, token.revokedAt == nil else { return nil }
        if access != .readOnly, token.lastUsedAt.map({ now - $0 >= Self.tokenUseResolution || now < $0 }) ?? true {
            switch backend {
            case .sqlite(let store): try store.stampToken(digest: digest, now: now)
            case .postgres(let store): try store.stampToken(digest: digest, now: now)
            }
            token.lastUsedAt = now
        }
        return token
    }
}
