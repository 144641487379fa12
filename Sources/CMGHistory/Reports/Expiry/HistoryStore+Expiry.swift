extension HistoryStore {
    /// Every credential as it stood at `now`, per gateway, kind and name, most urgent first.
    ///
    /// A credential is named by its name, or by its subject when it has none (certificates). Its
    /// record is the one in force at `now` (``CredentialsInForce``): a renewal or replacement
    /// counts only once it was recorded or valid, so `--as-of` a past date lists what was expiring
    /// then, and a credential not yet known then is left out.
    /// - parameter now: the instant days are counted from; the library never reads the clock.
    public func expiry(now: UnixSeconds, zone: ReportZone, withinDays: Int? = nil, gateways names: [String] = []) throws -> ExpiryReport {
        try snapshot { reads in
            let gateways = try GatewaySelection.resolve(names, in: reads)
            var items: [(CredentialExpiry, UnixSeconds)] = []
            for gateway in gateways {
                let records = try reads.credentials(gatewayID: gateway.id)
                let renewOperations = try reads.appSecretRenewals(gatewayID: gateway.id).filter { $0.requestedAt <= now }
                for record in CredentialsInForce.at(now, records) {
                    let daysLeft = ExpiryStatus.daysLeft(expiresAt: record.expiresAt, now: now)
                    if let withinDays, daysLeft > withinDays { continue }
                    var renewals: [CredentialExpiry.Renewal]?
                    if record.kind == CredentialKind.appSecret.rawValue {
                        // The history known at `now`: records that had taken over by then.
                        let expiries = records.filter { $0.key == record.key && CredentialsInForce.takesOver($0) <= now }
                            .map { CredentialExpiry.Renewal(event: "secret expiring", at: zone.format($0.expiresAt)) }
                        let operations = renewOperations.map {
                            CredentialExpiry.Renewal(event: "renew_app_secret \($0.outcome)", at: zone.format($0.requestedAt))
                        }
                        renewals = (expiries + operations).sorted { ($0.at, $0.event) < ($1.at, $1.event) }
                    }
                    items.append((CredentialExpiry(
                        gateway: gateway.name, kind: record.kind, name: record.name, subject: record.subject, thumbprint: record.thumbprint,
                        expiresAt: zone.format(record.expiresAt), daysLeft: daysLeft,
                        status: ExpiryStatus(expiresAt: record.expiresAt, now: now), renewals: renewals), record.expiresAt))
                }
            }
            let ordered = items.sorted { a, b in
                (a.0.status, a.1, a.0.gateway, a.0.kind, a.0.name, a.0.subject) < (b.0.status, b.1, b.0.gateway, b.0.kind, b.0.name, b.0.subject)
            }.map(\.0)
            return ExpiryReport(asOf: zone.format(now), timeZone: zone.identifier, withinDays: withinDays, credentials: ordered)
        }
    }
}
