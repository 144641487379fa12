import GRDB

extension HistoryStore {
    /// Every credential's latest record per gateway, kind and name, most urgent first.
    ///
    /// A credential is named by its name, or by its subject when it has none (certificates).
    /// - parameter now: the instant days are counted from; the library never reads the clock.
    public func expiry(now: UnixSeconds, zone: ReportZone, withinDays: Int? = nil, gateways names: [String] = []) throws -> ExpiryReport {
        try read { db in
            let gateways = try GatewaySelection.resolve(names, in: db)
            var items: [(CredentialExpiry, UnixSeconds)] = []
            for gateway in gateways {
                let rows = try Row.fetchAll(db, sql: """
                    SELECT kind, name, subject, thumbprint, not_before, expires_at FROM credential
                    WHERE gateway_id = ? ORDER BY kind, expires_at
                    """, arguments: [gateway.id])
                var latest: [String: Row] = [:]
                var history: [String: [Row]] = [:]
                for row in rows {
                    let kind: String = try row.value("kind"), name: String = try row.value("name"), subject: String = try row.value("subject")
                    let key = kind + "|" + (name.isEmpty ? subject : name)
                    latest[key] = row  // rows ascend by expiry, so the last one wins
                    history[key, default: []].append(row)
                }
                let renewOperations = try Row.fetchAll(db, sql: """
                    SELECT requested_at, outcome FROM operation WHERE gateway_id = ? AND kind = 'renew_app_secret' ORDER BY requested_at
                    """, arguments: [gateway.id])
                for (key, row) in latest {
                    let expires: Int64 = try row.value("expires_at")
                    let daysLeft = ExpiryStatus.daysLeft(expiresAt: expires, now: now)
                    if let withinDays, daysLeft > withinDays { continue }
                    let kind: String = try row.value("kind")
                    var renewals: [CredentialExpiry.Renewal]?
                    if kind == CredentialKind.appSecret.rawValue {
                        let expiries = try (history[key] ?? []).map { try CredentialExpiry.Renewal(event: "secret expiring", at: zone.format($0.value("expires_at"))) }
                        let operations = try renewOperations.map {
                            try CredentialExpiry.Renewal(event: "renew_app_secret \($0.value("outcome") as String)", at: zone.format($0.value("requested_at")))
                        }
                        renewals = (expiries + operations).sorted { ($0.at, $0.event) < ($1.at, $1.event) }
                    }
                    items.append((try CredentialExpiry(
                        gateway: gateway.name, kind: kind, name: row.value("name"), subject: row.value("subject"), thumbprint: row.value("thumbprint"),
                        expiresAt: zone.format(expires), daysLeft: daysLeft, status: ExpiryStatus(expiresAt: expires, now: now),
                        renewals: renewals), expires))
                }
            }
            let ordered = items.sorted { a, b in
                (a.0.status, a.1, a.0.gateway, a.0.kind, a.0.name, a.0.subject) < (b.0.status, b.1, b.0.gateway, b.0.kind, b.0.name, b.0.subject)
            }.map(\.0)
            return ExpiryReport(asOf: zone.format(now), timeZone: zone.identifier, withinDays: withinDays, credentials: ordered)
        }
    }
}
