#if canImport(Hummingbird)
import CMGHistory
import Foundation
import Hummingbird

/// `GET /api/v1/reports/capacity`, `…/trend`, `…/availability` and `…/expiry`: the reports
/// `cmg-history report` prints, from the same query words as its options (`month`, `tz`,
/// `gateway` repeated, `metric`, `bucket`, `from`, `to`, `endpoint`, `within`, `as_of`), with the
/// same defaults (the last full month; the last 30 days; now).
struct ReportsController: Sendable {
    let store: HistoryStore
    let work: BlockingWork

    func addRoutes(to group: RouterGroup<ServerContext>) {
        group.get("capacity", use: capacity)
        group.get("trend", use: trend)
        group.get("availability", use: availability)
        group.get("expiry", use: expiry)
    }

    /// Renders `report` as `format` asks, each with the report's own renderers.
    private static func rendered<Report: Encodable>(_ report: Report, _ format: ReportFormat, csv: (Report) -> String,
                                                    markdown: (Report) -> String, html: (Report) throws -> String) throws -> String {
        switch format {
        case .json: try JSONRender.render(report)
        case .csv: csv(report)
        case .markdown: markdown(report)
        case .html: try html(report)
        }
    }

    /// `from`/`to` (default: the last 30 days), `tz`, `gateway` repeated.
    @Sendable func availability(_ request: Request, context: ServerContext) async throws -> Response {
        let format = try ReportFormat.of(request)
        let query = request.uri.queryParameters
        let zone = try Self.zone(query)
        let period = try Self.period(query, zone: zone)
        let gateways = query.getAll("gateway")
        let store = self.store
        return format.response(try await work.run {
            try Self.rendered(try store.availability(period: period, zone: zone, gateways: gateways), format,
                              csv: AvailabilityRender.csv, markdown: AvailabilityRender.markdown, html: AvailabilityRender.html)
        })
    }

    /// `within` (days, such as 60 or 60d), `as_of` (RFC 3339, default now), `tz`, `gateway` repeated.
    @Sendable func expiry(_ request: Request, context: ServerContext) async throws -> Response {
        let format = try ReportFormat.of(request)
        let query = request.uri.queryParameters
        let zone = try Self.zone(query)
        var within: Int?
        if let text = query.get("within") {
            guard let days = PeriodBoundText.days(text) else { throw APIError(.badRequest, "within must be a number of days, such as 60d, not \(text)") }
            within = days
        }
        var now = Int64(Date().timeIntervalSince1970)
        if let text = query.get("as_of") {
            guard let instant = Timestamp.parse(text) else { throw APIError(.badRequest, "as_of must be an RFC 3339 instant, not \(text)") }
            now = instant
        }
        let gateways = query.getAll("gateway")
        let store = self.store
        return format.response(try await work.run { [now, within] in
            try Self.rendered(try store.expiry(now: now, zone: zone, withinDays: within, gateways: gateways), format,
                              csv: ExpiryRender.csv, markdown: ExpiryRender.markdown, html: ExpiryRender.html)
        })
    }

    @Sendable func capacity(_ request: Request, context: ServerContext) async throws -> Response {
        let format = try ReportFormat.of(request)
        let query = request.uri.queryParameters
        let zone = try Self.zone(query)
        let gateways = query.getAll("gateway")
        let (year, month): (Int, Int)
        if let text = query.get("month") {
            guard let parsed = PeriodBoundText.month(text) else { throw APIError(.badRequest, ReportError.invalidMonth(text).description) }
            (year, month) = parsed
        } else {
            (year, month) = DefaultPeriods.lastFullMonth(before: Int64(Date().timeIntervalSince1970), zone: zone)
        }
        let store = self.store
        let text = try await work.run { () throws -> String in
            let report = try store.capacity(year: year, month: month, zone: zone, gateways: gateways)
            return try Self.rendered(report, format, csv: CapacityRender.csv, markdown: CapacityRender.markdown) { report in
                // With the month's daily charts, as `report capacity --format html` draws them.
                guard let bounds = zone.month(year: year, month: month) else { return CapacityRender.html(report) }
                let period = ReportPeriod(start: bounds.start, end: bounds.end)
                return CapacityRender.html(report, charts: try store.dailyCharts(period: period, zone: zone, gateways: gateways),
                                           bands: try store.downtimeBands(period: period, zone: zone, gateways: gateways))
            }
        }
        return format.response(text)
    }

    @Sendable func trend(_ request: Request, context: ServerContext) async throws -> Response {
        let format = try ReportFormat.of(request)
        let query = request.uri.queryParameters
        let zone = try Self.zone(query)
        guard let metricName = query.get("metric") else { throw APIError(.badRequest, "metric is required: \(RollupMetric.allCases.map(\.name).joined(separator: ", "))") }
        guard let metric = RollupMetric(name: metricName) else { throw APIError(.badRequest, ReportError.unknownMetric(metricName).description) }
        var bucket = TrendBucket.day
        if let text = query.get("bucket") {
            guard let known = TrendBucket(rawValue: text) else { throw APIError(.badRequest, "bucket must be 5m, 1h, 1d, 1w or 1mo, not \(text)") }
            bucket = known
        }
        let endpoint = query.get("endpoint")
        if endpoint != nil, !metric.isEndpointMetric { throw APIError(.badRequest, "endpoint goes with an endpoint metric, not \(metric.name)") }
        let period = try Self.period(query, zone: zone)
        let request = TrendRequest(metric: metric, bucket: bucket, period: period, zone: zone, gateways: query.getAll("gateway"), endpoint: endpoint)
        let store = self.store
        let text = try await work.run { () throws -> String in
            let report = try store.trend(request)
            switch format {
            case .json: return TrendJSON.render(report)
            case .csv: return TrendRender.csv(report)
            case .markdown: return TrendRender.markdown(report)
            case .html:
                let daily = [.egressBytes, .onlineClients, .storageUsedBytes].contains(metric)
                    ? try store.dailyCharts(period: period, zone: zone, gateways: request.gateways) : []
                let bands = try store.downtimeBands(period: period, zone: zone, gateways: request.gateways)
                return TrendHTML.render(report, charts: TrendCharts(bands: bands, daily: daily))
            }
        }
        return format.response(text)
    }

    /// `tz`, an IANA zone (default UTC).
    static func zone(_ query: Parameters) throws -> ReportZone {
        guard let name = query.get("tz") else { return .utc }
        do { return try ReportZone(identifier: name) } catch { throw APIError(.badRequest, error.description) }
    }

    /// `from` and `to` (a date or an RFC 3339 instant each), or the last 30 days in the zone.
    static func period(_ query: Parameters, zone: ReportZone) throws -> ReportPeriod {
        switch (query.get("from"), query.get("to")) {
        case let (from?, to?):
            do { return try ReportPeriod.parse(from: from, to: to, zone: zone, fields: ("from", "to")) } catch {
                throw APIError(.badRequest, error.description)
            }
        case (nil, nil):
            guard let recent = DefaultPeriods.recentDays(endingAt: Int64(Date().timeIntervalSince1970), zone: zone) else {
                throw APIError(.badRequest, "the last \(DefaultPeriods.recentDays) days cannot be told in \(zone.identifier); give from and to")
            }
            return recent
        default:
            throw APIError(.badRequest, "from and to go together (or neither: the last \(DefaultPeriods.recentDays) days)")
        }
    }
}
#endif
