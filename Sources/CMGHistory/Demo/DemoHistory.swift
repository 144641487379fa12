/// A realistic, deterministic synthetic history of two CMGs as NDJSON v1 lines (DESIGN §3.1),
/// for demos, screenshots and end-to-end tests.
///
/// The history covers `[end - days·86400, end)` for two gateways of site PS1:
/// `GraniteFalls.contoso.com` (WestUS, Standard_A2_v2 × 2, about 1,800 online clients at peak,
/// connection points `cmgcp1`/`cmgcp2`) and `CedarRapids.contoso.com` (EastUS,
/// Standard_A2_v2 × 1, about 600 at peak, connection point `cmgcp3`). Online clients follow a
/// daily rhythm in the gateway's local time (US DST applied), a weekly one (weekends about 40 %
/// of weekdays) and a slow growth (about 15 % over 120 days), with small noise. Every 5 minutes
/// each gateway gets an online-clients sample and request statistics for three endpoints;
/// every 10 minutes (and at every state change) a status snapshot; every 30 minutes (and at
/// every change) its connection points' status; every hour its egress and storage used.
///
/// The story, placed at fixed shares of the window (on windows of 10 days or more snapped to a
/// plausible time of day; on shorter windows placed proportionally with durations shrunk to
/// fit):
/// - 25 %: a `sync_config` of GraniteFalls;
/// - 40 %: `cmgcp2.contoso.com` partially online (status 1) for about 3 hours;
/// - 55 %: GraniteFalls' server certificate, expiring 9 days later, is renewed (`credential`
///   records for the old and the new certificate, and a `renew_server_certificate` operation);
/// - 65 %: a planned `stop` of CedarRapids on a weekend night: Stopping → Stopped for about
///   6 hours → Starting → Ready, with no clients and no endpoint traffic meanwhile;
/// - 80 %: GraniteFalls' Entra ID app secret expires; the gateway is in `Error` for about
///   10 hours, clients fall to about 5 %, until a `renew_app_secret` brings it back to Ready.
///
/// The output is a pure function of `(days, seed, end)`: no clock is read and all noise comes
/// from a seeded generator, so the same arguments give byte-identical lines. The default
/// 120 days make about 340,000 lines; the count grows linearly with `days`.
///
/// ```swift
/// try DemoHistory(days: 30).writeLines { line in print(line) }
/// ```
package struct DemoHistory: Sendable {
    /// 2026-11-01T00:00:00Z.
    package static let defaultEnd: UnixSeconds = 1_793_491_200

    /// The longest window generated, in days; longer requests are cut to it.
    package static let maximumDays = 36_500

    /// Days covered, from 1 to ``maximumDays``.
    package let days: Int
    /// Seeds all noise and identifiers.
    package let seed: UInt64
    /// The window's exclusive end.
    package let end: UnixSeconds

    /// A history of `days` days (clamped to 1…``maximumDays``) ending just before `end`.
    package init(days: Int = 120, seed: UInt64 = 1, end: UnixSeconds = DemoHistory.defaultEnd) {
        self.days = min(max(days, 1), Self.maximumDays)
        self.seed = seed
        self.end = end
    }

    /// The window's inclusive start.
    package var start: UnixSeconds { end - Int64(days) * 86_400 }

    /// Calls `emit` with each NDJSON line (no trailing newline), in time order.
    ///
    /// Lines are ordered by their `at` (operations by `requested_at`); credential lines come
    /// where the credential is first known: at the window's start for those that existed all
    /// along, at the renewal's completion for renewed ones.
    package func writeLines(_ emit: (String) throws -> Void) rethrows {
        var generator = DemoGenerator(history: self)
        try generator.run(emit)
    }
}

// MARK: - Generator

private struct DemoGateway {
    var name: String
    var region: String
    var instances: Int
    /// Weekday mid-day clients at the window's end.
    var peakClients: Double
    /// Standard-time UTC offset of the clients' time zone, in hours (US DST applies).
    var standardOffsetHours: Int64
    var servers: [String]
    var egressThresholdGB: Int
    var egressBytesPerClientHour: Double
    var storageAtEnd: Double
    /// Storage growth over 120 days, in bytes.
    var storageGrowth: Double
    var appName: String
}

private struct EndpointModel {
    var name: String
    var requestsPerClient: Double
    var requestBytes: Double
    var responseBytes: Double
    var elapsedLow: Double
    var elapsedHigh: Double
}

private struct StateSpan {
    var from: UnixSeconds
    var to: UnixSeconds
    var state: GatewayState
    var description: String
}

private struct ConnectionPointSpan {
    var gateway: Int
    var server: String
    var from: UnixSeconds
    var to: UnixSeconds
    var status: Int
}

private struct PendingLine {
    var key: UnixSeconds
    var line: String
}

private struct DemoGenerator {
    let start: UnixSeconds
    let end: UnixSeconds
    let span: Int64
    let snapsToTimeOfDay: Bool
    var noise: SplitMix64
    var storyRandom: SplitMix64

    let gateways: [DemoGateway] = [
        DemoGateway(name: "GraniteFalls.contoso.com", region: "WestUS", instances: 2, peakClients: 1_750,
                    standardOffsetHours: -8, servers: ["cmgcp1.contoso.com", "cmgcp2.contoso.com"],
                    egressThresholdGB: 10_000, egressBytesPerClientHour: 150_000,
                    storageAtEnd: 1.3e9, storageGrowth: 0.4e9, appName: "CMG-GraniteFalls-ServerApp"),
        DemoGateway(name: "CedarRapids.contoso.com", region: "EastUS", instances: 1, peakClients: 585,
                    standardOffsetHours: -5, servers: ["cmgcp3.contoso.com"],
                    egressThresholdGB: 5_000, egressBytesPerClientHour: 140_000,
                    storageAtEnd: 1.2e9, storageGrowth: 0.3e9, appName: "CMG-CedarRapids-ServerApp"),
    ]

    let endpoints: [EndpointModel] = [
        EndpointModel(name: "CCM_STS", requestsPerClient: 0.30, requestBytes: 1_406, responseBytes: 47,
                      elapsedLow: 2_600, elapsedHigh: 3_950),
        EndpointModel(name: "SMS_MP", requestsPerClient: 1.10, requestBytes: 1_452, responseBytes: 1_830,
                      elapsedLow: 140, elapsedHigh: 620),
        EndpointModel(name: "/CCM_Proxy_MutualAuth/72057594037927939", requestsPerClient: 0.25,
                      requestBytes: 1_338, responseBytes: 612, elapsedLow: 55, elapsedHigh: 260),
    ]

    static let tick: Int64 = 300
    static let statusCadence: Int64 = 600
    static let connectionPointCadence: Int64 = 1_800
    static let hour: Int64 = 3_600
    static let day: Int64 = 86_400
    static let secretExpiredText = "The Azure AD app secret has expired. Renew the secret key."

    // The story, filled in by `planStory`.
    var stateSpans: [[StateSpan]] = [[], []]
    var recoveries: [[UnixSeconds]] = [[], []]
    var connectionPointSpans: [ConnectionPointSpan] = []
    var pending: [PendingLine] = []

    init(history: DemoHistory) {
        end = history.end
        start = history.start
        span = end - start
        snapsToTimeOfDay = history.days >= 10
        noise = SplitMix64(seed: history.seed ^ 0x0C0F_FEE0_0D15_EA5E)
        storyRandom = SplitMix64(seed: history.seed &* 0x2545_F491_4F6C_DD1D &+ 0x5851_F42D)
    }

    // MARK: Story

    /// A duration `nominal` belonging to an episode whose main part lasts `main`, shrunk so the
    /// episode fits in 6 % of a short window.
    func scaled(_ nominal: Int64, main: Int64) -> Int64 {
        let cap = span * 6 / 100
        guard main > cap else { return nominal }
        return max(1, nominal * cap / main)
    }

    /// The instant `percent` % into the window; on long windows moved to `utcHour:minute` of that
    /// day plus a few random minutes and seconds.
    mutating func storyTime(percent: Int64, utcHour: Int64, minute: Int64) -> UnixSeconds {
        let raw = start + span / 100 * percent + span % 100 * percent / 100
        let jitter = storyRandom.below(6) * 60 + storyRandom.below(60)
        var t: UnixSeconds
        if snapsToTimeOfDay {
            t = raw.floorDivided(by: Self.day) * Self.day + utcHour * Self.hour + minute * 60 + jitter
        } else {
            t = raw + jitter % 60
        }
        t = min(max(t, start), end - 1)
        return t
    }

    mutating func thumbprint() -> String {
        let digits = Array("0123456789ABCDEF")
        var out = ""
        out.reserveCapacity(40)
        var word = storyRandom.next()
        for i in 0..<40 {
            if i == 16 || i == 32 { word = storyRandom.next() }
            out.append(digits[Int(word & 0xF)])
            word >>= 4
        }
        return out
    }

    mutating func planStory() {
        let gf = 0, cr = 1
        let gfName = gateways[gf].name, crName = gateways[cr].name
        let admin = "CONTOSO\\admin"

        // Credentials that exist from the start: each gateway's server certificate and app secret.
        // GraniteFalls' ones are the story's; CedarRapids' are comfortably valid.
        let syncRequested = storyTime(percent: 25, utcHour: 16, minute: 20)
        let cpFrom = storyTime(percent: 40, utcHour: 15, minute: 0)
        let certRequested = storyTime(percent: 55, utcHour: 17, minute: 5)
        let stopRequested = storyTime(percent: 65, utcHour: 2, minute: 0)
        let secretExpiry = storyTime(percent: 80, utcHour: 13, minute: 37)

        // sync_config
        add(syncRequested, operationLine(gfName, "sync_config", syncRequested, syncRequested + 252, admin,
                                         "Synchronize configuration after adding a management point"))

        // Connection point partially online.
        let cpDuration = scaled(2 * Self.hour + 55 * 60, main: 3 * Self.hour)
        connectionPointSpans.append(ConnectionPointSpan(gateway: gf, server: gateways[gf].servers[1],
                                                        from: cpFrom, to: cpFrom + cpDuration, status: 1))

        // Server certificate renewal.
        let oldCertExpiry = certRequested + 9 * Self.day + 5 * Self.hour + 13 * 60 + 7
        let oldCertNotBefore = oldCertExpiry - 365 * Self.day
        let newCertNotBefore = certRequested - 20 * Self.hour - 11 * 60 - 42
        let newCertExpiry = newCertNotBefore + 365 * Self.day
        let certCompleted = certRequested + 23 * 60 + 18
        let subject = "CN=\(gfName)"
        add(start, credentialLine(gfName, kind: "server_certificate", name: nil, subject: subject,
                                  thumbprint: thumbprint(), notBefore: oldCertNotBefore, expires: oldCertExpiry))
        add(certRequested, operationLine(gfName, "renew_server_certificate", certRequested, certCompleted, admin,
                                         "Replaced the expiring server authentication certificate"))
        add(certCompleted, credentialLine(gfName, kind: "server_certificate", name: nil, subject: subject,
                                          thumbprint: thumbprint(), notBefore: newCertNotBefore, expires: newCertExpiry))

        // App secrets.
        let secretMain = 10 * Self.hour
        let oldSecretNotBefore = secretExpiry - 730 * Self.day
        add(start, credentialLine(gfName, kind: "app_secret", name: gateways[gf].appName, subject: nil,
                                  thumbprint: nil, notBefore: oldSecretNotBefore, expires: secretExpiry))
        let crCertNotBefore = end - 140 * Self.day + 9 * Self.hour + 41 * 60 + 3
        add(start, credentialLine(crName, kind: "server_certificate", name: nil, subject: "CN=\(crName)",
                                  thumbprint: thumbprint(), notBefore: crCertNotBefore,
                                  expires: crCertNotBefore + 365 * Self.day))
        let crSecretNotBefore = end - 300 * Self.day + 14 * Self.hour + 2 * 60 + 51
        add(start, credentialLine(crName, kind: "app_secret", name: gateways[cr].appName, subject: nil,
                                  thumbprint: nil, notBefore: crSecretNotBefore,
                                  expires: crSecretNotBefore + 730 * Self.day))

        // Planned stop and start of CedarRapids.
        let stopMain = 6 * Self.hour
        let stopCompleted = stopRequested + scaled(8 * 60 + 23, main: stopMain)
        let startRequested = stopCompleted + scaled(stopMain, main: stopMain)
        let startCompleted = startRequested + scaled(17 * 60 + 41, main: stopMain)
        stateSpans[cr].append(StateSpan(from: stopRequested, to: stopCompleted, state: .stopping, description: ""))
        stateSpans[cr].append(StateSpan(from: stopCompleted, to: startRequested, state: .stopped, description: ""))
        stateSpans[cr].append(StateSpan(from: startRequested, to: startCompleted, state: .starting, description: ""))
        recoveries[cr].append(startCompleted)
        add(stopRequested, operationLine(crName, "stop", stopRequested, stopCompleted, admin,
                                         "Planned stop for the monthly maintenance window"))
        add(startRequested, operationLine(crName, "start", startRequested, startCompleted, admin,
                                          "Start after the maintenance window"))

        // The app secret expires: Error until the secret is renewed.
        let errorFrom = secretExpiry + min(4 * 60, scaled(4 * 60, main: secretMain))
        let renewRequested = secretExpiry + scaled(9 * Self.hour + 47 * 60 + 12, main: secretMain)
        let renewCompleted = renewRequested + scaled(6 * 60 + 31, main: secretMain)
        stateSpans[gf].append(StateSpan(from: errorFrom, to: renewCompleted, state: .error,
                                        description: Self.secretExpiredText))
        recoveries[gf].append(renewCompleted)
        add(renewRequested, operationLine(gfName, "renew_app_secret", renewRequested, renewCompleted, admin,
                                          "Renewed the server app secret key in the Azure Services wizard"))
        add(renewCompleted, credentialLine(gfName, kind: "app_secret", name: gateways[gf].appName, subject: nil,
                                           thumbprint: nil, notBefore: renewRequested,
                                           expires: renewRequested + 730 * Self.day))

        // Stable order: by key, then as added.
        pending = pending.enumerated()
            .sorted { $0.element.key != $1.element.key ? $0.element.key < $1.element.key : $0.offset < $1.offset }
            .map(\.element)
    }

    mutating func add(_ key: UnixSeconds, _ line: String) {
        // Whatever the story places at or after the window's end is left out.
        guard key < end else { return }
        pending.append(PendingLine(key: max(key, start), line: line))
    }

    // MARK: Run

    mutating func run(_ emit: (String) throws -> Void) rethrows {
        planStory()
        let startText = CivilDate.rfc3339(start)
        for g in gateways {
            try emit(#"{"type":"gateway","gateway":"\#(g.name)","at":"\#(startText)","site":"PS1","region":"\#(g.region)","vm_size":"Standard_A2_v2","instances":\#(g.instances)}"#)
        }
        for g in gateways {
            try emit(#"{"type":"alert_config","gateway":"\#(g.name)","at":"\#(startText)","egress_threshold_gb":\#(g.egressThresholdGB),"egress_warning_pct":50,"egress_critical_pct":90,"stop_on_critical":false,"storage_quota_gb":2,"storage_warning_pct":50,"storage_critical_pct":90}"#)
        }

        var next = 0
        var lastState: [GatewayState?] = Array(repeating: nil, count: gateways.count)
        var lastConnectionPoint: [[Int]] = gateways.map { Array(repeating: -1, count: $0.servers.count) }
        var hourClients = Array(repeating: 0.0, count: gateways.count)
        var hourRunning = Array(repeating: 0, count: gateways.count)
        var hourTicks = 0

        var t = ceilDiv(start, Self.tick) * Self.tick
        while t < end {
            while next < pending.count, pending[next].key <= t {
                try emit(pending[next].line)
                next += 1
            }
            let at = CivilDate.rfc3339(t)
            hourTicks += 1
            for (index, g) in gateways.enumerated() {
                let (state, description) = stateAt(gateway: index, t)
                if t % Self.statusCadence == 0 || lastState[index] != state {
                    try emit(#"{"type":"status","gateway":"\#(g.name)","at":"\#(at)","state":"\#(state.text)","state_code":\#(state.rawValue),"description":"\#(description)"}"#)
                    lastState[index] = state
                }
                for (s, server) in g.servers.enumerated() {
                    let status = connectionPointStatus(gateway: index, server: server, t)
                    if t % Self.connectionPointCadence == 0 || lastConnectionPoint[index][s] != status {
                        try emit(#"{"type":"connection_point","gateway":"\#(g.name)","server":"\#(server)","at":"\#(at)","status":\#(status)}"#)
                        lastConnectionPoint[index][s] = status
                    }
                }
                let running = !Self.isDown(state)
                let clients = running ? onlineClients(gateway: index, state: state, t) : 0
                try emit(#"{"type":"online_clients","gateway":"\#(g.name)","at":"\#(at)","count":\#(clients)}"#)
                if running {
                    for endpoint in endpoints {
                        try emit(trafficLine(g, endpoint, at: at, clients: clients, state: state))
                    }
                    hourRunning[index] += 1
                }
                hourClients[index] += Double(clients)
            }
            if t % Self.hour == 0 {
                for (index, g) in gateways.enumerated() {
                    let meanClients = hourClients[index] / Double(max(hourTicks, 1))
                    let runningShare = Double(hourRunning[index]) / Double(max(hourTicks, 1))
                    let bytes = meanClients * g.egressBytesPerClientHour * (1 + 0.05 * noise.gauss())
                        + runningShare * (6_000_000 + 1_000_000 * noise.unit())
                    try emit(#"{"type":"egress","gateway":"\#(g.name)","at":"\#(at)","interval_s":3600,"bytes":\#(Self.whole(bytes))}"#)
                    let behind = Double(end - t) / Double(120 * Self.day)
                    let used = max(0.3e9, g.storageAtEnd - g.storageGrowth * behind) + 2_000_000 * noise.gauss()
                    try emit(#"{"type":"storage","gateway":"\#(g.name)","at":"\#(at)","used_bytes":\#(Self.whole(used))}"#)
                }
                hourClients = hourClients.map { _ in 0 }
                hourRunning = hourRunning.map { _ in 0 }
                hourTicks = 0
            }
            t += Self.tick
        }
        while next < pending.count {
            try emit(pending[next].line)
            next += 1
        }
    }

    // MARK: Models

    static func isDown(_ state: GatewayState) -> Bool {
        switch state {
        case .stopping, .stopped, .starting, .provisioning, .deleting: true
        case .ready, .error, .performingMaintenance: false
        }
    }

    func stateAt(gateway: Int, _ t: UnixSeconds) -> (GatewayState, String) {
        for s in stateSpans[gateway] where s.from <= t && t < s.to {
            return (s.state, s.description)
        }
        return (.ready, "")
    }

    func connectionPointStatus(gateway: Int, server: String, _ t: UnixSeconds) -> Int {
        for s in connectionPointSpans where s.gateway == gateway && s.server == server && s.from <= t && t < s.to {
            return s.status
        }
        return 2
    }

    mutating func onlineClients(gateway index: Int, state: GatewayState, _ t: UnixSeconds) -> Int64 {
        let g = gateways[index]
        let offset = g.standardOffsetHours + (Self.isUSDaylightTime(t, standardOffsetHours: g.standardOffsetHours) ? 1 : 0)
        let local = t + offset * Self.hour
        let localDay = local.floorDivided(by: Self.day)
        let hourOfDay = Double(local - localDay * Self.day) / Double(Self.hour)
        let weekday = mod(localDay + 4, 7)  // 0 = Sunday; 1970-01-01 was a Thursday.
        let d = (hourOfDay - 13) / 7
        let bump = abs(d) < 1 ? (1 - d * d) * (1 - d * d) : 0
        var shape = 0.15 + 0.85 * bump
        if weekday == 0 || weekday == 6 { shape *= 0.4 }
        // Hyperbolic growth: 15 % over the 120 days before `end`, never negative further back.
        let growth = 1 / (1 + 0.15 * Double(end - t) / Double(120 * Self.day))
        var clients = g.peakClients * shape * growth
        if state == .error { clients *= 0.05 }
        for r in recoveries[index] where t >= r && t < r + 1_800 {
            clients *= 0.35 + 0.65 * Double(t - r) / 1_800
        }
        clients *= 1 + 0.03 * noise.gauss()
        return Self.whole(clients)
    }

    mutating func trafficLine(_ g: DemoGateway, _ e: EndpointModel, at: String, clients: Int64,
                              state: GatewayState) -> String {
        let requests = Self.whole(Double(clients) * e.requestsPerClient * (1 + 0.04 * noise.gauss()))
        let requestBytes = Self.whole(Double(requests) * e.requestBytes * (1 + 0.03 * noise.gauss()))
        let responseBytes = Self.whole(Double(requests) * e.responseBytes * (1 + 0.05 * noise.gauss()))
        let load = min(1, Double(clients) / g.peakClients)
        var elapsed = e.elapsedLow + (e.elapsedHigh - e.elapsedLow) * (0.4 * load + 0.6 * noise.unit())
        if state == .error { elapsed *= 1.6 }
        let elapsedMs = min(4_000, max(50, Self.whole(elapsed)))
        return #"{"type":"endpoint_traffic","gateway":"\#(g.name)","endpoint":"\#(e.name)","at":"\#(at)","interval_s":300,"request_count":\#(requests),"request_bytes":\#(requestBytes),"response_count":\#(requests),"response_bytes":\#(responseBytes),"avg_elapsed_ms":\#(elapsedMs)}"#
    }

    // MARK: Lines

    func operationLine(_ gateway: String, _ kind: String, _ requested: UnixSeconds, _ completed: UnixSeconds,
                       _ actor: String, _ note: String) -> String {
        let escapedActor = actor.replacingBackslashes()
        return #"{"type":"operation","gateway":"\#(gateway)","kind":"\#(kind)","requested_at":"\#(CivilDate.rfc3339(requested))","completed_at":"\#(CivilDate.rfc3339(completed))","outcome":"succeeded","actor":"\#(escapedActor)","note":"\#(note)"}"#
    }

    func credentialLine(_ gateway: String, kind: String, name: String?, subject: String?, thumbprint: String?,
                        notBefore: UnixSeconds, expires: UnixSeconds) -> String {
        var line = #"{"type":"credential","gateway":"\#(gateway)","kind":"\#(kind)""#
        if let name { line += #","name":"\#(name)""# }
        if let subject { line += #","subject":"\#(subject)""# }
        if let thumbprint { line += #","thumbprint":"\#(thumbprint)""# }
        line += #","not_before":"\#(CivilDate.rfc3339(notBefore))","expires_at":"\#(CivilDate.rfc3339(expires))"}"#
        return line
    }

    // MARK: Arithmetic

    static func whole(_ value: Double) -> Int64 {
        guard value.isFinite, value > 0 else { return 0 }
        return Int64(min(value, 9e15).rounded())
    }

    /// Whether US daylight saving time is in effect at `t` in a zone with the given standard
    /// offset: from 02:00 standard time on the second Sunday of March to 02:00 daylight time
    /// (01:00 standard) on the first Sunday of November.
    static func isUSDaylightTime(_ t: UnixSeconds, standardOffsetHours: Int64) -> Bool {
        let localStandard = t + standardOffsetHours * hour
        let year = CivilDate.civil(daysFromEpoch: localStandard.floorDivided(by: day)).year
        func firstSunday(month: Int64) -> Int64 {
            let first = CivilDate.daysFromEpoch(year: year, month: month, day: 1)
            return first + mod(7 - mod(first + 4, 7), 7)
        }
        let begins = (firstSunday(month: 3) + 7) * day + 2 * hour
        let ends = firstSunday(month: 11) * day + 1 * hour
        return localStandard >= begins && localStandard < ends
    }
}

private func ceilDiv(_ a: Int64, _ b: Int64) -> Int64 {
    -(-a).floorDivided(by: b)
}

private func mod(_ a: Int64, _ b: Int64) -> Int64 {
    a - a.floorDivided(by: b) * b
}

private extension String {
    /// The text with each backslash doubled, for a JSON string literal.
    func replacingBackslashes() -> String {
        var out = ""
        for c in self {
            if c == "\\" { out += "\\\\" } else { out.append(c) }
        }
        return out
    }
}
