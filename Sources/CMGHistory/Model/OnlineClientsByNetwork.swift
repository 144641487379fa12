/// BGB_Statistics' split of online clients into internet and intranet ones at an instant.
///
/// ConfigMgr counts these over the whole site's fast channel, so they are kept beside the
/// gateway's own count (``OnlineClientsSample``), not instead of it.
public struct OnlineClientsByNetwork: Sendable, Equatable, Codable {
    public var gateway: String
    public var at: UnixSeconds
    public var internetCount: Int64?
    public var intranetCount: Int64?
}
