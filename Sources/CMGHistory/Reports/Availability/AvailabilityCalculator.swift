/// Computes availability and incidents from state spans (DESIGN §4, "Semantics every report shares").
///
/// A snapshot holds until the next snapshot of its gateway but never longer than the staleness
/// limit; time not covered is unknown. Within a span snapshots are never further apart than the
/// limit, so a span covers `[first, min(last + limit, next span's first))`.
struct AvailabilityCalculator {
    struct Span {
        var first: UnixSeconds
        var last: UnixSeconds
        var code: Int64?
        var state: String
        var description: String
        var isReady: Bool { code == GatewayState.ready.rawValue }
    }

    let spans: [Span]
    let staleAfter: Int64

    /// The calculator over the gateway's spans that start before `end`.
    static func load(_ reads: some ReportReads, gatewayID: Int64, before end: UnixSeconds) throws -> AvailabilityCalculator {
        let spans = try reads.stateSpans(gatewayID: gatewayID, before: end)
        // Spans are built with the importer's staleness limit; all reports share that default.
        return AvailabilityCalculator(spans: spans, staleAfter: StalenessPolicy.defaultLimitSeconds)
    }

    /// Ready, not-ready and unknown seconds inside `[start, end)`.
    func seconds(from start: UnixSeconds, to end: UnixSeconds) -> (ready: Int64, notReady: Int64, unknown: Int64) {
        var ready: Int64 = 0
        var notReady: Int64 = 0
        for (index, span) in spans.enumerated() {
            let nextFirst = index + 1 < spans.count ? spans[index + 1].first : Int64.max
            let coverEnd = min(span.last + staleAfter, nextFirst)
            let overlap = max(0, min(coverEnd, end) - max(span.first, start))
            if span.isReady { ready += overlap } else { notReady += overlap }
        }
        return (ready, notReady, (end - start) - ready - notReady)
    }

    /// Incidents overlapping `[start, end)`, in order.
    func incidents(from start: UnixSeconds, to end: UnixSeconds, zone: ReportZone) -> [Incident] {
        var result: [Incident] = []
        var open: (start: UnixSeconds, states: [String], descriptions: [String])?
        func close(at instant: UnixSeconds?) {
            guard let run = open else { return }
            open = nil
            // Overlaps the period: starts before its end, and ends (or is still open) after its start.
            guard run.start < end, (instant ?? Int64.max) > start else { return }
            result.append(Incident(startInstant: run.start, endInstant: instant, periodEnd: end,
                                   states: run.states, descriptions: run.descriptions, zone: zone))
        }
        for span in spans {
            if span.isReady {
                close(at: span.first)
            } else if var run = open {
                if !run.states.contains(span.state) { run.states.append(span.state) }
                if !span.description.isEmpty, !run.descriptions.contains(span.description) { run.descriptions.append(span.description) }
                open = run
            } else {
                open = (span.first, [span.state], span.description.isEmpty ? [] : [span.description])
            }
        }
        close(at: nil)
        return result
    }
}
