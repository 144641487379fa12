extension HistoryStore {
    /// The incident timeline of a window, from one snapshot of the database (DESIGN §4).
    ///
    /// Pure over one store snapshot: the same history and request give the same value. Render it
    /// with ``TimelineRender``, ``TimelineHTML`` or ``JSONRender``; write an evidence bundle
    /// with ``TimelineBundle``.
    public func timeline(_ request: TimelineRequest) throws -> Timeline {
        try snapshot { try TimelineBuilder(reads: $0, request: request).build() }
    }
}

/// Gathers every source's items, groups the incidents and ranks their causes.
struct TimelineBuilder {
    let reads: any TimelineReads
    let request: TimelineRequest

    func build() throws -> Timeline {
        let window = request.window
        let zone = request.zone
        let all = try reads.gateways(named: [])
        let gateways = try reads.gateways(named: request.gateways)

        // Incidents first: one that started before the window needs its lead-up collected too.
        var calculators: [Int64: AvailabilityCalculator] = [:]
        var incidents: [(GatewaySelection.Gateway, Incident)] = []
        for gateway in gateways {
            // Spans are built with the importer's staleness limit; all reports share that default.
            let calculator = AvailabilityCalculator(spans: try reads.stateSpans(gatewayID: gateway.id, before: window.end),
                                                    staleAfter: StalenessPolicy.defaultLimitSeconds)
            calculators[gateway.id] = calculator
            incidents += calculator.incidents(from: window.start, to: window.end, zone: zone).map { (gateway, $0) }
        }
        let rangeStart = min(window.start, (incidents.map(\.1.startInstant).min() ?? window.start) - request.leadUpSeconds)

        var items: [TimelineItem] = []
        for gateway in gateways {
            let collector = TimelineCollector(reads: reads, zone: zone, window: window, rangeStart: rangeStart, gateway: gateway)
            if let calculator = calculators[gateway.id] { items += collector.statusItems(calculator) }
            items += try collector.operationItems()
            items += try collector.credentialItems()
            items += try collector.configurationItems()
            items += try collector.connectionPointItems()
            items += try collector.trafficItems()
        }
        let selected = request.gateways.isEmpty ? nil : Set(gateways.map(\.id))
        items += try TimelineLogs(reads: reads, zone: zone, window: window, rangeStart: rangeStart, allGateways: all, selected: selected).items()
        items.sort(by: Self.order)

        // Incident groups.
        var groups: [TimelineIncident] = []
        var cited: Set<String> = []
        for (gateway, incident) in incidents {
            let plannedBy = CauseRanking.plannedBy(gateway: gateway.name, start: incident.startInstant, states: incident.states,
                                                   items: items, leadUp: request.leadUpSeconds)
            let causes = plannedBy == nil
                ? CauseRanking.causes(gateway: gateway.name, start: incident.startInstant, items: items, leadUp: request.leadUpSeconds)
                : []
            cited.formUnion(causes.map(\.itemRef))
            if let plannedBy { cited.insert(plannedBy.ref) }
            let unknown = calculators[gateway.id]?.seconds(from: incident.startInstant, to: incident.endInstant ?? window.end).unknown ?? 0
            groups.append(TimelineIncident(
                gateway: gateway.name, start: Timestamp.format(incident.startInstant), startLocal: zone.format(incident.startInstant),
                end: incident.endInstant.map(Timestamp.format), endLocal: incident.endInstant.map(zone.format),
                durationSeconds: incident.durationSeconds, ongoing: incident.ongoing, startedBeforeWindow: incident.startInstant < window.start,
                planned: plannedBy != nil, plannedBy: plannedBy?.ref, states: incident.states, descriptions: incident.descriptions,
                unknownSeconds: unknown, leadUpFrom: Timestamp.format(incident.startInstant - request.leadUpSeconds),
                leadUpFromLocal: zone.format(incident.startInstant - request.leadUpSeconds), causes: causes,
                startInstant: incident.startInstant, endInstant: incident.endInstant))
        }
        groups.sort { ($0.startInstant, $0.gateway) < ($1.startInstant, $1.gateway) }

        // What is listed: items of the window at or above the severity asked for, log entries of
        // unknown zone that could fall in it, and every item an incident cites.
        let listed = items.filter { item in
            if cited.contains(item.ref) { return true }
            guard item.severity >= request.minSeverity else { return false }
            return item.inWindow || !item.zoneKnown
        }
        return Timeline(from: zone.format(window.start), to: zone.format(window.end), timeZone: zone.identifier,
                        gateways: gateways.map(\.name), minSeverity: request.minSeverity, leadUpSeconds: request.leadUpSeconds,
                        stalenessLimitSeconds: StalenessPolicy.defaultLimitSeconds, items: listed, incidents: groups,
                        causeRule: CauseRanking.rule, provenance: nil, window: window)
    }

    /// UTC instant, then the state at the window's start before anything else at that instant,
    /// then source order (cause before effect), gateway and reference. Entries of unknown zone
    /// come last, by local time.
    static func order(_ a: TimelineItem, _ b: TimelineItem) -> Bool {
        func key(_ i: TimelineItem) -> (Int, Int64, Int, Int, String, String) {
            (i.zoneKnown ? 0 : 1, i.instant, i.kind == "state_at_window_start" ? 0 : 1, i.source.order, i.gateway ?? "", i.ref)
        }
        return key(a) < key(b)
    }
}
