import Foundation
import Testing
@testable import CMGHistory

/// Issue 13: every backend answers the report reads (``ReportReads``) as SQLite does, on the
/// same imported records: the demo's samples and status, read through every requirement over
/// bucket sets that take each path of ``RollupPlan`` (whole days, whole hours, days less hours,
/// raw partial hours), and the reports rendered from them byte for byte.
@Suite("Report reads on every backend: the same answers as a SQLite file")
struct BackendReportReadsTests {
    /// The demo's first 35 days, every record kind.
    static let sampleLines: String = {
        var text = ""
        DemoHistory(days: 35).writeLines { text += $0 + "\n" }
        return text
    }()

    static let october: UnixSeconds = 1_790_812_800
    static let november: UnixSeconds = 1_793_491_200

    /// Bucket sets that take every path of the plan.
    static let bucketSets: [(String, [(start: UnixSeconds, end: UnixSeconds)])] = {
        func run(_ start: UnixSeconds, _ step: Int64, _ count: Int64) -> [(start: UnixSeconds, end: UnixSeconds)] {
            (0..<count).map { (start + $0 * step, start + ($0 + 1) * step) }
        }
        return [
            ("UTC days", run(october, 86_400, 31)),
            ("days from 22:00 UTC (days less hours)", run(october - 7_200, 86_400, 31)),
            ("days from 05:30 UTC (half-hour edges)", run(october + 19_800, 86_400, 20)),
            ("hours from :30", run(october + 4 * 86_400 + 1_800, 3_600, 48)),
            ("5 minutes", run(october + 5 * 86_400 + 36_000, 300, 24)),
            ("one month", [(october, november)]),
            ("before any data", [(october - 400 * 86_400, october - 399 * 86_400)]),
            ("none", []),
        ]
    }()

    static let endpoints = ["CCM_STS", "SMS_MP", "/CCM_Proxy_MutualAuth/72057594037927939", "absent"]

    /// Every report read, labelled, its answer described; gateway ids (the store's own) as names.
    static func answers(_ store: HistoryStore) throws -> [(label: String, answer: String)] {
        try store.snapshot { reads in
            var out: [(String, String)] = []
            func add(_ label: String, _ value: Any) { out.append((label, String(describing: value))) }
            let gateways = try reads.allGateways()
            let names = Dictionary(uniqueKeysWithValues: gateways.map { ($0.id, $0.name) })
            add("gateways", gateways.map(\.name))
            for name in ["GraniteFalls.contoso.com", "granitefalls", "CEDARRAPIDS.contoso.com", "contoso", "nowhere", " "] {
                let resolution: String
                switch try reads.resolveGateway(name) {
                case .known(let id): resolution = "known \(names[id] ?? "?")"
                case .shortName(let id): resolution = "short name of \(names[id] ?? "?")"
                case .ambiguous(let matches): resolution = "ambiguous \(matches)"
                case .unknown: resolution = "unknown"
                }
                add("resolve \(name)", resolution)
            }
            add("raw kept from", try reads.rawKeptFrom())
            for gateway in gateways {
                let (id, g) = (gateway.id, gateway.name)
                for metric in RollupMetric.allCases {
                    for (label, buckets) in bucketSets {
                        add("\(g) \(metric.name) \(label): values", try reads.bucketValues(metric, gatewayID: id, buckets: buckets))
                        add("\(g) \(metric.name) \(label): aggregates", try reads.bucketAggregates(metric, gatewayID: id, buckets: buckets))
                    }
                    add("\(g) \(metric.name) interval", try reads.samplingInterval(metric, gatewayID: id, endpointID: nil, near: october, november))
                    add("\(g) \(metric.name) interval before data",
                        try reads.samplingInterval(metric, gatewayID: id, endpointID: nil, near: october - 90 * 86_400, october - 89 * 86_400))
                }
                for endpoint in endpoints {
                    let endpointID = try reads.endpointID(gatewayID: id, name: endpoint)
                    add("\(g) endpoint \(endpoint) known", endpointID != nil)
                    guard let endpointID else { continue }
                    for metric in RollupMetric.allCases {
                        add("\(g) \(endpoint) \(metric.name) samples",
                            try reads.endpointSamples(metric, endpointID: endpointID, from: october + 86_400, to: october + 3 * 86_400))
                    }
                    add("\(g) \(endpoint) interval",
                        try reads.samplingInterval(.requests, gatewayID: id, endpointID: endpointID, near: october, november))
                }
                add("\(g) egress", try reads.egressSamples(gatewayID: id, from: october + 1_234, to: november))
                add("\(g) reported egress", try reads.reportedEgressSamples(gatewayID: id, from: october, to: november))
                add("\(g) reported egress interval", try reads.reportedEgressInterval(gatewayID: id, near: october, november))
                for interval: Int64 in [300, 3_600, 0] {
                    add("\(g) traffic steps \(interval)", try reads.trafficStepMarks(gatewayID: id, interval: interval, from: october, to: october + 2 * 86_400))
                }
                for day in [0, 7, 19] as [Int64] {
                    let start = october + day * 86_400 + 1_800
                    let peak = try reads.bucketAggregates(.onlineClients, gatewayID: id, buckets: [(start, start + 86_400)]).first?.max ?? 0
                    add("\(g) earliest peak day \(day)", try reads.earliestInstant(ofOnlineClients: peak, gatewayID: id, from: start, to: start + 86_400))
                }
                add("\(g) spans", try reads.stateSpans(gatewayID: id, before: november))
                add("\(g) snapshots", try reads.statusSnapshotCount(gatewayID: id, from: october, to: november))
                add("\(g) status interval", try reads.statusInterval(gatewayID: id, near: october, november))
                add("\(g) stops", try reads.stopRequests(gatewayID: id, from: october, to: november))
                add("\(g) operation counts", try reads.operationCounts(gatewayID: id, from: october, to: november))
                add("\(g) credentials", try reads.credentials(gatewayID: id))
                add("\(g) app secret renewals", try reads.appSecretRenewals(gatewayID: id))
                add("\(g) configuration", try reads.configuration(gatewayID: id, at: october))
                add("\(g) configuration periods", try reads.configurationPeriods(gatewayID: id, from: october, to: november))
                add("\(g) alert thresholds", try reads.alertThresholds(gatewayID: id, before: november))
            }
            add("operations", try reads.operationRequests(gatewayIDs: gateways.map(\.id), from: october, to: november).map {
                "\($0.gateway) \($0.kind) \($0.requestedAt) \($0.outcome)"
            })
            return out
        }
    }

    /// The reports of October rendered as their JSON (and the trend's Markdown), labelled.
    static func reports(_ store: HistoryStore) throws -> [(label: String, answer: String)] {
        let berlin = try ReportZone(identifier: "Europe/Berlin"), chicago = try ReportZone(identifier: "America/Chicago")
        let period = try ReportPeriod.parse(from: "2026-10-01", to: "2026-11-01", zone: berlin)
        var out: [(String, String)] = []
        for metric in [RollupMetric.requests, .onlineClients, .egressBytes, .averageElapsedMilliseconds] {
            for bucket in [TrendBucket.day, .hour] {
                let trend = try store.trend(TrendRequest(metric: metric, bucket: bucket, period: period, zone: berlin))
                out.append(("trend \(metric.name) \(bucket)", try JSONRender.render(trend)))
                out.append(("trend \(metric.name) \(bucket) markdown", TrendRender.markdown(trend)))
            }
        }
        let availability = try store.availability(period: try ReportPeriod.parse(from: "2026-10-01", to: "2026-11-01", zone: chicago), zone: chicago)
        out.append(("availability", try JSONRender.render(availability)))
        out.append(("capacity", try JSONRender.render(try store.capacity(year: 2026, month: 10, zone: .utc))))
        return out
    }

    /// Each backend but the reference, with a SQLite file holding the same records.
    static let otherBackends = ConformanceBackend.allCases.filter { $0 != .sqliteFile }

    @Test(arguments: otherBackends)
    func everyReportReadAnswersAsOnSQLite(_ backend: ConformanceBackend) throws {
        // Given the demo's samples and status imported into a SQLite file and into the backend
        let folder = try TemporaryFolder()
        let reference = try ConformanceBackend.sqliteFile.makeStore(in: folder)
        let store = try backend.makeStore(in: folder)
        for target in [reference, store] {
            let summary = try importNDJSON(Self.sampleLines, into: target, folder: folder)
            #expect(summary.rejected == 0)
        }

        // When every read is asked of both
        let expected = try Self.answers(reference)
        let answers = try Self.answers(store)

        // Then each answer is SQLite's, and the data was there to be read
        #expect(answers.map(\.label) == expected.map(\.label))
        for (answer, wanted) in zip(answers, expected) {
            #expect(answer.answer == wanted.answer, "\(answer.label)")
        }
        #expect(expected.contains { $0.label.hasSuffix("UTC days: values") && $0.answer.count > 10_000 })
    }

    @Test(arguments: otherBackends)
    func reportsRenderByteForByteAsOnSQLite(_ backend: ConformanceBackend) throws {
        // Given the demo's samples and status imported into a SQLite file and into the backend
        let folder = try TemporaryFolder()
        let reference = try ConformanceBackend.sqliteFile.makeStore(in: folder)
        let store = try backend.makeStore(in: folder)
        for target in [reference, store] { try importNDJSON(Self.sampleLines, into: target, folder: folder) }

        // When October's reports are rendered from each
        let expected = try Self.reports(reference)
        let rendered = try Self.reports(store)

        // Then the bytes are the same
        #expect(rendered.map(\.label) == expected.map(\.label))
        for (report, wanted) in zip(rendered, expected) {
            #expect(report.answer == wanted.answer, "\(report.label)")
        }
    }
}
