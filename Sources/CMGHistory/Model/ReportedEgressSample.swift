/// The 14-day egress total ConfigMgr reports for a gateway (`SMS_AzureService.TrafficOutUsage`),
/// read at an instant.
///
/// It is ConfigMgr's own rolling figure, in the unit of its threshold `TrafficOutInGB`, and so is
/// kept as a gauge of its own rather than turned into interval egress samples.
public struct ReportedEgressSample: Sendable, Equatable, Codable {
    /// The gateway's name (any name it answers to, folded to its stored name on import).
    public var gateway: String
    /// When ConfigMgr reported the figure.
    public var at: UnixSeconds
    /// Bytes sent out of Azure over the 14 days before `at` (ConfigMgr's GB figure × 10^9, exactly).
    public var lastFourteenDaysBytes: Int64

    /// ConfigMgr's 14-day egress figure at `at`, in bytes.
    public init(gateway: String, at: UnixSeconds, lastFourteenDaysBytes: Int64) {
        self.gateway = gateway
        self.at = at
        self.lastFourteenDaysBytes = lastFourteenDaysBytes
    }
}
