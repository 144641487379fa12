/// Bearer tokens on PostgreSQL (SQLiteStore+Tokens.swift): the tenant schema's `api_token`.
extension PostgresStore {
    private static let columns = "name, scope, created_at, last_used_at, revoked_at"

    func insertToken(_ token: APIToken, digest: [UInt8]) throws {
        try refuseReadOnly()
        try pool.withConnection { connection in
            do {
                try connection.query("INSERT INTO api_token (name, scope, token_hash, created_at) VALUES ($1, $2, $3, $4)",
                                     [.text(token.name), .text(token.scope.rawValue), .bytes(digest), .int64(token.createdAt)])
            } catch let error as PostgresError where error.sqlState == "23505" {
                throw TokenError.nameTaken(token.name)
            }
        }
    }

    func tokens() throws -> [APIToken] {
        try pool.withConnection { connection in
            let result = try connection.query("SELECT \(Self.columns) FROM api_token ORDER BY name COLLATE \"C\"", binaryResults: true)
            return try (0..<result.rowCount).map { try Self.token(result, row: $0) }
        }
    }

    func token(digest: [UInt8]) throws -> APIToken? {
        try pool.withConnection { connection in
            let result = try connection.query("SELECT \(Self.columns) FROM api_token WHERE token_hash = $1", [.bytes(digest)], binaryResults: true)
            return result.rowCount == 0 ? nil : try Self.token(result, row: 0)
        }
    }

    func revokeToken(name: String, now: UnixSeconds) throws -> APIToken? {
        try refuseReadOnly()
        return try pool.withConnection { connection in
            try connection.transaction {
                try connection.query("UPDATE api_token SET revoked_at = $1 WHERE name = $2 AND revoked_at IS NULL", [.int64(now), .text(name)])
                let result = try connection.query("SELECT \(Self.columns) FROM api_token WHERE name = $1", [.text(name)], binaryResults: true)
                return result.rowCount == 0 ? nil : try Self.token(result, row: 0)
            }
        }
    }

    /// Stamps the token's use; a reader role, which may not write, lets the request in unstamped.
    func stampToken(digest: [UInt8], now: UnixSeconds) throws {
        try pool.withConnection { connection in
            do {
                try connection.query("UPDATE api_token SET last_used_at = $1 WHERE token_hash = $2", [.int64(now), .bytes(digest)])
            } catch let error as PostgresError where error.sqlState == "42501" {
                return
            }
        }
    }

    private static func token(_ result: PGResult, row: Int) throws -> APIToken {
        let scope = try result.string(row: row, column: 1)
        guard let known = TokenScope(rawValue: scope) else { throw PostgresError(.decoding, message: "a token has scope '\(VisibleText.escape(scope))'") }
        return APIToken(name: try result.string(row: row, column: 0), scope: known, createdAt: try result.int64(row: row, column: 2),
                        lastUsedAt: try result.optionalInt64(row: row, column: 3), revokedAt: try result.optionalInt64(row: row, column: 4))
    }
}
