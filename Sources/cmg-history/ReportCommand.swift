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
    var metric: RollupMetric

    @Option(name: .long, help: ArgumentHelp("The bucket width: 5m, 1h, 1d, 1w (ISO weeks, from Monday) or 1mo.", valueName: "width"))
    var bucket: TrendBucket = .day

    @Option(name: .long, help: ArgumentHelp("One endpoint (such as CCM_STS) instead of the sum over endpoints.", valueName: "name"))
    var endpoint: String?

    func validate() throws {
        if let endpoint, !metric.isEndpointMetric {
            let endpointMetrics = RollupMetric.allCases.filter(\.isEndpointMetric).map(\.name).joined(separator: ", ")
            throw ValidationError("--endpoint \(endpoint) goes with an endpoint metric (\(endpointMetrics)), not \(metric.name).")
        }
    }

    func run() throws {
        let zone = options.zone
        let request = TrendRequest(metric: metric, bucket: bucket, period: try period.period(in: zone, now: options.clock.instant), zone: zone,
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
            A status snapshot holds until the next one, but never longer than \(PolicyText.duration(StalenessPolicy.defaultLimitSeconds)); time \
            without a snapshot is unknown and never counted as up. An incident is a run of not-Ready \
            snapshots, from the first one to the first Ready snapshot after it. A planned stop (a stop \
            operation requested in the \(PolicyText.duration(TimelinePolicy.leadUpSeconds)) before the gateway went Stopping, Stopped or Starting) is \
            reported apart; availability is over unplanned time. Findings for --fail-on: an ongoing \
            unplanned incident or unplanned availability under \(PolicyText.percent(AvailabilityPolicy.criticalBelow)) is critical, any unplanned incident \
            a warning.
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var options: ReportOptions
    @OptionGroup var period: PeriodOptions
    @OptionGroup var failOn: FailOnOptions

    func run() throws {
        let zone = options.zone
        // The period first: a command line to correct is said before the database is looked for.
        let period = try period.period(in: zone, now: options.clock.instant)
        var report = try database.openForReading().availability(period: period, zone: zone, gateways: options.gateway)
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
            Status: warning at \(ExpiryStatus.warningDays) days or fewer, critical at \(ExpiryStatus.criticalDays) or fewer, expired after the expiry \
            instant; every format prints the days left. Findings for --fail-on: an expired or critical \
            credential is critical, a warning one a warning.
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var options: ReportOptions
    @OptionGroup var failOn: FailOnOptions

    @Option(name: .long, help: ArgumentHelp("Only credentials expiring within this many days, like 60d (expired ones included).", valueName: "days"))
    var within: DayCount?

    @Option(name: .long, help: ArgumentHelp("Count days from this instant instead of now (RFC 3339).", valueName: "time"))
    var asOf: InstantArgument?

    func run() throws {
        let zone = options.zone
        let now = asOf?.seconds ?? options.clock.instant
        var report = try database.openForReading().expiry(now: now, zone: zone, withinDays: within?.days, gateways: options.gateway)
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
            The month is cut in --tz. Capacity is instances × the VM size's client limit (\(PolicyText.clientLimits)). \
            Forecasts fit a straight line through the \
            last \(CapacityPolicy.forecastWindowDays) days of daily values and say when each limit would be reached. Each series says its \
            coverage (a month under \(PolicyText.percent(CoveragePolicy.partialBelow)) of its expected samples is partial); planned stops are reported \
            apart from availability. Findings for --fail-on are the warnings: critical for an expired \
            credential or one within \(ExpiryStatus.criticalDays) days, \(ChartPolicy.egressWindowSeconds / 86_400)-day egress or storage at its critical level, or peak \
            clients at capacity; the others are warnings.
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var options: ReportOptions
    @OptionGroup var failOn: FailOnOptions

    @Option(name: .long, help: ArgumentHelp("The month, like 2026-10. Without it, the last full month in --tz.", valueName: "yyyy-mm"))
    var month: ReportMonth?

    func run() throws {
        let zone = options.zone
        let year: Int, month: Int
        if let given = self.month {
            (year, month) = (given.year, given.month)
        } else {
            (year, month) = DefaultPeriods.lastFullMonth(before: options.clock.instant, zone: zone)
            Console.error("month \(ReportMonth(year: year, month: month)) (default: the last full month in \(zone.identifier))")
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
