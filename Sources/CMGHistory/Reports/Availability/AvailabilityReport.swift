/// Ready, not-ready and unknown time per gateway over a period, and its incidents (DESIGN §4).
public struct AvailabilityReport: Sendable, Equatable, Codable {
    public var report = "availability"
    public var timeZone: String
    public var from: String
    public var to: String
    /// How long one status snapshot is trusted without a newer one.
    public var stalenessLimitSeconds: Int64
    public var gateways: [GatewayAvailability]
    public var provenance: ReportProvenance?
}

public struct GatewayAvailability: Sendable, Equatable, Codable {
    public var gateway: String
    public var readySeconds: Int64
    public var notReadySeconds: Int64
    /// Time with no snapshot newer than the staleness limit: neither up nor down.
    public var unknownSeconds: Int64
    /// ready / (ready + not ready); null when nothing was observed.
    public var ratio: Double?
    public var incidents: [Incident]

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(gateway, forKey: .gateway)
        try c.encode(readySeconds, forKey: .readySeconds)
        try c.encode(notReadySeconds, forKey: .notReadySeconds)
        try c.encode(unknownSeconds, forKey: .unknownSeconds)
        try c.encode(ratio, forKey: .ratio)
        try c.encode(incidents, forKey: .incidents)
    }
}

/// A maximal run of not-Ready snapshots of one gateway; an unknown gap inside does not split it.
public struct Incident: Sendable, Equatable, Codable {
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

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        start = try c.decode(String.self, forKey: .start)
        end = try c.decodeIfPresent(String.self, forKey: .end)
        durationSeconds = try c.decode(Int64.self, forKey: .durationSeconds)
        ongoing = try c.decode(Bool.self, forKey: .ongoing)
        states = try c.decode([String].self, forKey: .states)
        descriptions = try c.decode([String].self, forKey: .descriptions)
        startInstant = Timestamp.parse(start) ?? 0
        endInstant = end.flatMap(Timestamp.parse)
    }

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

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(start, forKey: .start)
        try c.encode(end, forKey: .end)
        try c.encode(durationSeconds, forKey: .durationSeconds)
        try c.encode(ongoing, forKey: .ongoing)
        try c.encode(states, forKey: .states)
        try c.encode(descriptions, forKey: .descriptions)
    }
}
