#if canImport(HummingbirdTesting)
@testable import CMGHistory
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import CMGHistoryServer

/// `GET /api/v1/reports/…`: the bytes `cmg-history report … --reproducible` prints for the same
/// history, in the format the query or `Accept` asks for, and 400 for a query the CLI would refuse.
@Suite("The server's report API")
struct ReportsAPITests {
    /// 35 days of the demo, ending 2026-11-01.
    static func fixture() throws -> ServerTests.Fixture {
        let fixture = try ServerTests.Fixture()
        let path = fixture.folder.appendingPathComponent("demo.ndjson").path
        var text = ""
        DemoHistory(days: 35).writeLines { text += $0 + "\n" }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        _ = try NDJSONImporter(store: fixture.store).importFile(at: path)
        return fixture
    }

    @Test func capacityIsTheCLIsReportInEveryFormat() async throws {
        let fixture = try Self.fixture()
        let report = try fixture.store.capacity(year: 2026, month: 10, zone: try ReportZone(identifier: "Europe/Berlin"))
        let json = try JSONRender.render(report)
        try await fixture.application().test(.router) { client in
            let uri = "/api/v1/reports/capacity?month=2026-10&tz=Europe/Berlin"
            try await client.checked(uri: uri, method: .get, headers: fixture.bearer(fixture.read)) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                #expect(String(buffer: response.body) == json)
            }
            for (accept, type, expected) in [("text/csv", "text/csv", CapacityRender.csv(report)),
                                             ("text/markdown, */*", "text/markdown", CapacityRender.markdown(report))] {
                var headers = fixture.bearer(fixture.read)
                headers[.accept] = accept
                try await client.checked(uri: uri, method: .get, headers: headers) { response in
                    #expect(response.headers[.contentType] == "\(type); charset=utf-8")
                    #expect(String(buffer: response.body) == expected)
                }
            }
            try await client.checked(uri: uri + "&format=html", method: .get, headers: fixture.bearer(fixture.read)) { response in
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let html = String(buffer: response.body)
                #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<svg") && html.contains("GraniteFalls.contoso.com"))
            }
            // Refused as the CLI refuses them
            for bad in ["month=2026-13", "month=October", "tz=Mars/Base", "month=2026-10&format=pdf"] {
                try await client.checked(uri: "/api/v1/reports/capacity?\(bad)", method: .get, headers: fixture.bearer(fixture.read)) { response in
                    #expect(response.status == .badRequest, "\(bad)")
                }
            }
            // An unknown gateway is 400 naming it, as the CLI's error
            try await client.checked(uri: uri + "&gateway=Nowhere", method: .get, headers: fixture.bearer(fixture.read)) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("Nowhere"))
            }
            // And a collector's token cannot read it
            try await client.checked(uri: uri, method: .get, headers: fixture.bearer(fixture.ingest)) { #expect($0.status == .forbidden) }
        }
    }

    @Test func aTrendIsTheCLIsReport() async throws {
        let fixture = try Self.fixture()
        let zone = try ReportZone(identifier: "America/Chicago")
        let request = TrendRequest(metric: .onlineClients, bucket: .day, period: try ReportPeriod.parse(from: "2026-10-01", to: "2026-11-01", zone: zone),
                                   zone: zone, gateways: ["CedarRapids.contoso.com"], endpoint: nil)
        let report = try fixture.store.trend(request)
        try await fixture.application().test(.router) { client in
            let uri = "/api/v1/reports/trend?metric=online_clients&bucket=1d&from=2026-10-01&to=2026-11-01&tz=America/Chicago&gateway=CedarRapids.contoso.com"
            try await client.checked(uri: uri, method: .get, headers: fixture.bearer(fixture.read)) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == TrendJSON.render(report))
            }
            try await client.checked(uri: uri + "&format=csv", method: .get, headers: fixture.bearer(fixture.read)) { response in
                #expect(String(buffer: response.body) == TrendRender.csv(report))
            }
            for bad in ["bucket=1d", "metric=cpu", "metric=requests&bucket=2d", "metric=online_clients&from=2026-10-01",
                        "metric=online_clients&from=2026-11-01&to=2026-10-01", "metric=online_clients&endpoint=CCM_STS"] {
                try await client.checked(uri: "/api/v1/reports/trend?\(bad)", method: .get, headers: fixture.bearer(fixture.read)) { response in
                    #expect(response.status == .badRequest, "\(bad)")
                }
            }
        }
    }
}
#endif

#if canImport(HummingbirdTesting)
extension ReportsAPITests {
    @Test func availabilityAndExpiryAreTheCLIsReports() async throws {
        let fixture = try Self.fixture()
        let zone = try ReportZone(identifier: "Europe/Berlin")
        let period = try ReportPeriod.parse(from: "2026-10-01", to: "2026-11-01", zone: zone)
        let availability = try JSONRender.render(try fixture.store.availability(period: period, zone: zone))
        let asOf = try #require(Timestamp.parse("2026-10-20T00:00:00Z"))
        let expiry = try fixture.store.expiry(now: asOf, zone: zone, withinDays: 400)
        let expiryJSON = try JSONRender.render(expiry)
        try await fixture.application().test(.router) { client in
            try await client.checked(uri: "/api/v1/reports/availability?from=2026-10-01&to=2026-11-01&tz=Europe/Berlin", method: .get,
                                     headers: fixture.bearer(fixture.read)) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == availability)
            }
            try await client.checked(uri: "/api/v1/reports/expiry?as_of=2026-10-20T00:00:00Z&within=400d&tz=Europe/Berlin&format=markdown",
                                     method: .get, headers: fixture.bearer(fixture.read)) { response in
                #expect(String(buffer: response.body) == ExpiryRender.markdown(expiry))
            }
            try await client.checked(uri: "/api/v1/reports/expiry?as_of=2026-10-20T00:00:00Z&within=400&tz=Europe/Berlin", method: .get,
                                     headers: fixture.bearer(fixture.read)) { response in
                #expect(String(buffer: response.body) == expiryJSON)
            }
            for bad in ["expiry?within=soon", "expiry?as_of=yesterday", "availability?from=2026-10-01"] {
                try await client.checked(uri: "/api/v1/reports/\(bad)", method: .get, headers: fixture.bearer(fixture.read)) { response in
                    #expect(response.status == .badRequest, "\(bad)")
                }
            }
        }
    }
}
#endif

#if canImport(HummingbirdTesting)
extension ReportsAPITests {
    @Test func theTimelineIsTheCLIsForAWindowOrAroundAnInstant() async throws {
        let fixture = try Self.fixture()
        let zone = try ReportZone(identifier: "Europe/Berlin")
        let window = try ReportPeriod.parse(from: "2026-10-10", to: "2026-10-12", zone: zone)
        let json = try JSONRender.render(try fixture.store.timeline(TimelineRequest(window: window, zone: zone)))
        let middle = try #require(Timestamp.parse("2026-10-11T00:00:00Z"))
        let around = try fixture.store.timeline(TimelineRequest(window: TimelineRequest.window(around: middle, width: 7_200), zone: .utc,
                                                                minSeverity: .warning))
        try await fixture.application().test(.router) { client in
            try await client.checked(uri: "/api/v1/timeline?from=2026-10-10&to=2026-10-12&tz=Europe/Berlin", method: .get,
                                     headers: fixture.bearer(fixture.read)) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == json)
            }
            try await client.checked(uri: "/api/v1/timeline?around=2026-10-11T00:00:00Z&window=2h&min_severity=warning&format=markdown",
                                     method: .get, headers: fixture.bearer(fixture.read)) { response in
                #expect(String(buffer: response.body) == TimelineRender.markdown(around))
            }
            try await client.checked(uri: "/api/v1/timeline?from=2026-10-10&to=2026-10-12&format=csv", method: .get,
                                     headers: fixture.bearer(fixture.read)) { #expect($0.status == .notAcceptable) }
            for bad in ["", "?from=2026-10-10", "?around=soon", "?around=2026-10-11&window=forever", "?around=2026-10-11&from=2026-10-10",
                        "?from=2026-10-10&to=2026-10-12&min_severity=fatal"] {
                try await client.checked(uri: "/api/v1/timeline\(bad)", method: .get, headers: fixture.bearer(fixture.read)) { response in
                    #expect(response.status == .badRequest, "\(bad)")
                }
            }
        }
    }
}
#endif
