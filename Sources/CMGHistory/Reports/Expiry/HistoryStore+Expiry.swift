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
                    let key = (row["kind"] as String) + "|" + ((row["name"] as String).isEmpty ? row["subject"] as String : row["name"] as String)
                    latest[key] = row  // rows ascend by expiry, so the last one wins
                    history[key, default: []].append(row)
                }
                let renewOperations = try Row.fetchAll(db, sql: """
                    SELECT requested_at, outcome FROM operation WHERE gateway_id = ? AND kind = 'renew_app_secret' ORDER BY requested_at
                    """, arguments: [gateway.id])
                for (key, row) in latest {
                    let expires: Int64 = row["expires_at"]
                    let daysLeft = ExpiryStatus.daysLeft(expiresAt: expires, now: now)
                    if let withinDays, daysLeft > withinDays { continue }
                    let kind: String = row["kind"]
                    var renewals: [CredentialExpiry.Renewal]?
                    if kind == CredentialKind.appSecret.rawValue {
                        let expiries = (history[key] ?? []).map { CredentialExpiry.Renewal(event: "secret expiring", at: zone.format($0["expires_at"])) }
                        let operations = renewOperations.map { CredentialExpiry.Renewal(event: "renew_app_secret \($0["outcome"] as String)", at: zone.format($0["requested_at"])) }
                        renewals = (expiries + operations).sorted { ($0.at, $0.event) < ($1.at, $1.event) }
                    }
                    items.append((CredentialExpiry(
                        gateway: gateway.name, kind: kind, name: row["name"], subject: row["subject"], thumbprint: row["thumbprint"],
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
