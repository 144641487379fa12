/// One ordered story of a window: what happened, in what order, and what probably caused each
/// incident (DESIGN §4, "Incident timeline").
///
/// ```swift
/// let window = ReportPeriod(start: Timestamp.parse("2026-10-08T11:00:00Z")!, end: Timestamp.parse("2026-10-09T01:00:00Z")!)
/// let timeline = try store.timeline(TimelineRequest(window: window, zone: .utc))
/// print(try JSONRender.render(timeline))
/// ```
///
/// Items from every source are merged by UTC instant; ties keep the order of
/// ``TimelineSource`` (cause before effect: an operation before the state change it brings),
/// then gateway and reference. Log entries whose time zone is unknown cannot be placed on the
/// UTC axis: they come last, ordered by their local time, flagged `zone_known: false`, never shifted.
public struct Timeline: Sendable, Equatable, Encodable {
    public var report = "timeline"
    /// The window `[from, to)` in the report's zone.
    public var from: String
    public var to: String
    public var timeZone: String
    /// The gateways covered, by name.
    public var gateways: [String]
    /// Items below this severity are left out, unless an incident cites them as a cause.
    public var minSeverity: TimelineSeverity
    /// How far before an incident's start its probable causes are looked for.
    public var leadUpSeconds: Int64
    /// How long one status snapshot is trusted without a newer one.
    public var stalenessLimitSeconds: Int64
    public var items: [TimelineItem]
    public var incidents: [TimelineIncident]
    /// The ranking rule for causes, in words, so that a reader of the JSON knows it too.
    public var causeRule: [String]
    public var provenance: ReportProvenance?

    /// `[from, to)` as instants.
    public var window: ReportPeriod

    enum CodingKeys: String, CodingKey {
        case report, from, to, timeZone, gateways, minSeverity, leadUpSeconds, stalenessLimitSeconds, items, incidents, causeRule, provenance
    }

    /// The item with this reference.
    public func item(_ ref: String) -> TimelineItem? { items.first { $0.ref == ref } }
}

/// How much an item matters: `--min-severity` keeps those at or above a level.
public enum TimelineSeverity: String, Sendable, Codable, CaseIterable, Comparable {
    case info, warning, error

    var order: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (a: Self, b: Self) -> Bool { a.order < b.order }
}

/// Where an item comes from; also the swimlane it is drawn in. The declaration order is the
/// tie-break order of items at the same instant: cause before effect.
public enum TimelineSource: String, Sendable, Codable, CaseIterable {
    /// `operation` records: requested and completed.
    case operation
    /// `credential` records: the 60- and 14-day warning windows, expiry, renewal.
    case credential
    /// `gateway_config` records: instances and VM size.
    case configuration
    /// `connection_point_status` records, changes only.
    case connectionPoint = "connection_point"
    /// `log_entry` and `log_event` rows: warnings, errors and rule events, bursts collapsed.
    case log
    /// Derived from `rollup_hour`: online clients or requests far below their usual level.
    case traffic
    /// `status_snapshot`/`state_span` records: state changes, and the unknown periods between them.
    case status

    var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    /// How the swimlane is labelled.
    public var label: String {
        switch self {
        case .operation: "operations"
        case .credential: "credentials"
        case .configuration: "configuration"
        case .connectionPoint: "connection points"
        case .log: "logs"
        case .traffic: "traffic"
        case .status: "status"
        }
    }
}

/// One thing that happened, with the record it comes from.
public struct TimelineItem: Sendable, Equatable, Encodable {
    /// The UTC instant, RFC 3339; null for a log entry whose time zone is unknown.
    public var at: String?
    /// The same instant in the report's zone; for a log entry of unknown zone, its local time as
    /// written, without an offset.
    public var atLocal: String
    /// Where a period or a burst ends (UTC), when the item stands for one.
    public var end: String?
    public var source: TimelineSource
    /// What happened: `state_change`, `operation_requested`, `credential_expired`, `log_burst`, … (see README).
    public var kind: String
    public var severity: TimelineSeverity
    /// The gateway's name; null for a log line that names none (a site-wide log).
    public var gateway: String?
    public var text: String
    /// A stable reference, unique in the timeline; causes cite items by it.
    public var ref: String
    /// The evidence: `status snapshot 2026-10-08T13:45:00Z`, `operation record #12`,
    /// `SMS_Cloud_ProxyConnector.log line 1234`, `credential record #3`, `derived: …`.
    public var origin: String
    /// False for a log entry whose time zone is unknown: listed at its local time, never shifted.
    public var zoneKnown: Bool
    /// False for an item before the window, listed because an incident cites it.
    public var inWindow: Bool
    /// For a burst: the references of the log entries it collapses (`log_entry/ID`), in order.
    public var members: [String]?

    /// Sorting and drawing (not encoded): the UTC instant, or the local time read as UTC for an
    /// entry of unknown zone.
    public var instant: UnixSeconds
    public var endInstant: UnixSeconds?
    /// For causes: how the item counts (not encoded).
    var facts: Facts = Facts()

    enum CodingKeys: String, CodingKey {
        case at, atLocal, end, source, kind, severity, gateway, text, ref, origin, zoneKnown, inWindow, members
    }

    /// What cause ranking needs to know of an item beyond its kind.
    struct Facts: Sendable, Equatable {
        /// Connection point status after the change (0 offline, 1 partially, 2 online).
        var connectionPointStatus: Int64?
        var connectionPointServer: String?
        /// Operation outcome and kind.
        var operationOutcome: String?
        var operationKind: String?
        var operationID: Int64?
        var operationCompletedAt: UnixSeconds?
        /// When a newer record of the credential took over (`Int64.min`: always); nil when none did.
        var credentialReplacedAt: UnixSeconds?
        var credentialLabel: String?
        /// A burst or single entry of error severity.
        var logError = false
        /// Log entries collapsed into the item.
        var count = 1
    }
}

/// An incident (a maximal run of not-Ready snapshots of one gateway, DESIGN §2) with what
/// preceded it.
public struct TimelineIncident: Sendable, Equatable, Encodable {
    public var gateway: String
    /// The first not-Ready snapshot (UTC) and in the report's zone.
    public var start: String
    public var startLocal: String
    /// The first Ready snapshot after the run; null while ongoing.
    public var end: String?
    public var endLocal: String?
    /// Until `end`, or until the window's end while ongoing.
    public var durationSeconds: Int64
    public var ongoing: Bool
    /// Whether it started before the window (the window starts mid-incident).
    public var startedBeforeWindow: Bool
    /// Planned downtime: a `stop` operation followed by Stopping/Stopped until the next start.
    public var planned: Bool
    /// The stop operation that makes it planned.
    public var plannedBy: String?
    /// States passed through, in order of first appearance.
    public var states: [String]
    /// Descriptions ConfigMgr gave, in order of first appearance.
    public var descriptions: [String]
    /// Time inside the incident with no status data (an unknown gap does not split an incident).
    public var unknownSeconds: Int64
    /// Where the lead-up searched for causes begins (UTC) and in the report's zone.
    public var leadUpFrom: String
    public var leadUpFromLocal: String
    /// Probable causes, most likely first; empty when planned.
    public var causes: [TimelineCause]

    public var startInstant: UnixSeconds
    public var endInstant: UnixSeconds?

    enum CodingKeys: String, CodingKey {
        case gateway, start, startLocal, end, endLocal, durationSeconds, ongoing, startedBeforeWindow, planned, plannedBy,
             states, descriptions, unknownSeconds, leadUpFrom, leadUpFromLocal, causes
    }
}

/// A probable cause of an incident: an item, its rank (1 = most likely) and why it counts.
public struct TimelineCause: Sendable, Equatable, Encodable {
    public var rank: Int
    public var itemRef: String
    /// Which class of the ranking rule it falls in (see ``CauseRanking``).
    public var rule: String
    public var reason: String
}
