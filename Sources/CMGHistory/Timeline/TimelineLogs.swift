import Foundation

/// Log items: warnings, errors and rule events from `log_entry`/`log_event`, collapsed into
/// bursts so that 37 identical connector errors read as one line.
///
/// An entry is taken when it is a warning or an error, or when a rule made an event of it.
/// Its *label* is what it says: the `reason` a rule captured (`CMGConnector_Forbidden`), else
/// the event kind and its captures (`role_instance_state: Busy`), else (a plain warning or error)
/// its first line with digits blurred. Entries with the same gateway, file and label at most
/// ``TimelinePolicy/burstGapSeconds`` apart form one burst; a burst never straddles the
/// window's start, so what happened inside the window is always listed.
///
/// An entry whose time zone is unknown (`utc_ms` NULL) has no place on the UTC axis: it is
/// taken when its local time could fall in the window in some zone (UTC−12 … UTC+14), listed
/// after the ordered items at its local time, flagged, never shifted, and never cited as a cause.
struct TimelineLogs {
    let reads: any TimelineReads
    let zone: ReportZone
    let window: ReportPeriod
    let rangeStart: UnixSeconds
    /// Every gateway in the database, to recognise the names logs use (`GraniteFalls` for
    /// `GraniteFalls.contoso.com`).
    let allGateways: [GatewaySelection.Gateway]
    /// The gateways asked for; nil for all.
    let selected: Set<Int64>?

    struct Entry {
        var id: Int64
        var fileID: Int64
        var line: Int64
        var instant: UnixSeconds
        var zoneKnown: Bool
        var localText: String
        var severity: TimelineSeverity
        var logName: String
        var fileName: String
        var gateway: String?
        var eventKind: String?
        var label: String
        var message: String
    }

    func items() throws -> [TimelineItem] {
        let low = (min(rangeStart, window.start - TimelinePolicy.unknownZoneBefore)) * 1000
        let high = (window.end + TimelinePolicy.unknownZoneAfter) * 1000
        // One entry per stored entry, with its most specific event.
        let entries = try reads.notableLogEntries(fromMilliseconds: low, toMilliseconds: high).compactMap(entry)
        return bursts(entries)
    }

    private func entry(_ stored: NotableLogEntry) -> Entry? {
        let utc = stored.utcMilliseconds
        let local = stored.localMilliseconds
        let zoneKnown = utc != nil
        guard let milliseconds = utc ?? local else { return nil }
        let instant = Self.floorSeconds(milliseconds)
        if zoneKnown {
            guard rangeStart <= instant, instant < window.end else { return nil }
        } else {
            guard window.start - TimelinePolicy.unknownZoneBefore <= instant, instant < window.end + TimelinePolicy.unknownZoneAfter else { return nil }
        }
        // The most specific event: any rule's but the catch-all `error` one, by rule name.
        let events = stored.events
        let specific = events.first { $0.kind != "error" } ?? events.first
        var severity = Self.severity(stored.severity)
        for event in events { severity = max(severity, Self.severity(event.severity)) }

        let named = [specific?.gateway, stored.fileGateway, stored.service].compactMap { $0 }.first { !$0.isEmpty }
        var gatewayName: String?
        if let named {
            if let match = resolve(named) {
                if let selected, !selected.contains(match.id) { return nil }
                gatewayName = match.name
            } else {
                if selected != nil { return nil }
                gatewayName = named
            }
        }
        let message = stored.message
        let kind = specific?.kind
        let label: String
        if let specific, kind != "error" {
            label = Self.label(kind: kind ?? "event", fields: specific.fields)
        } else {
            label = Self.blurred(message)
        }
        return Entry(id: stored.id, fileID: stored.fileID, line: stored.line, instant: instant, zoneKnown: zoneKnown,
                     localText: String(CivilDate.rfc3339(Self.floorSeconds(local ?? milliseconds)).dropLast()),
                     severity: severity, logName: stored.log, fileName: (stored.path as NSString).lastPathComponent,
                     gateway: gatewayName, eventKind: kind, label: label, message: message)
    }

    /// A name from a log matched to a gateway: the same name, or its first DNS label.
    private func resolve(_ name: String) -> GatewaySelection.Gateway? {
        allGateways.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }
            ?? allGateways.first { ($0.name.split(separator: ".").first.map(String.init) ?? $0.name).caseInsensitiveCompare(name) == .orderedSame }
    }

    // MARK: - Bursts

    private func bursts(_ entries: [Entry]) -> [TimelineItem] {
        struct Key: Hashable {
            var gateway: String?
            var fileID: Int64
            var label: String
            var zoneKnown: Bool
            var beforeWindow: Bool
        }
        var open: [Key: [Entry]] = [:]
        var order: [Key] = []
        var groups: [[Entry]] = []
        for entry in entries {
            let key = Key(gateway: entry.gateway, fileID: entry.fileID, label: entry.label, zoneKnown: entry.zoneKnown,
                          beforeWindow: entry.zoneKnown && entry.instant < window.start)
            if let members = open[key], let last = members.last, entry.instant - last.instant <= TimelinePolicy.burstGapSeconds {
                open[key]?.append(entry)
            } else {
                if let members = open[key] { groups.append(members) }
                if open[key] == nil { order.append(key) }
                open[key] = [entry]
            }
        }
        for key in order { if let members = open[key] { groups.append(members) } }
        return groups.map(item)
    }

    private func item(_ members: [Entry]) -> TimelineItem {
        let first = members[0]
        let last = members[members.count - 1]
        let severity = members.map(\.severity).max() ?? .info
        let inWindow = first.zoneKnown && window.start <= first.instant && first.instant < window.end
        var text: String
        let kind: String
        let ref: String
        let origin: String
        var end: UnixSeconds?
        if members.count == 1 {
            kind = first.eventKind.map { $0 == "error" ? "log_error" : "log_event" } ?? (first.severity == .error ? "log_error" : "log_warning")
            text = (first.eventKind.map { $0 == "error" ? "" : "\($0): " } ?? "") + TimelineWords.firstLine(first.message)
            ref = "log_entry/\(first.id)"
            origin = "\(first.fileName) line \(first.line)"
        } else {
            kind = "log_burst"
            end = last.instant
            let clock = { (t: UnixSeconds) -> String in
                first.zoneKnown ? self.clock(t, reference: first.instant) : String(CivilDate.rfc3339(t).dropLast().dropFirst(11).prefix(5))
            }
            text = "\(members.count) × \(first.label) between \(clock(first.instant)) and \(clock(last.instant))"
            ref = "log_burst/\(first.id)"
            origin = "\(first.fileName) lines \(first.line)–\(last.line)"
        }
        if !first.zoneKnown { text += " (time zone unknown: local time as written)" }
        var result = TimelineItem(
            at: first.zoneKnown ? Timestamp.format(first.instant) : nil,
            atLocal: first.zoneKnown ? zone.format(first.instant) : first.localText,
            end: first.zoneKnown ? end.map(Timestamp.format) : nil,
            source: .log, kind: kind, severity: severity, gateway: first.gateway, text: text, ref: ref, origin: origin,
            zoneKnown: first.zoneKnown, inWindow: inWindow, members: members.count > 1 ? members.map { "log_entry/\($0.id)" } : nil,
            instant: first.instant, endInstant: end)
        result.facts.logError = severity == .error
        result.facts.count = members.count
        return result
    }

    private func clock(_ instant: UnixSeconds, reference: UnixSeconds) -> String {
        let time = String(zone.format(instant).dropFirst(11).prefix(5))
        return zone.date(instant) == zone.date(reference) ? time : zone.date(instant) + " " + time
    }

    // MARK: - Words

    static func floorSeconds(_ milliseconds: Int64) -> Int64 {
        milliseconds >= 0 ? milliseconds / 1000 : -((-milliseconds + 999) / 1000)
    }

    static func severity(_ value: Int64?) -> TimelineSeverity {
        switch value ?? 1 {
        case 3...: .error
        case 2: .warning
        default: .info
        }
    }

    /// `CMGConnector_Forbidden` when a rule captured a reason, else `kind: capture, capture`.
    static func label(kind: String, fields: String?) -> String {
        guard let fields, let data = fields.data(using: .utf8),
              let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { return kind }
        if let reason = object["reason"] as? String, !reason.isEmpty { return reason }
        let values = object.keys.sorted().filter { $0 != "gateway" }.compactMap { object[$0] as? String }.filter { !$0.isEmpty }
        return values.isEmpty ? kind : kind + ": " + values.joined(separator: ", ")
    }

    /// A message's first line with every run of digits shown as `#`, so that the same error
    /// about different numbers collapses into one burst.
    static func blurred(_ message: String) -> String {
        var out = ""
        var inDigits = false
        for c in TimelineWords.firstLine(message, limit: 100) {
            if c.isASCII, c.isNumber {
                if !inDigits { out.append("#") }
                inDigits = true
            } else {
                out.append(c)
                inDigits = false
            }
        }
        return out
    }
}
