#if canImport(Hummingbird)
import CMGHistory
import Foundation
import Hummingbird

/// `GET /api/v1/timeline`: `cmg-history timeline --reproducible`'s answer for a window —
/// `from` and `to`, or `around` with `window` (default 6h) — with `tz`, `gateway` repeated and
/// `min_severity` (info, warning, error), as JSON, Markdown or HTML (a timeline has no CSV).
struct TimelineController: Sendable {
    let store: HistoryStore
    let work: BlockingWork

    static let defaultWindowSeconds: Int64 = 6 * 3600
    /// The widest window the server builds: a month of items and causes is a page a person reads;
    /// a year of every log entry is a request that holds a read thread for nothing (the CLI has
    /// no limit: its user waits for their own answer).
    static let maximumWindowSeconds: Int64 = 31 * 86_400

    func addRoutes(to group: RouterGroup<ServerContext>) {
        group.get(use: timeline)
    }

    @Sendable func timeline(_ request: Request, context: ServerContext) async throws -> Response {
        let format = try ReportFormat.of(request)
        guard format != .csv else { throw APIError(.notAcceptable, "a timeline is JSON, Markdown or HTML, not CSV") }
        let query = request.uri.queryParameters
        let zone = try ReportsController.zone(query)
        let window = try Self.window(query, zone: zone)
        var severity = TimelineSeverity.info
        if let text = query.get("min_severity") {
            guard let known = TimelineSeverity(rawValue: text) else { throw APIError(.badRequest, "min_severity must be info, warning or error, not \(text)") }
            severity = known
        }
        let timelineRequest = TimelineRequest(window: window, zone: zone, gateways: query.getAll("gateway"), minSeverity: severity)
        let store = self.store
        return format.response(try await work.run {
            let timeline = try store.timeline(timelineRequest)
            switch format {
            case .json, .csv: return try JSONRender.render(timeline)
            case .markdown: return TimelineRender.markdown(timeline)
            case .html: return TimelineHTML.render(timeline)
            }
        })
    }

    /// `from`/`to`, or `around` (a date or an instant) and `window` (6h, 90m, 2d): one of the two.
    static func window(_ query: Parameters, zone: ReportZone) throws -> ReportPeriod {
        let window = try requestedWindow(query, zone: zone)
        guard window.end - window.start <= maximumWindowSeconds else {
            throw APIError(.badRequest, "a timeline covers at most 31 days here; ask for a shorter window (cmg-history timeline has no limit)")
        }
        return window
    }

    static func requestedWindow(_ query: Parameters, zone: ReportZone) throws -> ReportPeriod {
        if let around = query.get("around") {
            guard query.get("from") == nil, query.get("to") == nil else { throw APIError(.badRequest, "give around (with window) or from and to, not both") }
            guard let middle = PeriodBoundText.parse(around)?.instant(in: zone) else {
                throw APIError(.badRequest, "around: \(PeriodBoundText.reason(around))")
            }
            var width = defaultWindowSeconds
            if let text = query.get("window") {
                guard let seconds = TimelineRequest.seconds(text) else { throw APIError(.badRequest, "window takes a duration like 6h, 90m, 2d or 1h30m, not \(text)") }
                width = seconds
            }
            return TimelineRequest.window(around: middle, width: width)
        }
        guard query.get("from") != nil, query.get("to") != nil else {
            throw APIError(.badRequest, "give the window: from and to, or around (and window, default 6h)")
        }
        return try ReportsController.period(query, zone: zone)
    }
}
#endif
