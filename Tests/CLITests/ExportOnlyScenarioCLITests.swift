import Foundation
import Testing

/// Issue 12's hidden scenario, built here: one CMG known only from what ConfigMgr exports, its
/// logs and `gateway set` (no NDJSON), imported in two orders. Every figure of `report capacity`
/// is checked against a computation from the generated model, not from library code.
@Suite("export-only scenario")
struct ExportOnlyScenarioCLITests {
    typealias S = ExportOnlyScenario
    typealias JSON = [String: Any]

    static let certificates = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/scenario")

    /// Writes every file of the scenario, and runs the imports with the logs first or last.
    func build(logsFirst: Bool) throws -> ScratchFolder {
        let folder = try ScratchFolder()
        func run(_ arguments: [String], allowing statuses: Set<Int32> = [0]) throws -> CLIRunner.Result {
            let result = try CLIRunner.run(arguments + ["--db", "h.sqlite"], in: folder.url)
            #expect(statuses.contains(result.status), "\(arguments): \(result.stdout)\(result.stderr)")
            return result
        }
        func write(_ name: String, _ data: Data) throws -> String {
            try data.write(to: folder.url.appendingPathComponent(name))
            return name
        }
        let exports = try S.exportFiles().map { try write($0.name, $0.data) }
        let logs = try S.logFiles().map { try write($0.name, $0.data) }
        let tasks = try write("tasks.csv", S.tasksCSV())
        let cp = try write("cp.csv", S.connectorsCSV())
        let bgb = try write("bgb.csv", S.bgbCSV())
        var certificates: [String] = []
        for name in ["GraniteFalls-2025.cer", "GraniteFalls-2026.cer"] {
            certificates.append(try write(name, try Data(contentsOf: Self.certificates.appendingPathComponent(name))))
        }
        let gatewaySet = ["gateway", "set", S.gateway, "--vm-size", "Standard_A2_v2", "--at", "2026-09-01T00:00:00Z"]
        if logsFirst {
            // The logs name the CMG GraniteFalls; `gateway set` with its full name, before any export, is that CMG.
            _ = try run(["ingest"] + logs)
            let folded = try run(gatewaySet)
            #expect(folded.stdout.contains("  folded gateway GraniteFalls into GraniteFalls.contoso.com: "), "\(folded.stdout)")
            _ = try run(["ingest"] + exports)
        } else {
            _ = try run(gatewaySet + ["--create-gateway"])
            _ = try run(["ingest"] + exports)
        }
        _ = try run(["ingest", tasks, cp])
        // The repeated hour's second pass writes local times the first pass wrote: conflicts, kept first.
        let online = try run(["ingest", "--gateway", S.gateway, "--source-tz", "Europe/Berlin", bgb], allowing: [0, 1])
        #expect(online.stderr.components(separatedBy: "where a DST change skips or repeats an hour): kept line").count == 13,
                "\(online.stdout)\(online.stderr)")
        _ = try run(["ingest"] + certificates)
        _ = try run(["credential", "add", "--gateway", "GraniteFalls", "--kind", "app_secret", "--name", "CMG-ServerApp",
                     "--expires", "2026-11-20T00:00:00Z", "--renewed", "2025-11-20T00:00:00Z"])
        _ = try run(["credential", "add", "--gateway", S.azureServiceID, "--kind", "app_secret", "--name", "CMG-ServerApp",
                     "--expires", "2028-10-10T00:00:00Z", "--renewed", "2026-10-10T09:30:00Z"])
        if !logsFirst {
            _ = try run(["ingest"] + logs)
        }
        return folder
    }

    func report(_ folder: ScratchFolder, _ arguments: [String]) throws -> (text: String, json: JSON) {
        let result = try CLIRunner.run(arguments + ["--db", "h.sqlite", "--format", "json", "--reproducible"], in: folder.url)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? JSON ?? [:]
        return (result.stdout, json)
    }

    func capacity(_ folder: ScratchFolder, month: String) throws -> (text: String, gateway: JSON) {
        let (text, json) = try report(folder, ["report", "capacity", "--month", month, "--tz", "Europe/Berlin"])
        let gateways = json["gateways"] as? [JSON] ?? []
        #expect(gateways.count == 1, "\(text)")
        return (text, gateways.first ?? [:])
    }

    @Test func bothImportOrdersGiveOneGatewayAndTheSameReports() throws {
        let logsFirst = try build(logsFirst: true)
        let exportsFirst = try build(logsFirst: false)
        for month in ["2026-09", "2026-10"] {
            let a = try capacity(logsFirst, month: month).text
            let b = try capacity(exportsFirst, month: month).text
            #expect(a == b, "\(month) differs by import order:\n\(a)\n---\n\(b)")
            for format in ["table", "markdown"] {
                let arguments = ["report", "capacity", "--month", month, "--tz", "Europe/Berlin", "--format", format, "--reproducible", "--db", "h.sqlite"]
                let a = try CLIRunner.run(arguments, in: logsFirst.url), b = try CLIRunner.run(arguments, in: exportsFirst.url)
                #expect(a.status == 0 && a.stdout == b.stdout, "\(month) \(format) differs by import order:\n\(a.stdout)\n---\n\(b.stdout)")
                // Where the 14-day figure comes from, and why there is no month total.
                #expect(a.stdout.contains("343.30 GB at 2026-10-27T23:45:00+01:00 (as ConfigMgr reported it)") == (month == "2026-10"), "\(a.stdout)")
                #expect(a.stdout.contains("no egress samples (the exports carry only ConfigMgr's 14-day figure)"), "\(a.stdout)")
            }
        }
        for folder in [logsFirst, exportsFirst] {
            let result = try CLIRunner.run(["gateway", "list", "--db", "h.sqlite", "--format", "json"], in: folder.url)
            let list = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
            let gateways = (list as? [JSON]) ?? ((list as? JSON)?["gateways"] as? [JSON]) ?? []
            #expect(gateways.count == 1 && gateways.first?["name"] as? String == S.gateway, "\(list)")
            #expect(try CLIRunner.run(["db", "check", "--db", "h.sqlite"], in: folder.url).status == 0)
        }
        try checkOctober(try capacity(exportsFirst, month: "2026-10").gateway)
        try checkEndpointTrend(exportsFirst)
        try checkTrendCoverage(exportsFirst)
        try checkSeptember(try capacity(exportsFirst, month: "2026-09").gateway)
        try checkExpiryInSeptember(exportsFirst)
    }

    // MARK: - The independent computation

    /// The online-clients samples stored: every 5-minute row but the repeated hour's second pass.
    static var storedOnline: [(at: Int64, count: Int64)] {
        S.onlineInstants.filter { !($0 >= S.repeatedHour.second && $0 < S.repeatedHour.second + 3600) }
            .map { ($0, S.onlineClients($0)) }
    }

    static func nearestRankP95(_ values: [Int64]) -> Int64? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let rank = Int((0.95 * Double(sorted.count)).rounded(.up))
        return sorted[rank - 1]
    }

    static func round(_ value: Double, _ places: Int) -> Double {
        let scale = pow(10, Double(places))
        return (value * scale).rounded() / scale
    }

    struct Status {
        var ready: Int64 = 0, notReady: Int64 = 0, unknown: Int64 = 0, planned: Int64 = 0
        var incidents = 0, plannedIncidents = 0, snapshots = 0
    }

    /// Each snapshot holds until the next, at most 15 minutes; an incident runs from its first
    /// not-Ready snapshot to the next Ready one; it is planned when only Stopping/Stopped/Starting
    /// with a stop requested in the 2 hours before it.
    static func status(_ month: (start: Int64, end: Int64)) -> Status {
        let exports = S.exports
        var s = Status()
        var covered: Int64 = 0
        var incidentStart: Int64?
        var incidentStates = Set<Int>()
        var incidentDown: Int64 = 0
        for (i, e) in exports.enumerated() {
            let next = i + 1 < exports.count ? exports[i + 1].at : Int64.max
            let from = max(e.at, month.start), to = min(min(next, e.at + 900), month.end)
            let held = max(0, to - from)
            if e.at >= month.start && e.at < month.end { s.snapshots += 1 }
            covered += held
            if e.state == 0 { s.ready += held } else { s.notReady += held }
            if e.state != 0 {
                if incidentStart == nil { incidentStart = e.at; incidentStates = []; incidentDown = 0 }
                incidentStates.insert(e.state)
                incidentDown += held
            }
            if e.state == 0, let start = incidentStart {
                if start >= month.start && start < month.end {
                    s.incidents += 1
                    let planned = incidentStates.isSubset(of: [4, 5, 6])
                        && S.stopTask.requested <= start && start - S.stopTask.requested <= 7200
                    // Planned time is the not-ready time observed in it; an unknown gap inside is unknown.
                    if planned { s.plannedIncidents += 1; s.planned += incidentDown }
                }
                incidentStart = nil
            }
        }
        s.unknown = month.end - month.start - covered
        return s
    }

    func checkOctober(_ g: JSON) throws {
        let month = S.october
        let inMonth = Self.storedOnline.filter { $0.at >= month.start && $0.at < month.end }
        // Online clients: peak (earliest instant), p95 nearest rank.
        let online = g["online_clients"] as? JSON ?? [:]
        let peak = inMonth.map(\.count).max() ?? -1
        let peakAt = inMonth.first { $0.count == peak }?.at ?? 0
        #expect(online["samples"] as? Int == inMonth.count)
        #expect(online["peak"] as? Int64 == peak)
        #expect(online["peak_at"] as? String == S.berlin(peakAt))
        #expect(online["p95"] as? Int64 == Self.nearestRankP95(inMonth.map(\.count)))
        // Capacity per configuration period: 2 × 6,000, then 3 × 6,000 from the scale-out export.
        let capacity = g["capacity"] as? JSON ?? [:]
        let periods = capacity["configuration_periods"] as? [JSON] ?? []
        let scaleOut = S.exports.first { $0.instances == 3 }?.at ?? 0
        let bounds = [(month.start, scaleOut, 2), (scaleOut, month.end, 3)]
        #expect(periods.count == 2, "\(periods)")
        var ratios: [Double] = []
        for (period, (from, to, instances)) in zip(periods, bounds) {
            let values = inMonth.filter { $0.at >= from && $0.at < to }.map(\.count)
            let limit = Int64(instances * 6_000)
            ratios += values.map { Double($0) / Double(limit) }
            let p95 = Self.nearestRankP95(values) ?? -1, max = values.max() ?? -1
            #expect(period["from"] as? String == S.berlin(from) && period["to"] as? String == S.berlin(to), "\(period)")
            #expect(period["vm_size"] as? String == "Standard_A2_v2" && period["instances"] as? Int == instances, "\(period)")
            #expect(period["capacity_clients"] as? Int64 == limit && period["samples"] as? Int == values.count, "\(period)")
            #expect(period["peak"] as? Int64 == max && period["p95"] as? Int64 == p95, "\(period)")
            #expect(period["peak_utilization"] as? Double == Self.round(Double(max) / Double(limit), 4), "\(period)")
            #expect(period["p95_utilization"] as? Double == Self.round(Double(p95) / Double(limit), 4), "\(period)")
        }
        ratios.sort()
        #expect(capacity["peak_utilization"] as? Double == Self.round(ratios.last ?? -1, 4))
        #expect(capacity["p95_utilization"] as? Double == Self.round(ratios[Int((0.95 * Double(ratios.count)).rounded(.up)) - 1], 4))
        // The peak is after the scale-out: 3 instances in force then; 20 % headroom, floor 2.
        let needed = Int((Double(peak) * 1.2 / 6_000).rounded(.up))
        #expect(capacity["instances"] as? Int == 3 && capacity["capacity_clients"] as? Int64 == 18_000)
        #expect(capacity["recommended_instances"] as? Int == max(2, needed), "\(capacity)")

        // Requests: every statistics line of both instances in the month.
        var requests: Int64 = 0
        for at in S.onlineInstants where at >= month.start && at < month.end {
            for e in S.endpoints.indices { for i in S.instanceOffsets.indices where S.reports(instance: i, at: at) {
                requests += S.requestCount(at, endpoint: e, instance: i)
            } }
        }
        var septemberRequests: Int64 = 0
        for at in S.onlineInstants where at >= S.september.start && at < S.september.end {
            for e in S.endpoints.indices { for i in S.instanceOffsets.indices where S.reports(instance: i, at: at) {
                septemberRequests += S.requestCount(at, endpoint: e, instance: i)
            } }
        }
        let requestsJSON = g["requests"] as? JSON ?? [:]
        #expect(requestsJSON["total"] as? Int64 == requests)
        #expect(requestsJSON["previous_month_total"] as? Int64 == septemberRequests)
        // Both months partial: per-day rates over the time each was covered (5-minute slots).
        let slots = Int64(S.onlineInstants.filter { $0 >= month.start && $0 < month.end }.count)
        let septemberSlots = Int64(S.onlineInstants.filter { $0 >= S.september.start && $0 < S.september.end }.count)
        let rate = Double(requests) / Double(slots * 300), before = Double(septemberRequests) / Double(septemberSlots * 300)
        #expect(requestsJSON["change_ratio"] as? Double == Self.round((rate - before) / before, 4), "\(requestsJSON)")

        // Egress: the exports carry ConfigMgr's own 14-day figure (TrafficOutUsage), no egress samples.
        let exports = S.exports.filter { $0.at >= month.start && $0.at < month.end }
        let egress = g["egress"] as? JSON ?? [:]
        let egressPeak = exports.map(\.reportedEgressBytes).max() ?? -1
        #expect(egress["rolling_14d_peak_bytes"] as? Int64 == egressPeak, "\(egress)")
        #expect(egress["rolling_14d_peak_at"] as? String == S.berlin(exports.first { $0.reportedEgressBytes == egressPeak }?.at ?? 0))
        #expect(egress["rolling_14d_source"] as? String == "ConfigMgr's 14-day figure (SMS_AzureService TrafficOutUsage)")
        #expect(egress["total_bytes"] is NSNull, "no egress samples: a 14-day figure is not a month's total")
        #expect(egress["threshold_bytes"] as? Int64 == 5_000_000_000_000)
        #expect(egress["warning_bytes"] as? Int64 == 2_500_000_000_000 && egress["critical_bytes"] as? Int64 == 4_500_000_000_000)
        #expect(egress["stops_on_critical"] as? Bool == false)
        // Storage: "1.2731" GB read exactly.
        let storage = g["storage"] as? JSON ?? [:]
        #expect(storage["peak_used_bytes"] as? Int64 == exports.map(\.storageBytes).max())
        #expect(storage["quota_bytes"] as? Int64 == 2_000_000_000 && storage["warning_bytes"] as? Int64 == 1_000_000_000
                && storage["critical_bytes"] as? Int64 == 1_800_000_000, "\(storage)")

        // Availability: ready / not ready / unknown by the 15-minute rule, the planned stop apart.
        let expected = Self.status(month)
        let availability = g["availability"] as? JSON ?? [:]
        #expect(availability["ready_seconds"] as? Int64 == expected.ready, "\(availability)")
        #expect(availability["not_ready_seconds"] as? Int64 == expected.notReady, "\(availability)")
        #expect(availability["unknown_seconds"] as? Int64 == expected.unknown, "\(availability)")
        #expect(availability["planned_seconds"] as? Int64 == expected.planned && expected.planned > 8_000, "\(availability)")
        #expect(availability["incidents"] as? Int == expected.incidents && expected.incidents == 3, "\(availability)")
        #expect(availability["unplanned_incidents"] as? Int == expected.incidents - expected.plannedIncidents, "\(availability)")
        let ready = Double(expected.ready)
        #expect(availability["ratio"] as? Double == Self.round(ready / (ready + Double(expected.notReady)), 6), "\(availability)")
        #expect(availability["unplanned_ratio"] as? Double
                == Self.round(ready / (ready + Double(expected.notReady - expected.planned)), 6), "\(availability)")
        let stops = availability["planned_stops"] as? [JSON] ?? []
        #expect(stops.count == 1 && stops.first?["duration_seconds"] as? Int64 == S.utc("2026-10-26T03:15:00Z") - (S.exports.first { $0.state == 5 }?.at ?? 0),
                "\(availability)")

        // Coverage of each series.
        let length = month.end - month.start
        let coverage = g["coverage"] as? JSON ?? [:]
        func check(_ name: String, samples: Int, interval: Int64) {
            let c = coverage[name] as? JSON ?? [:]
            let expectedSamples = length / interval
            #expect(c["expected_samples"] as? Int64 == expectedSamples, "\(name): \(c)")
            #expect(c["samples"] as? Int == samples, "\(name): \(c)")
            #expect(c["coverage"] as? Double == Self.round(Double(samples) / Double(expectedSamples), 4), "\(name): \(c)")
            #expect(c["unknown_seconds"] as? Int64 == (expectedSamples - Int64(samples)) * interval, "\(name): \(c)")
            #expect(c["partial"] as? Bool == true, "\(name): \(c)")
        }
        check("online_clients", samples: inMonth.count, interval: 300)
        check("requests", samples: Int(slots), interval: 300)
        check("storage", samples: exports.count, interval: 900)
        // Egress is covered by ConfigMgr's 14-day figure, one per export.
        check("egress", samples: exports.count, interval: 900)
        let status = coverage["status"] as? JSON ?? [:]
        #expect(status["samples"] as? Int == expected.snapshots && status["unknown_seconds"] as? Int64 == expected.unknown, "\(status)")
        #expect(status["coverage"] as? Double == Self.round(Double(length - expected.unknown) / Double(length), 4), "\(status)")
        #expect(coverage["partial"] as? Bool == true)

        // Operations by kind (the app secret renewal is one), and credentials as of October.
        #expect(g["operations"] as? [String: Int] == ["upgrade": 1, "stop": 1, "start": 1, "renew_app_secret": 1], "\(g["operations"] ?? "")")
        let credentials = g["credentials_expiring"] as? [JSON] ?? []
        #expect(credentials.map { $0["kind"] as? String ?? "" } == ["server_certificate", "app_secret"], "\(credentials)")
        // The old certificate was replaced on 10-14 09:00Z, 6 days before it expired; the old secret on 10-10.
        #expect(credentials.first?["expires_at"] as? String == S.berlin(S.utc("2026-10-20T12:00:00Z")), "\(credentials)")
        #expect(credentials.first?["replaced_at"] as? String == S.berlin(S.utc("2026-10-14T09:00:00Z")), "\(credentials)")
        #expect(credentials.first?["days_left"] as? Int == 6, "\(credentials)")
        #expect(credentials.last?["replaced_at"] as? String == S.berlin(S.utc("2026-10-10T09:30:00Z")), "\(credentials)")
        #expect(credentials.last?["days_left"] as? Int == Int((S.utc("2026-11-20T00:00:00Z") - S.utc("2026-10-10T09:30:00Z")) / 86_400))
    }

    func checkSeptember(_ g: JSON) throws {
        let month = S.september
        let inMonth = Self.storedOnline.filter { $0.at >= month.start && $0.at < month.end }
        let online = g["online_clients"] as? JSON ?? [:]
        #expect(online["peak"] as? Int64 == 9_876 && online["peak_at"] as? String == S.berlin(S.utc("2026-09-29T09:00:00Z")), "\(online)")
        #expect(online["p95"] as? Int64 == Self.nearestRankP95(inMonth.map(\.count)))
        let capacity = g["capacity"] as? JSON ?? [:]
        #expect(capacity["capacity_clients"] as? Int64 == 12_000 && capacity["recommended_instances"] as? Int == 2, "\(capacity)")
        let expected = Self.status(month)
        let availability = g["availability"] as? JSON ?? [:]
        #expect(availability["ready_seconds"] as? Int64 == expected.ready && availability["unknown_seconds"] as? Int64 == expected.unknown,
                "\(availability)")
        #expect(g["operations"] as? [String: Int] == ["start": 1], "\(g["operations"] ?? "")")
        // As of September's end: the old certificate (expires 10-20) and the old secret (11-20).
        let credentials = g["credentials_expiring"] as? [JSON] ?? []
        #expect(credentials.map { $0["days_left"] as? Int ?? -1 }
                == [Int((S.utc("2026-10-20T12:00:00Z") - month.end) / 86_400), Int((S.utc("2026-11-20T00:00:00Z") - month.end) / 86_400)],
                "\(credentials)")
        #expect(credentials.allSatisfy { $0["replaced_at"] is NSNull }, "\(credentials)")
    }

    /// `trend --endpoint URI` sums what every VM instance reported for that endpoint.
    func checkEndpointTrend(_ folder: ScratchFolder) throws {
        let (text, json) = try report(folder, ["report", "trend", "--metric", "requests", "--endpoint", S.endpoints[0], "--bucket", "1d",
                                               "--from", "2026-10-26", "--to", "2026-10-27", "--tz", "Europe/Berlin"])
        let points = (json["series"] as? [JSON])?.first?["points"] as? [JSON] ?? []
        let day = (S.utc("2026-10-25T23:00:00Z"), S.utc("2026-10-26T23:00:00Z"))
        var expected: Int64 = 0
        for at in S.onlineInstants where at >= day.0 && at < day.1 {
            for i in S.instanceOffsets.indices where S.reports(instance: i, at: at) { expected += S.requestCount(at, endpoint: 0, instance: i) }
        }
        #expect(points.count == 1 && points.first?["sum"] as? Int64 == expected, "\(text)")
    }

    /// A week's requests are covered by the 5-minute steps reported, however many instances reported each.
    func checkTrendCoverage(_ folder: ScratchFolder) throws {
        let (text, json) = try report(folder, ["report", "trend", "--metric", "requests", "--bucket", "1w",
                                               "--from", "2026-10-19", "--to", "2026-10-26", "--tz", "Europe/Berlin"])
        let point = ((json["series"] as? [JSON])?.first?["points"] as? [JSON])?.first ?? [:]
        let week = (S.utc("2026-10-18T22:00:00Z"), S.utc("2026-10-25T23:00:00Z"))
        let steps = S.onlineInstants.filter { $0 >= week.0 && $0 < week.1 }.count
        let expected = (week.1 - week.0) / 300
        #expect(point["expected_samples"] as? Int64 == expected && point["samples"] as? Int == steps, "\(text)")
        #expect(point["coverage"] as? Double == Self.round(Double(steps) / Double(expected), 4) && point["partial"] as? Bool == true, "\(text)")
    }

    func checkExpiryInSeptember(_ folder: ScratchFolder) throws {
        let (text, json) = try report(folder, ["report", "expiry", "--as-of", "2026-09-15T00:00:00Z"])
        let credentials = json["credentials"] as? [JSON] ?? []
        #expect(credentials.count == 2, "\(text)")
        let certificate = credentials.first { $0["kind"] as? String == "server_certificate" } ?? [:]
        #expect(certificate["expires_at"] as? String == "2026-10-20T12:00:00Z" && certificate["days_left"] as? Int == 35
                && certificate["status"] as? String == "warning", "\(text)")
        let secret = credentials.first { $0["kind"] as? String == "app_secret" } ?? [:]
        #expect(secret["expires_at"] as? String == "2026-11-20T00:00:00Z" && secret["days_left"] as? Int == 66, "\(text)")
    }
}
