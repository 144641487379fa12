import Foundation

/// Reads one gateway's records over a range and turns them into timeline items, one source at
/// a time (the `+Source` files). Pure over the store snapshot it is given.
struct TimelineCollector {
    let reads: any TimelineReads
    let zone: ReportZone
    /// The window asked for.
    let window: ReportPeriod
    /// Where items start being collected: the window's start, or earlier when an incident
    /// overlapping the window started before it (its lead-up is needed for causes).
    let rangeStart: UnixSeconds
    let gateway: GatewaySelection.Gateway

    var rangeEnd: UnixSeconds { window.end }

    /// An item at `instant`, in the window or not.
    func item(at instant: UnixSeconds, end: UnixSeconds? = nil, source: TimelineSource, kind: String,
              severity: TimelineSeverity, gateway name: String?, text: String, ref: String, origin: String) -> TimelineItem {
        TimelineItem(at: Timestamp.format(instant), atLocal: zone.format(instant), end: end.map(Timestamp.format), source: source,
                     kind: kind, severity: severity, gateway: name, text: text, ref: ref, origin: origin, zoneKnown: true,
                     inWindow: window.start <= instant && instant < window.end, members: nil, instant: instant, endInstant: end)
    }

    /// `13:45` in the report's zone, or `2026-10-09 01:10` when it is not on `reference`'s local day.
    func clock(_ instant: UnixSeconds, reference: UnixSeconds) -> String {
        let text = zone.format(instant)
        let time = String(text.dropFirst(11).prefix(5))
        return zone.date(instant) == zone.date(reference) ? time : zone.date(instant) + " " + time
    }
}

/// Short words shared by the sources.
enum TimelineWords {
    /// A state's severity: Ready is news, Error is an error, every other not-Ready state a warning.
    static func severity(stateCode: Int64?) -> TimelineSeverity {
        switch stateCode {
        case GatewayState.ready.rawValue?: .info
        case GatewayState.error.rawValue?: .error
        default: .warning
        }
    }

    /// Connection point status words (DESIGN §2: 0 all offline, 1 partially online, 2 all online).
    static func connectionPoint(_ status: Int64) -> String {
        switch status {
        case 0: "offline"
        case 1: "partially online"
        case 2: "online"
        default: "status \(status)"
        }
    }

    /// The first line of a message, at most `limit` characters.
    static func firstLine(_ text: String, limit: Int = 160) -> String {
        let line = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" }).first.map(String.init) ?? ""
        let cleaned = line.replacingOccurrences(of: "~~", with: " ").trimmingCharacters(in: .whitespaces)
        return cleaned.count <= limit ? cleaned : String(cleaned.prefix(limit - 1)) + "…"
    }
}
