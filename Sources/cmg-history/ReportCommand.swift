import ArgumentParser
import CMGHistory
import Foundation

/// `cmg-history report …`
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Answer from the history: trends, monthly capacity, availability, expiry.",
        subcommands: [CapacityCommand.self, TrendCommand.self, AvailabilityCommand.self, ExpiryCommand.self]
    )
}

/// `cmg-history report trend`
struct TrendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trend",
        abstract: "Show one metric over time, bucketed, with count, sum, min, max, mean and p95 per bucket.",
        discussion: """
            Endpoint metrics (requests, request_bytes, response_bytes, avg_elapsed_ms) are summed over \
            a gateway's endpoints at each instant unless --endpoint names one. Buckets of a day or more \
            follow the calendar of --tz: a daylight-saving day has 23 or 25 hours.
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var options: ReportOptions
    @OptionGroup var period: PeriodOptions

    @Option(name: .long, help: ArgumentHelp("The metric: \(RollupMetric.allCases.map(\.name).joined(separator: ", ")).", valueName: "name"))
    var metric: String

    @Option(name: .long, help: ArgumentHelp("The bucket width: 5m, 1h, 1d, 1w (ISO weeks, from Monday) or 1mo.", valueName: "width"))
    var bucket: String = "1d"

    @Option(name: .long, help: ArgumentHelp("One endpoint (such as CCM_STS) instead of the sum over endpoints.", valueName: "name"))
    var endpoint: String?

    func validate() throws {
        guard RollupMetric(name: metric) != nil else { throw ValidationError("--metric: \(ReportError.unknownMetric(metric).description)") }
        guard TrendBucket(rawValue: bucket) != nil else { throw ValidationError("--bucket must be 5m, 1h, 1d, 1w or 1mo, not \(bucket).") }
        if let endpoint, let metric = RollupMetric(name: metric), !metric.isEndpointMetric {
            throw ValidationError("--endpoint \(endpoint) goes with an endpoint metric (requests, request_bytes, response_bytes, avg_elapsed_ms), not \(self.metric).")
        }
    }

    func run() throws {
        guard let metric = RollupMetric(name: metric), let bucket = TrendBucket(rawValue: bucket) else { return }
        let zone = try options.zone()
        let request = TrendRequest(metric: metric, bucket: bucket, period: try period.period(in: zone, now: try options.instantNow()), zone: zone,
                                   gateways: options.gateway, endpoint: endpoint)
        let store = try database.openForReading()
        var report = try store.trend(request)
        report.provenance = options.provenance(database: database.path)
        // Trends can hold tens of thousands of points: their JSON is written directly.
        if options.format == .json {
            Console.out(TrendJSON.render(report))
        } else if options.format == .html {
            let daily = [.egressBytes, .onlineClients, .storageUsedBytes].contains(metric) ? try store.dailyCharts(period: request.period, zone: zone, gateways: options.gateway) : []
            let bands = try store.downtimeBands(period: request.period, zone: zone, gateways: options.gateway)
            Console.out(TrendHTML.render(report, charts: TrendCharts(bands: bands, daily: daily)))
        } else {
            try options.print(report, table: { TrendRender.table($0, width: options.tableWidth) }, csv: TrendRender.csv, markdown: TrendRender.markdown, html: { TrendHTML.render($0) })
        }
    }
}

/// `cmg-history report availability`
struct AvailabilityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "availability",
        abstract: "Show ready, not-ready and unknown time per gateway, and its incidents.",
        discussion: """
            A status snapshot holds until the next one, but never longer than 15 minutes; time \
            without a snapshot is unknown and never counted as up. An incident is a run of not-Ready \
            snapshots, from the first one to the first Ready snapshot after it. A planned stop (a stop \
            operation requested in the 2 hours before the gateway went Stopping, Stopped or Starting) is \
            reported apart; availability is over unplanned time. Findings for --fail-on: an ongoing \
            unplanned incident or unplanned availability under 99 % is critical, any unplanned incident \
            a warning.
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var options: ReportOptions
    @OptionGroup var period: PeriodOptions
    @OptionGroup var failOn: FailOnOptions

    func run() throws {
        let zone = try options.zone()
        var report = try database.openForReading().availability(period: try period.period(in: zone, now: try options.instantNow()), zone: zone, gateways: options.gateway)
        report.provenance = options.provenance(database: database.path)
        try options.print(report, table: { AvailabilityRender.table($0, width: options.tableWidth) }, csv: AvailabilityRender.csv, markdown: AvailabilityRender.markdown, html: AvailabilityRender.html)
        try failOn.check(report)
    }
}

/// `cmg-history report expiry`
struct ExpiryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "expiry",
        abstract: "Show when each server certificate, app secret and other credential expires.",
        discussion: """
            Status: warning at 60 days or fewer, critical at 14 or fewer, expired after the expiry \
            instant; every format prints the days left. Findings for --fail-on: an expired or critical \
            credential is critical, a warning one a warning.
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var options: ReportOptions
    @OptionGroup var failOn: FailOnOptions

    @Option(name: .long, help: ArgumentHelp("Only credentials expiring within this many days, like 60d (expired ones included).", valueName: "days"))
    var within: String?

    @Option(name: .long, help: ArgumentHelp("Count days from this instant instead of now (RFC 3339).", valueName: "time"))
    var asOf: String?

    func validate() throws {
        if let within, Self.days(within) == nil { throw ValidationError("--within takes a number of days like 60d, not \(within).") }
        if let asOf, Timestamp.parse(asOf) == nil { throw ValidationError("--as-of takes an RFC 3339 instant, not \(asOf).") }
    }

    static func days(_ text: String) -> Int? {
        let digits = text.hasSuffix("d") ? String(text.dropLast()) : text
        return Int(digits).flatMap { $0 >= 0 ? $0 : nil }
    }

    func run() throws {
        let zone = try options.zone()
        let now = try asOf.flatMap(Timestamp.parse) ?? options.instantNow()
        var report = try database.openForReading().expiry(now: now, zone: zone, withinDays: within.flatMap(Self.days), gateways: options.gateway)
        report.provenance = options.provenance(database: database.path)
        try options.print(report, table: { ExpiryRender.table($0, width: options.tableWidth) }, csv: ExpiryRender.csv, markdown: ExpiryRender.markdown, html: ExpiryRender.html)
        try failOn.check(report)
    }
}

/// `cmg-history report capacity`
struct CapacityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "capacity",
        abstract: "The monthly capacity report: clients, requests, egress, storage, availability and forecasts per gateway.",
        discussion: """
            The month is cut in --tz. Capacity is instances × the VM size's client limit (Standard_B2s \
            10, Standard_A2_v2 6,000, Standard_A4_v2 10,000). Forecasts fit a straight line through the \
            last 90 days of daily values and say when each limit would be reached. Each series says its \
            coverage (a month under 90 % of its expected samples is partial); planned stops are reported \
            apart from availability. Findings for --fail-on are the warnings: critical for an expired \
            credential or one within 14 days, 14-day egress or storage at its critical level, or peak \
            clients at capacity; the others are warnings.
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var options: ReportOptions
    @OptionGroup var failOn: FailOnOptions

    @Option(name: .long, help: ArgumentHelp("The month, like 2026-10. Without it, the last full month in --tz.", valueName: "yyyy-mm"))
    var month: String?

    static func parse(_ text: String) -> (year: Int, month: Int)? {
        let parts = text.split(separator: "-")
        guard text.count == 7, parts.count == 2, let y = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m), y > 1970 else { return nil }
        return (y, m)
    }

    static func text(year: Int, month: Int) -> String {
        (year < 1000 ? String(repeating: "0", count: 4 - String(year).count) : "") + "\(year)-" + (month < 10 ? "0" : "") + "\(month)"
    }

    func validate() throws {
        if let month, Self.parse(month) == nil { throw ValidationError(ReportError.invalidMonth(month).description) }
    }

    func run() throws {
        let zone = try options.zone()
        let year: Int, month: Int
        if let given = self.month {
            guard let parsed = Self.parse(given) else { return }
            (year, month) = parsed
        } else {
            (year, month) = DefaultPeriods.lastFullMonth(before: try options.instantNow(), zone: zone)
            Console.error("month \(Self.text(year: year, month: month)) (default: the last full month in \(zone.identifier))")
        }
        let store = try database.openForReading()
        var report = try store.capacity(year: year, month: month, zone: zone, gateways: options.gateway)
        report.provenance = options.provenance(database: database.path)
        if options.format == .html, let bounds = zone.month(year: year, month: month) {
            let period = ReportPeriod(start: bounds.start, end: bounds.end)
            Console.out(CapacityRender.html(report, charts: try store.dailyCharts(period: period, zone: zone, gateways: options.gateway),
                                            bands: try store.downtimeBands(period: period, zone: zone, gateways: options.gateway)))
        } else {
            try options.print(report, table: { CapacityRender.table($0, width: options.tableWidth) }, csv: CapacityRender.csv, markdown: CapacityRender.markdown, html: { CapacityRender.html($0) })
        }
        try failOn.check(report)
    }
}
