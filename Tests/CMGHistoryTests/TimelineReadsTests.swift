import Foundation
import Testing
@testable import CMGHistory

/// The values a store snapshot gives the timeline (``TimelineReads``), read back from each
/// backend (``ConformanceBackend``): what a second backend must answer the same way.
@Suite("Timeline reads: what a store snapshot gives the timeline")
struct TimelineReadsTests {
    static func t(_ text: String) -> Int64 { TimelineTests.t(text) }
    static let gf = TimelineTests.gf

    func gatewayID(_ reads: any TimelineReads) throws -> Int64 {
        try #require(try reads.gateways(named: [Self.gf]).first).id
    }

    @Test func connectionPointReadsGiveTheLatestObservationBeforeAnInstantAndThoseOfARange() throws {
        // Given cmgcp2 online every half hour until 09:30, partially online 10:00–11:00, online from 11:30
        let folder = try TemporaryFolder()
        let store = try TimelineTests().connectorStory(folder)
        try store.snapshot { reads in
            let id = try gatewayID(reads)
            // When its connection points and observations are read
            let points = try reads.connectionPoints(gatewayID: id)
            let point = try #require(points.last)
            let latest = try reads.latestConnectionPointStatus(point.id, before: Self.t("2026-08-21T10:15:00Z"), differentFrom: nil)
            let lastDifferent = try reads.latestConnectionPointStatus(point.id, before: Self.t("2026-08-21T10:15:00Z"), differentFrom: 1)
            let since = try reads.firstConnectionPointStatusTime(point.id, after: Self.t("2026-08-21T09:30:00Z"),
                                                                 before: Self.t("2026-08-21T10:15:00Z"))
            let range = try reads.connectionPointStatuses(point.id, from: Self.t("2026-08-21T10:00:00Z"), to: Self.t("2026-08-21T11:30:00Z"))
            // Then they are ordered by server, and each read keeps its bounds (half-open ranges, strict "before")
            #expect(points.map(\.server) == ["cmgcp1.contoso.com", "cmgcp2.contoso.com"])
            #expect(latest == ConnectionPointObservation(at: Self.t("2026-08-21T10:00:00Z"), status: 1))
            #expect(lastDifferent == ConnectionPointObservation(at: Self.t("2026-08-21T09:30:00Z"), status: 2))
            #expect(since == Self.t("2026-08-21T10:00:00Z"))
            #expect(range.map(\.status) == [1, 1, 1])
            #expect(range.first?.at == Self.t("2026-08-21T10:00:00Z"))
            #expect(try reads.latestConnectionPointStatus(point.id, before: Self.t("2026-08-21T08:00:00Z"), differentFrom: nil) == nil)
        }
    }

    @Test(arguments: ConformanceBackend.allCases)
    func operationsTouchingARangeIncludeThoseInProgressAndThoseCompletedInIt(_ backend: ConformanceBackend) throws {
        // Given operations before, across, inside and at the end of [09:00, 11:00)
        let folder = try TemporaryFolder()
        let store = try backend.makeStore(in: folder)
        let op = { (kind: String, requested: String, completed: String?, outcome: String) in
            TimelineTests.operation(Self.gf, kind, "2026-08-21T\(requested):00Z", completed.map { "2026-08-21T\($0):00Z" }, outcome)
        }
        try importNDJSON([
            op("start", "08:00", "08:10", "succeeded"),     // done before: out
            op("stop", "08:50", "09:05", "succeeded"),      // completed in the range: in
            op("upgrade", "07:00", nil, "in_progress"),     // still in progress: in
            op("scale", "09:30", nil, "failed"),            // requested in the range: in
            op("sync_config", "11:00", nil, "succeeded"),   // at the range's end: out
        ].joined(separator: "\n"), into: store, folder: folder)
        // When the operations touching the range are read
        let operations = try store.snapshot { reads in
            try reads.operations(gatewayID: try gatewayID(reads), touchingFrom: Self.t("2026-08-21T09:00:00Z"), to: Self.t("2026-08-21T11:00:00Z"))
        }
        // Then exactly those three come, by request time, with what the timeline cites
        #expect(operations.map(\.kind) == ["upgrade", "stop", "scale"])
        #expect(operations[1].completedAt == Self.t("2026-08-21T09:05:00Z"))
        #expect(operations[0].completedAt == nil && operations[0].outcome == "in_progress")
        #expect(operations.allSatisfy { $0.actor == "CONTOSO\\admin" && $0.rowID > 0 })
    }

    @Test(arguments: ConformanceBackend.allCases)
    func notableLogEntriesAreWarningsErrorsAndRuleEventsEachWithAllItsEvents(_ backend: ConformanceBackend) throws {
        // Given an error with two events, a plain info line, an info line a rule matched, a
        // warning of unknown zone, and an error after the range
        let folder = try TemporaryFolder()
        let store = try backend.makeStore(in: folder)
        var log = try TimelineTests.LogWriter(store: store, path: folder.path("CloudMgr.log"), log: "CloudMgr")
        let base = Self.t("2026-08-21T10:00:00Z")
        let error = try log.entry(utc: base, local: base, severity: 3, message: "failed", rules: TimelineTests.forbiddenRules)
        try log.entry(utc: base + 60, local: base + 60, severity: 1, message: "plain")
        let matched = try log.entry(utc: base + 120, local: base + 120, severity: 1, message: "ReadyRole",
                                    rules: [("role_state", "role_instance_state", #"{"state":"Ready"}"#)])
        let unknownZone = try log.entry(utc: nil, local: base + 180, severity: 2, message: "retrying")
        try log.entry(utc: base + 3600, local: base + 3600, severity: 3, message: "later")
        // When the notable entries of [10:00, 11:00) are read
        let entries = try store.snapshot { try $0.notableLogEntries(fromMilliseconds: base * 1000, toMilliseconds: (base + 3600) * 1000) }
        // Then each comes once, in time order, its events by rule name; the zoneless one by its local time
        #expect(entries.map(\.id) == [error, matched, unknownZone])
        #expect(entries[0].events.map(\.rule) == ["error", "proxy_forbidden"])
        #expect(entries[0].events.map(\.kind) == ["error", "proxy_connector_error"])
        #expect(entries[1].events.first?.fields == #"{"state":"Ready"}"#)
        #expect(entries[2].utcMilliseconds == nil && entries[2].localMilliseconds == (base + 180) * 1000 && entries[2].events.isEmpty)
        #expect(entries.allSatisfy { $0.log == "CloudMgr" && $0.fileGateway == nil && $0.path.hasSuffix("CloudMgr.log") })
    }

    @Test(arguments: ConformanceBackend.allCases)
    func citedLogEntriesAreKeyedByIDAndLeaveOutIDsWithNoEntry(_ backend: ConformanceBackend) throws {
        // Given 600 entries (more than one chunk of ids)
        let folder = try TemporaryFolder()
        let store = try backend.makeStore(in: folder)
        var log = try TimelineTests.LogWriter(store: store, path: folder.path("CloudMgr.log"), log: "CloudMgr", head: (12, 34))
        let base = Self.t("2026-08-21T10:00:00Z")
        var ids: [Int64] = []
        for n in 0..<600 { ids.append(try log.entry(utc: base + Int64(n), local: base + Int64(n), severity: 2, message: "m\(n)", length: 50)) }
        // When every id and one that was never stored are asked for
        let cited = try store.snapshot { try $0.citedLogEntries(ids + [999_999]) }
        // Then each stored one comes with where its text lies, and the unknown id is absent
        #expect(cited.count == 600)
        #expect(cited[999_999] == nil)
        let last = try #require(cited[ids[599]])
        #expect(last.offset == 599 * 50 && last.length == 50 && last.line == 600 && last.message == "m599")
        #expect(last.headLength == 12 && last.headHash == 34 && last.format == "cmtrace" && last.biasMinutes == 0)
    }

    @Test(arguments: ConformanceBackend.allCases)
    func credentialsAndHourlyTotalsAreTheGatewaysOwn(_ backend: ConformanceBackend) throws {
        // Given the app secret story (two records of one secret) and online clients in two hours
        let folder = try TemporaryFolder()
        let store = try backend.makeStore(in: folder)
        let clients = [("10:00", 100), ("10:30", 300), ("11:15", 50)].map { at, count in
            #"{"type":"online_clients","gateway":"\#(Self.gf)","at":"2026-10-08T\#(at):00Z","count":\#(count)}"#
        }
        try importNDJSON(([TimelineTests.appSecretStory()] + clients).joined(separator: "\n"), into: store, folder: folder)
        // When its credentials and hourly online clients are read
        let (credentials, hours) = try store.snapshot { reads in
            let id = try gatewayID(reads)
            return (try reads.identifiedCredentials(gatewayID: id),
                    try reads.hourlyTotals(gatewayID: id, metric: .onlineClients, from: Self.t("2026-10-08T10:00:00Z"), to: Self.t("2026-10-08T12:00:00Z")))
        }
        // Then the records come by expiry with their row ids, and each hour with its count and exact sum
        #expect(credentials.map(\.credential.expiresAt) == [Self.t("2026-10-08T13:37:51Z"), Self.t("2028-10-07T23:25:03Z")])
        #expect(credentials.map(\.credential.key) == ["app_secret|CMG-ServerApp", "app_secret|CMG-ServerApp"])
        #expect(credentials[0].id < credentials[1].id)
        #expect(hours.sorted { $0.hourStart < $1.hourStart } == [
            HourlyTotals(hourStart: Self.t("2026-10-08T10:00:00Z"), count: 2, sum: 400),
            HourlyTotals(hourStart: Self.t("2026-10-08T11:00:00Z"), count: 1, sum: 50),
        ])
    }

    @Test func anExtractsScopeStartsAtTheEarliestEvidence() throws {
        // Given the app secret story, whose incident starts at 13:45 with a 2-hour lead-up
        let folder = try TemporaryFolder()
        let store = try folder.store()
        try importNDJSON(TimelineTests.appSecretStory(), into: store, folder: folder)
        // When timelines of a window inside the incident and of one before it are scoped
        let inside = try store.timeline(TimelineRequest(window: ReportPeriod(start: Self.t("2026-10-08T18:00:00Z"), end: Self.t("2026-10-08T20:00:00Z")),
                                                        zone: .utc)).extractScope
        let quiet = try store.timeline(TimelineRequest(window: ReportPeriod(start: Self.t("2026-10-08T10:00:00Z"), end: Self.t("2026-10-08T11:00:00Z")),
                                                       zone: .utc)).extractScope
        // Then the first reaches back past its window to the incident's lead-up and what the
        // incident cites; the second starts with its window
        #expect(inside.gateways == [Self.gf])
        #expect(inside.evidenceStart == Self.t("2026-10-08T13:45:00Z") - TimelinePolicy.leadUpSeconds)
        #expect(quiet.evidenceStart == Self.t("2026-10-08T10:00:00Z"))
        #expect(quiet.window == ReportPeriod(start: Self.t("2026-10-08T10:00:00Z"), end: Self.t("2026-10-08T11:00:00Z")))
    }
}
