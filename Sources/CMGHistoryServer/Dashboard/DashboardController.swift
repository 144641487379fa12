#if canImport(Hummingbird)
import CMGHistory
import Foundation
import Hummingbird

/// The dashboard's pages: `/` (the fleet), `/gateway/NAME`, `/capacity`, `/timeline` and
/// `/expiry`. Every page reads its question from the query (`tz`, `as_of`, and the page's own
/// words, as the API takes them), so its address can be mailed and opens the same page.
struct DashboardController: Sendable {
    let store: HistoryStore
    let work: BlockingWork
    let signIn: Bool

    func addRoutes(to group: RouterGroup<ServerContext>) {
        group.get("/", use: fleet)
        group.get("gateway/:name", use: gateway)
        group.get("capacity", use: capacity)
        group.get("timeline", use: timeline)
        group.get("expiry", use: expiry)
    }

    /// What every page is asked: its zone and the instant it shows the history at.
    struct Ask {
        var zone: ReportZone
        var now: UnixSeconds
        /// `as_of` when the link carries one (it pins the page), else none.
        var pinned: String?

        init(_ query: Parameters) throws {
            zone = try ReportsController.zone(query)
            now = Int64(Date().timeIntervalSince1970)
            if let text = query.get("as_of") {
                guard let instant = Timestamp.parse(text) else { throw APIError(.badRequest, "as_of must be an RFC 3339 instant, not \(text)") }
                (now, pinned) = (instant, text)
            }
        }

        /// The query words every link on the page carries.
        var carried: [(String, String)] {
            (zone.identifier == "UTC" ? [] : [("tz", zone.identifier)]) + (pinned.map { [("as_of", $0)] } ?? [])
        }

        /// `[start of this month, now]` in the zone: this month so far.
        var monthSoFar: ReportPeriod? {
            guard let (year, month) = PeriodBoundText.month(String(zone.date(now).prefix(7))),
                  let bounds = zone.month(year: year, month: month), bounds.start <= now else { return nil }
            return ReportPeriod(start: bounds.start, end: now + 1)
        }

        /// The hidden fields a page's form repeats so that asking again keeps zone and instant.
        var hiddenFields: String {
            carried.map { "<input type=\"hidden\" name=\"\(HTMLPage.escape($0.0))\" value=\"\(HTMLPage.escape($0.1))\">" }.joined()
        }
    }

    func page(_ title: String, _ here: DashboardPage.Section?, _ ask: Ask, _ body: String) -> Response {
        DashboardPage.response(DashboardPage.render(title: title, body: body, here: here, zone: ask.zone, signedIn: signIn))
    }

    func cards(_ ask: Ask, names: [String]) throws -> [GatewayCard] {
        let now = try store.gatewaysNow(at: ask.now, gateways: names)
        let availability = try ask.monthSoFar.map { try store.availability(period: $0, zone: ask.zone, gateways: names) }
        return now.map { g in GatewayCard(g, availability: availability?.gateways.first { $0.gateway == g.gateway }, at: ask.now, zone: ask.zone) }
    }

    func monthTimelineLink(_ ask: Ask, gateway: String) -> String {
        guard let month = ask.monthSoFar else { return "/timeline" }
        return DashboardPage.link("/timeline", [("from", ask.zone.format(month.start)), ("to", ask.zone.format(ask.now)),
                                                 ("gateway", gateway), ("min_severity", "warning")] + ask.carried)
    }

    @Sendable func fleet(_ request: Request, context: ServerContext) async throws -> Response {
        let ask = try Ask(request.uri.queryParameters)
        let body = try await work.run { () throws -> String in
            let cards = GatewayCard.ordered(try cards(ask, names: []))
            var body = "<h1>Cloud management gateways</h1>\n"
            body += "<p class=\"note\">\(HTMLPage.escape("As of \(DashboardPage.local(ask.now, ask.zone)) (\(ask.zone.identifier))\(ask.pinned == nil ? "" : ", pinned by the link"): the latest each gateway's history holds. Gateways needing attention first."))</p>\n"
            let attention = cards.filter { $0.level > .ok }
            body += "<p>\(cards.count) gateway(s): \(attention.filter { $0.level == .critical }.count) critical, "
                + "\(attention.filter { $0.level == .warning }.count) warning, \(cards.count - attention.count) fine.</p>\n"
            if cards.isEmpty { body += "<p>No gateway in this history yet: collectors post to <code>/api/v1/ingest</code>.</p>\n" }
            body += "<div class=\"cards\">\n"
            for card in cards {
                body += card.html(zone: ask.zone, link: DashboardPage.link("/gateway/" + DashboardPage.encode(card.now.gateway), ask.carried),
                                  monthLink: monthTimelineLink(ask, gateway: card.now.gateway))
            }
            return body + "</div>\n"
        }
        return page("Fleet", .fleet, ask, body)
    }

    @Sendable func gateway(_ request: Request, context: ServerContext) async throws -> Response {
        let ask = try Ask(request.uri.queryParameters)
        let raw = context.parameters.get("name") ?? ""
        let name = raw.removingPercentEncoding ?? raw
        guard let period = DefaultPeriods.recentDays(endingAt: ask.now, zone: ask.zone) else {
            throw APIError(.badRequest, "the last \(DefaultPeriods.recentDays) days cannot be told in \(ask.zone.identifier)")
        }
        let (title, body) = try await work.run { () throws -> (String, String) in
            let found: GatewayCard?
            do { found = try cards(ask, names: [name]).first } catch ReportError.unknownGateway(let unknown) {
                throw APIError(.notFound, "no gateway is named \(unknown) in this history")
            }
            guard let card = found else { throw APIError(.notFound, "no gateway is named \(name) in this history") }
            let gateway = card.now.gateway
            var body = "<h1>\(HTMLPage.escape(gateway))</h1>\n<div class=\"cards\">\n"
                + card.html(zone: ask.zone, link: nil, monthLink: monthTimelineLink(ask, gateway: gateway)) + "</div>\n"
            body += try GatewayPage.charts(store, gateway: gateway, period: period, zone: ask.zone)
            body += try GatewayPage.capacity(store, gateway: gateway, ask: ask)
            body += try GatewayPage.recentTimeline(store, gateway: gateway, ask: ask)
            return (gateway, body)
        }
        return page(title, nil, ask, body)
    }

    @Sendable func capacity(_ request: Request, context: ServerContext) async throws -> Response {
        let query = request.uri.queryParameters
        let ask = try Ask(query)
        let (year, month): (Int, Int)
        if let text = query.get("month"), !text.isEmpty {
            guard let parsed = PeriodBoundText.month(text) else { throw APIError(.badRequest, ReportError.invalidMonth(text).description) }
            (year, month) = parsed
        } else {
            (year, month) = DefaultPeriods.lastFullMonth(before: ask.now, zone: ask.zone)
        }
        let gateways = query.getAll("gateway").filter { !$0.isEmpty }
        let monthText = "\(year)-\(month < 10 ? "0" : "")\(month)"
        // The API reads the sign-in cookie too; an open dashboard has none to send.
        let csvLink = DashboardPage.link("/api/v1/reports/capacity", [("month", monthText), ("format", "csv")] + gateways.map { ("gateway", $0) }
                                         + ask.carried.filter { $0.0 == "tz" })
        let csv = " <a href=\"\(HTMLPage.escape(csvLink))\" download>CSV for a spreadsheet</a>"
        let body = try await work.run { () throws -> String in
            let report = try store.capacity(year: year, month: month, zone: ask.zone, gateways: gateways)
            var charts: [DailyChart] = [], bands: [ChartBand] = []
            if let bounds = ask.zone.month(year: year, month: month) {
                let period = ReportPeriod(start: bounds.start, end: bounds.end)
                charts = try store.dailyCharts(period: period, zone: ask.zone, gateways: gateways)
                bands = try store.downtimeBands(period: period, zone: ask.zone, gateways: gateways)
            }
            let form = "<form class=\"query\" method=\"get\" action=\"/capacity\"><label>Month <input type=\"month\" name=\"month\" value=\"\(monthText)\"></label>"
                + ask.hiddenFields + "<button type=\"submit\">Show</button>" + (signIn ? csv : "") + "</form>\n"
            return form + CapacityRender.htmlBody(report, charts: charts, bands: bands)
        }
        return page("Capacity \(monthText)", .capacity, ask, body)
    }

    @Sendable func timeline(_ request: Request, context: ServerContext) async throws -> Response {
        let query = request.uri.queryParameters
        let ask = try Ask(query)
        let window: ReportPeriod
        if query.get("around") != nil || query.get("from") != nil || query.get("to") != nil {
            window = try TimelineController.window(query, zone: ask.zone)
        } else {
            window = ReportPeriod(start: ask.now - 86_400, end: ask.now)
        }
        var severity = TimelineSeverity.info
        if let text = query.get("min_severity"), !text.isEmpty {
            guard let known = TimelineSeverity(rawValue: text) else { throw APIError(.badRequest, "min_severity must be info, warning or error, not \(text)") }
            severity = known
        }
        let gateways = query.getAll("gateway").filter { !$0.isEmpty }
        let request = TimelineRequest(window: window, zone: ask.zone, gateways: gateways, minSeverity: severity)
        let body = try await work.run { [severity] () throws -> String in
            let t = try store.timeline(request)
            func option(_ s: TimelineSeverity) -> String {
                "<option\(s == severity ? " selected" : "")>\(s.rawValue)</option>"
            }
            let form = "<form class=\"query\" method=\"get\" action=\"/timeline\">"
                + "<label>From <input name=\"from\" value=\"\(HTMLPage.escape(ask.zone.format(window.start)))\" size=\"25\"></label>"
                + "<label>To <input name=\"to\" value=\"\(HTMLPage.escape(ask.zone.format(window.end)))\" size=\"25\"></label>"
                + "<label>Gateway <input name=\"gateway\" value=\"\(HTMLPage.escape(gateways.first ?? ""))\" placeholder=\"all\"></label>"
                + gateways.dropFirst().map { "<input type=\"hidden\" name=\"gateway\" value=\"\(HTMLPage.escape($0))\">" }.joined()
                + "<label>At least <select name=\"min_severity\">\(TimelineSeverity.allCases.map(option).joined())</select></label>"
                + ask.hiddenFields + "<button type=\"submit\">Show</button></form>\n"
            return form + TimelineHTML.body(t)
        }
        return page("Timeline", .timeline, ask, body)
    }

    @Sendable func expiry(_ request: Request, context: ServerContext) async throws -> Response {
        let query = request.uri.queryParameters
        let ask = try Ask(query)
        var within: Int?
        if let text = query.get("within"), !text.isEmpty {
            guard let days = PeriodBoundText.days(text) else { throw APIError(.badRequest, "within must be a number of days, such as 60d, not \(text)") }
            within = days
        }
        let gateways = query.getAll("gateway").filter { !$0.isEmpty }
        let body = try await work.run { [within] () throws -> String in
            let report = try store.expiry(now: ask.now, zone: ask.zone, withinDays: within, gateways: gateways)
            let form = "<form class=\"query\" method=\"get\" action=\"/expiry\"><label>Within days <input name=\"within\" value=\"\(within.map(String.init) ?? "")\" placeholder=\"all\" size=\"6\"></label>"
                + ask.hiddenFields + "<button type=\"submit\">Show</button></form>\n"
            return form + ExpiryRender.htmlBody(report)
        }
        return page("Expiry", .expiry, ask, body)
    }
}
#endif
