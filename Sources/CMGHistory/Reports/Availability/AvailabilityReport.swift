/// Ready, not-ready and unknown time per gateway over a period, and its incidents (DESIGN §4).
public struct AvailabilityReport: Sendable, Equatable, Encodable {
    public var report = "availability"
    public var timeZone: String
    public var from: String
    public var to: String
    /// How long one status snapshot is trusted without a newer one.
    public var stalenessLimitSeconds: Int64
    public var gateways: [GatewayAvailability]
    public var provenance: ReportProvenance?
}

public struct GatewayAvailability: Sendable, Equatable, Encodable {
    public var gateway: String
    public var readySeconds: Int64
    public var notReadySeconds: Int64
    /// Time with no snapshot newer than the staleness limit: neither up nor down.
    public var unknownSeconds: Int64
    /// ready / (ready + not ready); null when nothing was observed.
    public var ratio: Double?
    public var incidents: [Incident]
}

/// A maximal run of not-Ready snapshots of one gateway; an unknown gap inside does not split it.
public struct Incident: Sendable, Equatable, Encodable {
    /// The first not-Ready snapshot.
    public var start: String
    /// The first Ready snapshot after the run; null while it is ongoing.
    public var end: String?
    /// Until `end`, or until the period's end while ongoing.
    public var durationSeconds: Int64
    public var ongoing: Bool
    /// The states passed through, in order of first appearance.
    public var states: [String]
    /// Descriptions ConfigMgr gave, in order of first appearance.
    public var descriptions: [String]
    public var startInstant: UnixSeconds
    public var endInstant: UnixSeconds?

    enum CodingKeys: String, CodingKey { case start, end, durationSeconds, ongoing, states, descriptions }

    init(startInstant: UnixSeconds, endInstant: UnixSeconds?, periodEnd: UnixSeconds, states: [String], descriptions: [String], zone: ReportZone) {
        self.startInstant = startInstant
        self.endInstant = endInstant
        start = zone.format(startInstant)
        end = endInstant.map(zone.format)
        durationSeconds = (endInstant ?? max(periodEnd, startInstant)) - startInstant
        ongoing = endInstant == nil
        self.states = states
        self.descriptions = descriptions
    }
}
