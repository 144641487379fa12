#if canImport(HummingbirdTesting)
@testable import CMGHistory
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import CMGHistoryServer

/// The dashboard's pages in-process: what the fleet overview says about each gateway and in
/// what order, the gateway page's parts, errors as pages, and the links that carry the query.
@Suite("The dashboard's pages")
struct DashboardTests {
    static let asOf = "2026-11-20T12:00:00Z"
    static let query = "tz=Europe%2FBerlin&as_of=2026-11-20T12%3A00%3A00Z"

    /// Two gateways on 2026-11-20 12:00 UTC: GraniteFalls Ready and well; CedarRapids stopped
    /// 10 minutes ago (an incident of this month) with an app secret expiring in 10 days.
    static func fixture() throws -> ServerTests.Fixture {
        let fixture = try ServerTests.Fixture()
        let g = "GraniteFalls.contoso.com", c = "CedarRapids.contoso.com"
        var lines = [
            #"{"type":"gateway","gateway":"\#(g)","at":"2026-11-01T00:00:00Z","vm_size":"Standard_A2_v2","instances":1}"#,
            #"{"type":"gateway","gateway":"\#(c)","at":"2026-11-01T00:00:00Z","vm_size":"Standard_A2_v2","instances":1}"#,
            #"{"type":"alert_config","gateway":"\#(g)","at":"2026-11-01T00:00:00Z","egress_threshold_gb":10,"storage_quota_gb":2}"#,
            #"{"type":"credential","gateway":"\#(g)","kind":"server_certificate","name":"cmg.contoso.com","expires_at":"2027-09-01T00:00:00Z"}"#,
            #"{"type":"connection_point","gateway":"\#(c)","server":"cmgcp1.contoso.com","at":"2026-11-20T11:30:00Z","status":0}"#,
            #"{"type":"credential","gateway":"\#(c)","kind":"app_secret","name":"CMG-ServerApp","expires_at":"2026-11-30T12:00:00Z"}"#,
        ]
        for minute in stride(from: 0, through: 55, by: 5) {
            let at = "2026-11-20T11:\(minute < 10 ? "0" : "")\(minute):00Z"
            lines.append(#"{"type":"status","gateway":"\#(g)","at":"\#(at)","state":"Ready","state_code":0}"#)
            let stopped = minute >= 50
            lines.append(#"{"type":"status","gateway":"\#(c)","at":"\#(at)","state":"\#(stopped ? "Stopped" : "Ready")","state_code":\#(stopped ? 6 : 0)}"#)
            lines.append(#"{"type":"online_clients","gateway":"\#(g)","at":"\#(at)","count":\#(100 + minute)}"#)
        }
        let path = fixture.folder.appendingPathComponent("fleet.ndjson").path
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let summary = try NDJSONImporter(store: fixture.store).importFile(at: path)
        #expect(summary.rejected == 0, "\(summary.rejections)")
        return fixture
    }

    static func html(_ response: TestResponse) -> String { String(buffer: response.body) }

    @Test func theFleetPutsTheGatewayNeedingAttentionFirstAndSaysWhy() async throws {
        let fixture = try Self.fixture()
        try await fixture.application().test(.router) { client in
            try await client.checked(uri: "/?\(Self.query)", method: .get, headers: fixture.bearer(fixture.read)) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(response.headers[.cacheControl] == "no-store")
                #expect(response.headers[.contentSecurityPolicy]?.hasPrefix("default-src 'none';") == true)
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
                let page = Self.html(response)
                // Warnings first: the stopped gateway's card comes before the healthy one's
                let cedar = try #require(page.range(of: "data-gateway=\"CedarRapids.contoso.com\" data-level=\"critical\""))
                let granite = try #require(page.range(of: "data-gateway=\"GraniteFalls.contoso.com\" data-level=\"ok\""))
                #expect(cedar.lowerBound < granite.lowerBound)
                #expect(page.contains("2 gateway(s): 1 critical, 0 warning, 1 fine."))
                // Why, in words: the state and for how long, the secret about to expire
                #expect(page.contains("<li class=\"critical\">Stopped for 10 min, not Ready</li>"))
                #expect(page.contains("<li class=\"critical\">No connection point all online (1 known)</li>"))
                #expect(page.contains("<dt>Connection points</dt><dd>0 of 1 all online</dd>"))
                #expect(page.contains("<li class=\"critical\">App secret CMG-ServerApp expires in 10 days (2026-11-30)</li>"))
                // The figures: clients against capacity, state since, the month's incident linked to its timeline
                #expect(page.contains("155 of 6,000 capacity (2.6 %)"))
                #expect(page.contains("<span class=\"state ok\">Ready</span> for 1 h 00 min"))
                #expect(page.contains("last seen 2026-11-20 12:55"))
                #expect(page.contains("min_severity=warning&amp;tz=Europe%2FBerlin&amp;as_of=2026-11-20T12%3A00%3A00Z\">1, 10 min not ready</a>"))
                #expect(page.contains("/timeline?from=2026-11-01T00%3A00%3A00%2B01%3A00&amp;to=2026-11-20T13%3A00%3A00%2B01%3A00&amp;gateway=CedarRapids.contoso.com"))
                // Every link carries the zone and the pinned instant, so the page can be mailed
                #expect(page.contains("<a href=\"/gateway/CedarRapids.contoso.com?\(Self.query.replacingOccurrences(of: "&", with: "&amp;"))\">"))
                #expect(page.contains("<a href=\"/capacity?tz=Europe%2FBerlin\">Capacity</a>"))
            }
        }
    }

    @Test func theGatewayPageHasItsChartsCapacityAndRecentTimeline() async throws {
        let fixture = try Self.fixture()
        try await fixture.application().test(.router) { client in
            try await client.checked(uri: "/gateway/CedarRapids.contoso.com?\(Self.query)", method: .get, headers: fixture.bearer(fixture.read)) { response in
                #expect(response.status == .ok)
                let page = Self.html(response)
                #expect(page.contains("<h1>CedarRapids.contoso.com</h1>"))
                // Online clients, requests, egress (and its rolling 14 days), storage: each a chart that scales down whole
                #expect(page.components(separatedBy: "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"960\"").count - 1 == 5)
                #expect(page.contains("viewBox=\"0 0 960 "))
                #expect(page.contains("<h2>Capacity, 2026-11</h2>"))
                #expect(page.contains("<h2>Last two days: warnings and errors</h2>"))
                #expect(page.contains("Ready → Stopped"))
            }
            // A gateway the history does not hold: a page that says so, 404
            try await client.checked(uri: "/gateway/Nowhere.contoso.com", method: .get, headers: fixture.bearer(fixture.read)) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(Self.html(response).contains("no gateway is named Nowhere.contoso.com in this history"))
            }
        }
    }

    @Test func theReportPagesAnswerTheirQueryAndABadOneIsAPageSayingWhy() async throws {
        let fixture = try Self.fixture()
        try await fixture.application().test(.router) { client in
            for (uri, expected) in [
                ("/capacity?month=2026-11&\(Self.query)", "<h1>Monthly capacity report, 2026-11</h1>"),
                ("/timeline?from=2026-11-20&to=2026-11-21&\(Self.query)", "<h1>Incident timeline</h1>"),
                ("/expiry?within=30&\(Self.query)", "CMG-ServerApp"),
            ] {
                try await client.checked(uri: uri, method: .get, headers: fixture.bearer(fixture.read)) { response in
                    #expect(response.status == .ok, "\(uri)")
                    let page = Self.html(response)
                    #expect(page.contains(expected), "\(uri)")
                    #expect(page.contains("<form class=\"query\" method=\"get\""), "\(uri): the page can be asked again")
                    #expect(page.contains("<input type=\"hidden\" name=\"as_of\" value=\"2026-11-20T12:00:00Z\">"), "\(uri)")
                }
            }
            for (uri, reason) in [("/capacity?month=2026-13", "2026-13"), ("/timeline?from=2026-11-20", "give the window: from and to"),
                                  ("/?as_of=yesterday", "as_of must be an RFC 3339 instant"), ("/expiry?within=soon", "within must be a number of days"),
                                  ("/timeline?from=2026-01-01&to=2026-12-01", "a timeline covers at most 31 days here")] {
                try await client.checked(uri: uri, method: .get, headers: fixture.bearer(fixture.read)) { response in
                    #expect(response.status == .badRequest, "\(uri)")
                    #expect(response.headers[.contentType] == "text/html; charset=utf-8", "\(uri)")
                    #expect(Self.html(response).contains(reason), "\(uri): \(Self.html(response))")
                }
            }
        }
    }

    @Test func aBrowserSignsInOnceWithAReadTokenKeptInAnHttpOnlyCookie() async throws {
        let fixture = try Self.fixture()
        try await fixture.application().test(.router) { client in
            // No token: to the sign-in form, with the page asked for
            try await client.checked(uri: "/expiry?tz=UTC", method: .get) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/login?next=%2Fexpiry%3Ftz%3DUTC")
            }
            try await client.checked(uri: "/login?next=%2Fexpiry%3Ftz%3DUTC", method: .get) { response in
                #expect(response.status == .ok)
                #expect(Self.html(response).contains("<input type=\"hidden\" name=\"next\" value=\"/expiry?tz=UTC\">"))
                #expect(Self.html(response).contains("type=\"password\" name=\"token\""))
            }
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            // A read token: the cookie (HttpOnly, SameSite=Lax, not Secure over plain HTTP), then the page
            var cookie = ""
            try await client.checked(uri: "/login", method: .post, headers: form,
                                     body: ByteBuffer(string: "token=\(fixture.read)&next=%2Fexpiry%3Ftz%3DUTC")) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/expiry?tz=UTC")
                let set = response.headers[.setCookie] ?? ""
                #expect(set.hasPrefix("cmgh_token=\(fixture.read);") && set.contains("HttpOnly") && set.contains("SameSite=Lax")
                        && set.contains("Path=/") && !set.contains("Secure"), "\(set)")
                cookie = String(set.prefix { $0 != ";" })
            }
            let signedIn = cookie
            try await client.checked(uri: "/expiry?tz=UTC", method: .get, headers: [.cookie: signedIn]) { response in
                #expect(response.status == .ok)
                #expect(Self.html(response).contains("Sign out"))
            }
            // The read API takes the cookie (the CSV link); ingest never does
            try await client.checked(uri: "/api/v1/gateways", method: .get, headers: [.cookie: signedIn]) { #expect($0.status == .ok) }
            try await client.checked(uri: "/api/v1/ingest?file=x.ndjson", method: .post, headers: [.cookie: signedIn],
                                     body: ByteBuffer(string: "")) { #expect($0.status == .unauthorized) }
            // Behind a TLS proxy, or asked by any name but loopback, the cookie is Secure
            var proxied = form
            proxied[DashboardAccess.forwardedProto] = "https"
            try await client.checked(uri: "/login", method: .post, headers: proxied, body: ByteBuffer(string: "token=\(fixture.read)")) { response in
                #expect(response.headers[.setCookie]?.contains("Secure") == true)
            }
            // An ingest token is not for reading; an unknown one is refused; neither sets a cookie
            try await client.checked(uri: "/login", method: .post, headers: form, body: ByteBuffer(string: "token=\(fixture.ingest)")) { response in
                #expect(response.status == .forbidden)
                #expect(Self.html(response).contains("Token collector has scope ingest"))
                #expect(response.headers[.setCookie] == nil)
            }
            try await client.checked(uri: "/login", method: .post, headers: form, body: ByteBuffer(string: "token=cmgh_nope")) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate] == "Bearer")
                #expect(response.headers[.setCookie] == nil)
            }
            // A form too long to be a sign-in is refused
            try await client.checked(uri: "/login", method: .post, headers: form, body: ByteBuffer(string: "token=" + String(repeating: "a", count: 5_000))) { response in
                #expect(response.status == .contentTooLarge)
                #expect(response.headers[.setCookie] == nil)
            }
            // Never sent to another site after signing in
            for next in ["%2F%2Fevil.example%2F", "https%3A%2F%2Fevil.example", "%2F%5Cevil.example"] {
                try await client.checked(uri: "/login", method: .post, headers: form, body: ByteBuffer(string: "token=\(fixture.read)&next=\(next)")) { response in
                    #expect(response.headers[.location] == "/", "\(next)")
                }
            }
            // Signing out clears the cookie; a revoked token's cookie sends the browser to sign in again
            try await client.checked(uri: "/logout", method: .post, headers: [.cookie: signedIn]) { response in
                #expect(response.status == .seeOther && response.headers[.location] == "/login")
                #expect(response.headers[.setCookie]?.contains("Max-Age=0") == true)
            }
            _ = try fixture.store.revokeToken(name: "dashboard", now: 2_000)
            try await client.checked(uri: "/", method: .get, headers: [.cookie: signedIn]) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/login?next=%2F&expired=1")
                #expect(response.headers[.setCookie]?.contains("Max-Age=0") == true)
            }
            // An ingest token in the header: the page says the scope is wrong
            try await client.checked(uri: "/", method: .get, headers: fixture.bearer(fixture.ingest)) { response in
                #expect(response.status == .forbidden)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            }
        }
    }

    @Test func anOpenDashboardNeedsNoTokenButTheAPIStillDoes() async throws {
        let fixture = try Self.fixture()
        let app = buildApplication(store: fixture.store, options: ServerOptions(port: 0, spoolDirectory: fixture.spool, openDashboard: true))
        try await app.test(.router) { client in
            try await client.checked(uri: "/?\(Self.query)", method: .get) { response in
                #expect(response.status == .ok)
                #expect(!Self.html(response).contains("Sign out"))
            }
            try await client.checked(uri: "/api/v1/gateways", method: .get) { #expect($0.status == .unauthorized) }
            try await client.checked(uri: "/metrics", method: .get) { #expect($0.status == .unauthorized) }
        }
    }

    @Test func theCookieIsSecureUnlessTheBrowserAskedLoopbackOverPlainHTTP() {
        for (authority, proto, secure) in [("cmg-history.contoso.com", nil, true), ("cmg-history.contoso.com:8080", nil, true),
                                           ("10.0.0.5:8080", nil, true), ("127.0.0.1:8080", nil, false), ("localhost:8080", nil, false),
                                           ("[::1]:8080", nil, false), ("127.0.0.1:8080", "https", true), (nil, nil, false),
                                           ("127.0.0.1:8080", "HTTPS,http", true)] as [(String?, String?, Bool)] {
            #expect(DashboardAccess.secure(authority: authority, forwardedProto: proto) == secure, "\(authority ?? "-") \(proto ?? "-")")
        }
    }

    @Test func formFieldsAreDecodedAsBrowsersEncodeThem() {
        let fields = FormFields("token=a%2Bb+c&next=%2Fx%3Fy%3D1&token=second&empty=&bad=%ZZ")
        #expect(fields["token"] == "a+b c")
        #expect(fields["next"] == "/x?y=1")
        #expect(fields["empty"] == "")
        #expect(fields["bad"] == nil)
    }
}
#endif
