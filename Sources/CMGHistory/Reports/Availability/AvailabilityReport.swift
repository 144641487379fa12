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
    /// ready / (ready + not ready), planned downtime included; null when no snapshot was taken
    /// in the period.
    public var ratio: Double?
    /// Not-ready time of planned stops (``PlannedDowntime``), reported apart.
    public var plannedSeconds: Int64
    /// ready / (ready + not ready outside planned stops); null when no snapshot was taken in the period.
    public var unplannedRatio: Double?
    public var unplannedIncidents: Int
    public var plannedStops: [PlannedStop]
    /// Snapshots taken against those expected at their usual spacing; unknown time from the state spans.
    public var coverage: Coverage
    /// Unplanned incidents and low unplanned availability, with their level (``AvailabilityPolicy``).
    public var findings: [Finding]
    public var incidents: [Incident]

    init(gateway: String, figures f: AvailabilityFigures, ratioPlaces: Int? = nil) {
        func round(_ v: Double?) -> Double? {
            guard let v, let places = ratioPlaces else { return v }
            return CapacityCalculator.rounded(v, places: places)
        }
        self.gateway = gateway
        readySeconds = f.ready
        notReadySeconds = f.notReady
        unknownSeconds = f.unknown
        ratio = round(f.ratio)
        plannedSeconds = f.plannedSeconds
        unplannedRatio = round(f.unplannedRatio)
        unplannedIncidents = f.unplannedIncidents
        plannedStops = f.plannedStops
        coverage = f.coverage
        incidents = f.incidents
        findings = AvailabilityPolicy.findings(f)
    }
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
    /// Planned downtime (``PlannedDowntime``): not counted against unplanned availability.
    public var planned = false
    /// When the stop that makes it planned was requested.
    public var plannedBy: String?
    public var startInstant: UnixSeconds
    public var endInstant: UnixSeconds?

    enum CodingKeys: String, CodingKey { case start, end, durationSeconds, ongoing, states, descriptions, planned, plannedBy }

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
