/// BGB_Statistics' split of online clients into internet and intranet ones at an instant.
///
/// ConfigMgr counts these over the whole site's fast channel, so they are kept beside the
/// gateway's own count (``OnlineClientsSample``), not instead of it.
public struct OnlineClientsByNetwork: Sendable, Equatable, Codable {
    /// The gateway's name (any name it answers to, folded to its stored name on import).
    public var gateway: String
    /// The instant observed.
    public var at: UnixSeconds
    /// Clients online from the internet (`InternetOnlineClients`), when reported.
    public var internetCount: Int64?
    /// Clients online from the intranet (`IntranetOnlineClients`), when reported.
    public var intranetCount: Int64?

    /// An internet/intranet split; a count left nil was not reported.
    public init(gateway: String, at: UnixSeconds, internetCount: Int64? = nil, intranetCount: Int64? = nil) {
        self.gateway = gateway
        self.at = at
        self.internetCount = internetCount
        self.intranetCount = intranetCount
    }
}
