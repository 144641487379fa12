import GRDB

enum CredentialRows {
    /// Every credential record of a gateway, by kind, then expiry.
    static func fetch(_ db: Database, gatewayID: Int64) throws -> [CredentialRecord] {
        try Row.fetchAll(db, sql: """
            SELECT kind, name, subject, thumbprint, not_before, expires_at, renewed_at FROM credential
            WHERE gateway_id = ? ORDER BY kind, expires_at, id
            """, arguments: [gatewayID]).map { row in
            try CredentialRecord(kind: row.value("kind"), name: row.value("name"), subject: row.value("subject"),
                                 thumbprint: row.value("thumbprint"), notBefore: row.value("not_before"),
                                 expiresAt: row.value("expires_at"), renewedAt: row.value("renewed_at"))
        }
    }

    /// The `renew_app_secret` operations of a gateway: when each was requested, and its outcome.
    static func appSecretRenewals(_ db: Database, gatewayID: Int64) throws -> [(requestedAt: UnixSeconds, outcome: String)] {
        try Row.fetchAll(db, sql: """
            SELECT requested_at, outcome FROM operation WHERE gateway_id = ? AND kind = 'renew_app_secret' ORDER BY requested_at
            """, arguments: [gatewayID]).map { try ($0.value("requested_at"), $0.value("outcome")) }
    }
}
