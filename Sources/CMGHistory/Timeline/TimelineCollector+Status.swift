extension TimelineCollector {
    /// State changes, unknown periods, and the state the window starts in, from the gateway's
    /// state spans (the availability report's spans: a snapshot holds until the next one but
    /// never longer than the staleness limit).
    ///
    /// - `state_change`: the first snapshot of a different state (or the first snapshot ever);
    /// - `state_description_changed`: same state, a new description;
    /// - `state_resumed`: the same state again after a time with no status data;
    /// - `unknown_period`: no snapshot newer than the staleness limit, from where the last one
    ///   lapsed to the next one (or the window's end);
    /// - `state_at_window_start`: what held when the window opens (a window may start mid-incident).
    func statusItems(_ calculator: AvailabilityCalculator) -> [TimelineItem] {
        let spans = calculator.spans
        let stale = calculator.staleAfter
        let name = gateway.name
        var items: [TimelineItem] = []
        let inRange = { (t: UnixSeconds) in rangeStart <= t && t < rangeEnd }

        for (index, span) in spans.enumerated() {
            let previous = index > 0 ? spans[index - 1] : nil
            // The unknown gap before this span, if the previous one lapsed first.
            if let previous, previous.last + stale < span.first, inRange(previous.last + stale) {
                items.append(unknownItem(from: previous.last + stale, to: span.first, lastSnapshot: previous.last))
            }
            guard inRange(span.first) else { continue }
            let description = span.description.isEmpty ? "" : ": " + span.description
            let kind: String
            let text: String
            if let previous {
                let gap = previous.last + stale < span.first
                let sameState = previous.state == span.state && previous.code == span.code
                if gap && sameState {
                    kind = "state_resumed"
                    text = "status data again: still \(span.state)\(description)"
                } else if sameState {
                    kind = "state_description_changed"
                    text = "\(span.state), new description\(description)"
                } else {
                    kind = "state_change"
                    text = "\(previous.state) → \(span.state)\(gap ? " (after a time with no status data)" : "")\(description)"
                }
            } else {
                kind = "state_change"
                text = "first status: \(span.state)\(description)"
            }
            items.append(item(at: span.first, source: .status, kind: kind, severity: TimelineWords.severity(stateCode: span.code),
                              gateway: name, text: text, ref: "status/\(name)/\(Timestamp.format(span.first))",
                              origin: "status snapshot \(Timestamp.format(span.first))"))
        }
        // After the last span, nothing is known up to the window's end.
        if let last = spans.last, last.last + stale < rangeEnd, inRange(last.last + stale) {
            items.append(unknownItem(from: last.last + stale, to: nil, lastSnapshot: last.last))
        }
        items.append(windowStartItem(spans, stale: stale))
        return items
    }

    private func unknownItem(from start: UnixSeconds, to end: UnixSeconds?, lastSnapshot: UnixSeconds) -> TimelineItem {
        let text: String
        if let end {
            text = "no status data for \(DurationText.format(end - start)), until \(clock(end, reference: start)): neither up nor down"
        } else {
            text = "no status data from here to the window's end: neither up nor down"
        }
        return item(at: start, end: end ?? window.end, source: .status, kind: "unknown_period", severity: .warning,
                    gateway: gateway.name, text: text, ref: "unknown/\(gateway.name)/\(Timestamp.format(start))",
                    origin: "derived: the last status snapshot (\(Timestamp.format(lastSnapshot))) is older than \(StalenessPolicy.defaultLimitSeconds / 60) minutes")
    }

    /// The state holding at the window's start, or that none is known.
    private func windowStartItem(_ spans: [AvailabilityCalculator.Span], stale: Int64) -> TimelineItem {
        let start = window.start
        let ref = "status/\(gateway.name)/window_start"
        for (index, span) in spans.enumerated() where span.first <= start {
            let coverEnd = min(span.last + stale, index + 1 < spans.count ? spans[index + 1].first : Int64.max)
            guard start < coverEnd else { continue }
            let description = span.description.isEmpty ? "" : ": " + span.description
            return item(at: start, source: .status, kind: "state_at_window_start", severity: TimelineWords.severity(stateCode: span.code),
                        gateway: gateway.name, text: "\(span.state) since \(zone.date(span.first)) \(clock(span.first, reference: span.first)) (when the window opens)\(description)",
                        ref: ref, origin: "status snapshot \(Timestamp.format(span.first))")
        }
        let next = spans.first { $0.first > start }
        let text = next.map { "no status data when the window opens (the next snapshot is at \(clock($0.first, reference: start)))" }
            ?? "no status data when the window opens"
        return item(at: start, end: next.map { min($0.first, window.end) } ?? window.end, source: .status, kind: "state_at_window_start",
                    severity: .warning, gateway: gateway.name, text: text, ref: ref,
                    origin: "derived: no status snapshot within \(StalenessPolicy.defaultLimitSeconds / 60) minutes before the window")
    }
}
