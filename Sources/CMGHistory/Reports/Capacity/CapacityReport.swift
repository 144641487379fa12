/// The monthly capacity report: per gateway, the month's figures against its limits, with
/// forecasts (DESIGN §4, "Monthly capacity report"). Figures with no data are null, not 0.
public struct CapacityReport: Sendable, Equatable, Codable {
    public var report = "capacity"
    public var month: String
    public var timeZone: String
    public var from: String
    public var to: String
    public var gateways: [GatewayCapacity]
    public var provenance: ReportProvenance?
}

public struct GatewayCapacity: Sendable, Equatable, Codable {
    public var gateway: String
    /// Things an admin should act on, most urgent first.
    public var warnings: [String]
    public var onlineClients: OnlineClients
    public var capacity: Capacity
    public var requests: Change
    public var egress: Egress
    public var storage: Storage
    public var availability: Availability
    public var operations: [String: Int]
    public var credentialsExpiring: [ExpiringCredential]
    public var forecast: Forecast
    /// How much of the month each series was observed.
    public var coverage: CapacityCoverage
    /// The warnings with their level, for `--fail-on`.
    public var findings: [Finding]

    public struct OnlineClients: Sendable, Equatable, Codable {
        public var samples: Int
        public var peak: Int64?
        public var peakAt: String?
        public var p95: Int64?
    }

    public struct Capacity: Sendable, Equatable, Codable {
        public var vmSize: String?
        public var instances: Int64?
        public var clientsPerInstance: Int64?
        public var capacityClients: Int64?
        public var peakUtilization: Double?
        public var p95Utilization: Double?
        public var recommendedInstances: Int64?
        /// Why `recommendedInstances` is that number: the headroom rule, or the high-availability
        /// floor (``CapacityPolicy/highAvailabilityFloor``) or the 16-instance cap that overrode it.
        public var recommendedReason: String?
        /// The month cut where the VM size or instance count in force changed (one period when
        /// it did not); utilization above is each sample against the capacity of its period.
        public var configurationPeriods: [ConfigurationPeriod] = []
    }

    /// A stretch of the month with one VM size and instance count, and its clients against them.
    public struct ConfigurationPeriod: Sendable, Equatable, Codable {
        public var from: String
        public var to: String
        public var vmSize: String?
        public var instances: Int64?
        public var clientsPerInstance: Int64?
        public var capacityClients: Int64?
        public var samples: Int
        public var peak: Int64?
        public var p95: Int64?
        public var peakUtilization: Double?
        public var p95Utilization: Double?
    }

    public struct Change: Sendable, Equatable, Codable {
        public var total: Int64?
        public var previousMonthTotal: Int64?
        public var changeRatio: Double?
        /// What `changeRatio` compares (``MonthChange``): month totals, or per-day rates when a month is partial.
        public var changeBasis: String?
    }

    public struct Egress: Sendable, Equatable, Codable {
        public var totalBytes: Int64?
        public var previousMonthTotalBytes: Int64?
        public var changeRatio: Double?
        public var rolling14dPeakBytes: Int64?
        public var rolling14dPeakAt: String?
        /// Where the 14-day figure comes from: egress samples summed, or, when a gateway has none
        /// (it is known from exports only), ConfigMgr's own `TrafficOutUsage` (``Egress/reportedSource``).
        public var rolling14dSource: String?
        public var thresholdBytes: Int64?
        public var warningBytes: Int64?
        public var criticalBytes: Int64?
        public var stopsOnCritical: Bool?

        /// What `changeRatio` compares (``MonthChange``).
        public var changeBasis: String?

        enum CodingKeys: String, CodingKey {
            case totalBytes, previousMonthTotalBytes, changeRatio, thresholdBytes, warningBytes, criticalBytes, stopsOnCritical, changeBasis
            case rolling14dPeakBytes = "rolling_14d_peak_bytes"
            case rolling14dPeakAt = "rolling_14d_peak_at"
            case rolling14dSource = "rolling_14d_source"
        }

        public static let sampledSource = "egress samples summed over 14 days"
        public static let reportedSource = "ConfigMgr's 14-day figure (SMS_AzureService TrafficOutUsage)"
    }

    public struct Storage: Sendable, Equatable, Codable {
        public var peakUsedBytes: Int64?
        public var quotaBytes: Int64?
        public var warningBytes: Int64?
        public var criticalBytes: Int64?
    }

    public struct Availability: Sendable, Equatable, Codable {
        public var readySeconds: Int64
        public var notReadySeconds: Int64
        public var unknownSeconds: Int64
        /// Planned downtime included; null ("no data") when no snapshot was taken in the month.
        public var ratio: Double?
        /// Every incident, planned ones included.
        public var incidents: Int
        public var plannedSeconds: Int64
        /// ready / (ready + not ready outside planned stops).
        public var unplannedRatio: Double?
        public var unplannedIncidents: Int
        public var plannedStops: [PlannedStop]
    }

    public struct ExpiringCredential: Sendable, Equatable, Codable {
        public var kind: String
        public var name: String
        public var expiresAt: String
        /// Counted from the end of the month, or from its replacement when it was replaced in the month.
        public var daysLeft: Int64
        /// When a newer record took over from it during the month; nil when it was still in force at the month's end.
        public var replacedAt: String?
    }

    public struct Forecast: Sendable, Equatable, Codable {
        public var method: String
        public var onlineClientsPeakVsCapacity: LimitForecast
        public var egress14dVsCritical: LimitForecast
        public var storageVsQuota: LimitForecast
        /// Instances needed for next month's forecast peak with 20% headroom; null without a fit.
        public var instancesNeededNextMonth: Int64?

        enum CodingKeys: String, CodingKey {
            case method, instancesNeededNextMonth
            case onlineClientsPeakVsCapacity = "online_clients_peak_vs_capacity"
            case egress14dVsCritical = "egress_14d_vs_critical"
            case storageVsQuota = "storage_vs_quota"
        }
    }
}

/// When one limit will be crossed at the current trend.
public struct LimitForecast: Sendable, Equatable, Codable {
    public var limit: Int64?
    /// Daily values the fit used.
    public var daysUsed: Int
    /// Fitted change per day; null without a fit.
    public var slopePerDay: Double?
    /// The local date the fitted line reaches the limit, or null (see `reason`).
    public var crossesOn: String?
    /// Why `crossesOn` is null: "not within 365 days", "not enough data", "no limit configured".
    public var reason: String?
}
