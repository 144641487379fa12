/// Probable causes of an incident, and whether it was planned: pure functions over items.
///
/// **The rule.** The candidates are the items of the incident's gateway (and log items that
/// name no gateway: site-wide logs) in its *lead-up*, the ``TimelinePolicy/leadUpSeconds``
/// before its start up to the start itself, plus what is still in effect at the start however
/// long ago it began. They are ranked by class, then by nearness to the start (the closest
/// first), then by reference:
///
/// 1. `credential`: a credential expired and not replaced by the start, or expiring within
///    24 hours after it (an expired app secret cuts the site off from Azure);
/// 2. `operation`: an operation that failed in the lead-up, or was in progress at the start;
/// 3. `connection_point`: a connection point going offline or partially online in the lead-up,
///    or still so at the start;
/// 4. `error_burst`: log errors (a burst or a single entry) in the lead-up;
/// 5. `configuration`: a change of instances or VM size in the lead-up.
///
/// Ranks are numbered 1, 2, 3, … over the ordered list. A planned incident has no causes.
///
/// **Planned.** ``PlannedDowntime``'s rule, which availability and capacity share: only
/// `Stopping`, `Stopped` or `Starting`, after a `stop` requested in the lead-up.
public enum CauseRanking {
    /// The classes of causes, most likely first.
    public enum Class: Int, CaseIterable, Sendable {
        case credential = 1, operation, connectionPoint, errorBurst, configuration

        public var name: String {
            switch self {
            case .credential: "credential"
            case .operation: "operation"
            case .connectionPoint: "connection_point"
            case .errorBurst: "error_burst"
            case .configuration: "configuration"
            }
        }

        public var meaning: String {
            switch self {
            case .credential: "an expired credential not replaced by the incident's start, or one expiring within 24 hours after it"
            case .operation: "an operation that failed in the lead-up, or was in progress when the incident started"
            case .connectionPoint: "a connection point going offline or partially online in the lead-up, or still so at the start"
            case .errorBurst: "log errors (a burst or a single entry) in the lead-up"
            case .configuration: "a change of instances or VM size in the lead-up"
            }
        }
    }

    /// The rule in words, as the JSON states it.
    public static var rule: [String] {
        Class.allCases.map { "\($0.rawValue). \($0.name): \($0.meaning)" }
            + ["Within a class, the item closest before the incident's start ranks first. Planned incidents have no causes."]
    }

    /// The `stop` request that makes an incident planned (``PlannedDowntime``), or nil.
    static func plannedBy(gateway: String, start: UnixSeconds, states: [String], items: [TimelineItem], leadUp: Int64) -> TimelineItem? {
        PlannedDowntime.stop(states: states, start: start, leadUp: leadUp, among: items) { item in
            item.gateway == gateway && item.kind == "operation_requested" && item.facts.operationKind == OperationKind.stop.rawValue
                ? (item.instant, item.facts.operationOutcome) : nil
        }
    }

    /// The ranked causes of an incident of `gateway` starting at `start`; `items` in time order.
    static func causes(gateway: String, start: UnixSeconds, items: [TimelineItem], leadUp: Int64) -> [TimelineCause] {
        let leadStart = start - leadUp
        let inLeadUp = { (item: TimelineItem) in leadStart <= item.instant && item.instant <= start }
        func before(_ item: TimelineItem) -> String {
            item.instant == start ? "as the incident started" : "\(DurationText.format(start - item.instant)) before the incident started"
        }
        var found: [(Class, TimelineItem, String)] = []
        var latestPointChange: [String: TimelineItem] = [:]

        for item in items where item.zoneKnown && (item.gateway == gateway || item.gateway == nil) {
            switch item.kind {
            case "credential_expired":
                let label = item.facts.credentialLabel ?? "a credential"
                let replaced = item.facts.credentialReplacedAt
                if item.instant <= start, replaced.map({ $0 > start }) ?? true {
                    found.append((.credential, item, "\(label) expired \(before(item)) and had not been replaced"))
                } else if start < item.instant, item.instant <= start + TimelinePolicy.expiringSoonSeconds, replaced.map({ $0 > item.instant }) ?? true {
                    found.append((.credential, item, "\(label) expires \(DurationText.format(item.instant - start)) after the incident started"))
                }
            case "operation_completed" where item.facts.operationOutcome == OperationOutcome.failed.rawValue && inLeadUp(item):
                found.append((.operation, item, "\(item.facts.operationKind ?? "an operation") failed \(before(item))"))
            case "operation_requested":
                let kind = item.facts.operationKind ?? "an operation"
                let outcome = item.facts.operationOutcome
                let completed = item.facts.operationCompletedAt
                if completed == nil, outcome == OperationOutcome.failed.rawValue, inLeadUp(item) {
                    found.append((.operation, item, "\(kind) was requested \(before(item)) and failed"))
                } else if item.instant <= start,
                          completed.map({ $0 > start }) ?? (outcome == OperationOutcome.inProgress.rawValue) {
                    found.append((.operation, item, "\(kind) was requested \(before(item)) and was still in progress when it started"))
                }
            case "connection_point_change":
                guard item.instant <= start, let server = item.facts.connectionPointServer else { break }
                latestPointChange[server] = item
                if inLeadUp(item), let status = item.facts.connectionPointStatus, status < 2 {
                    found.append((.connectionPoint, item, "\(server) went \(TimelineWords.connectionPoint(status)) \(before(item))"))
                }
            case "configuration_change" where inLeadUp(item):
                found.append((.configuration, item, "the configuration changed \(before(item)): \(item.text)"))
            default:
                if item.source == .log, item.facts.logError, item.instant <= start, (item.endInstant ?? item.instant) >= leadStart {
                    let scope = item.gateway == nil ? " (a log that names no gateway)" : ""
                    found.append((.errorBurst, item, "errors logged in the lead-up\(scope): \(item.text)"))
                }
            }
        }
        // A connection point that went down before the lead-up and was still down at the start.
        for (server, item) in latestPointChange where !inLeadUp(item) {
            if let status = item.facts.connectionPointStatus, status < 2 {
                found.append((.connectionPoint, item, "\(server) had been \(TimelineWords.connectionPoint(status)) since \(DurationText.format(start - item.instant)) before the incident started"))
            }
        }
        let ordered = found.sorted { a, b in
            (a.0.rawValue, abs(start - a.1.instant), a.1.ref) < (b.0.rawValue, abs(start - b.1.instant), b.1.ref)
        }
        return ordered.enumerated().map { index, cause in
            TimelineCause(rank: index + 1, itemRef: cause.1.ref, rule: cause.0.name, reason: cause.2)
        }
    }
}
