/// Every tracked credential as it stood at the report's instant (``CredentialsInForce``), with the days it has left (DESIGN §4, "Expiry").
public struct ExpiryReport: Sendable, Equatable, Encodable {
    public var report = "expiry"
    public var asOf: String
    public var timeZone: String
    /// Only credentials with at most this many days left, when given.
    public var withinDays: Int?
    public var credentials: [CredentialExpiry]
    public var provenance: ReportProvenance?
}

/// How soon a credential expires.
public enum ExpiryStatus: String, Sendable, Codable, Comparable {
    case expired, critical, warning, ok

    /// DESIGN §4: warning at 60 days or fewer, critical at 14 or fewer, expired at or after the
    /// expiry instant. Sixty days is the lead time to renew a certificate through a PKI and
    /// schedule the CMG update; fourteen is when it must happen this week.
    public static let warningDays: Int64 = 60
    public static let criticalDays: Int64 = 14

    public init(expiresAt: UnixSeconds, now: UnixSeconds) {
        let daysLeft = ExpiryStatus.daysLeft(expiresAt: expiresAt, now: now)
        self = expiresAt <= now ? .expired : daysLeft <= Self.criticalDays ? .critical : daysLeft <= Self.warningDays ? .warning : .ok
    }

    /// Whole days from `now` to the expiry, rounded down (negative once expired).
    public static func daysLeft(expiresAt: UnixSeconds, now: UnixSeconds) -> Int64 {
        let seconds = expiresAt - now
        return seconds.floorDivided(by: 86_400)
    }

    private var order: Int {
        switch self {
        case .expired: 0
        case .critical: 1
        case .warning: 2
        case .ok: 3
        }
    }

    public static func < (a: ExpiryStatus, b: ExpiryStatus) -> Bool { a.order < b.order }
}

public struct CredentialExpiry: Sendable, Equatable, Encodable {
    public var gateway: String
    public var kind: String
    public var name: String
    public var subject: String
    public var thumbprint: String
    public var expiresAt: String
    public var daysLeft: Int64
    public var status: ExpiryStatus
    /// For app secrets: every expiry date recorded under this name, oldest first, and the renewal
    /// operations of the gateway.
    public var renewals: [Renewal]?

    public struct Renewal: Sendable, Equatable, Encodable {
        public var event: String
        public var at: String
    }
}
