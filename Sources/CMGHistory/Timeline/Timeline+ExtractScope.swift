extension Timeline {
    /// What an extract of this timeline must hold: its gateways and window, from where its
    /// evidence begins (the window's start, an incident's lead-up, or an item it lists from
    /// before the window, whichever is earliest).
    var extractScope: ExtractScope {
        let leadUps = incidents.map { $0.startInstant - leadUpSeconds }
        let start = ([window.start] + leadUps + items.filter(\.zoneKnown).map(\.instant)).min() ?? window.start
        return ExtractScope(gateways: gateways, window: window, evidenceStart: start)
    }
}
