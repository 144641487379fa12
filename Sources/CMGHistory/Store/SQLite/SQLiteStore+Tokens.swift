import Foundation
import GRDB

/// Bearer tokens on SQLite (``HistoryStore/createToken(name:scope:now:)`` and its kin): one row
/// per token in `api_token`, its SHA-256 in place of its text.
extension SQLiteStore {
    private static let columns = "name, scope, created_at, last_used_at, revoked_at"

    func insertToken(_ token: APIToken, digest: [UInt8]) throws {
        try writeTransaction { db in
            guard try Row.fetchOne(db, sql: "SELECT 1 FROM api_token WHERE name = ?", arguments: [token.name]) == nil else {
                throw TokenError.nameTaken(token.name)
            }
            try db.execute(sql: "INSERT INTO api_token (name, scope, token_hash, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [token.name, token.scope.rawValue, Data(digest), token.createdAt])
        }
    }

    func tokens() throws -> [APIToken] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.columns) FROM api_token ORDER BY name").map(Self.token)
        }
    }

    func token(digest: [UInt8]) throws -> APIToken? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.columns) FROM api_token WHERE token_hash = ?", arguments: [Data(digest)]).map(Self.token)
        }
    }

    func revokeToken(name: String, now: UnixSeconds) throws -> APIToken? {
        try writeTransaction { db in
            try db.execute(sql: "UPDATE api_token SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL", arguments: [now, name])
            return try Row.fetchOne(db, sql: "SELECT \(Self.columns) FROM api_token WHERE name = ?", arguments: [name]).map(Self.token)
        }
    }

    func stampToken(digest: [UInt8], now: UnixSeconds) throws {
        try writeTransaction { db in
            try db.execute(sql: "UPDATE api_token SET last_used_at = ? WHERE token_hash = ?", arguments: [now, Data(digest)])
        }
    }

    private static func token(_ row: Row) throws -> APIToken {
        let scope: String = try row.value(1)
        guard let known = TokenScope(rawValue: scope) else { throw StoreError.damaged(path: "api_token", reason: "a token has scope '\(scope)'") }
        return APIToken(name: try row.value(0), scope: known, createdAt: try row.value(2), lastUsedAt: try row.value(3), revokedAt: try row.value(4))
    }
}
