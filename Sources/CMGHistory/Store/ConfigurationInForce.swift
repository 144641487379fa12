/// A gateway's configuration as it stood at an instant, merged field by field.
///
/// Sources carry different fields: an `SMS_AzureService` export has instances and region but
/// no VM size, `gateway set` has the VM size. So a field's value at an instant is the latest
/// record at or before it that *set* the field (non-null), and a record that leaves a field out
/// never erases it. Before the first record that set a field, the earliest value known stands
/// (a VM size recorded by hand today describes the exports of last month too); a later change
/// is what splits time into periods (``GatewayConfigHistory/periods(from:to:)``).
public struct ConfigurationInForce: Sendable, Equatable, Codable {
    public var site: String?
    public var region: String?
    public var vmSize: String?
    public var instances: Int64?
}

/// Alert thresholds in force at an instant, merged field by field as ``ConfigurationInForce``.
struct AlertConfigurationInForce: Equatable {
    var egressThresholdBytes: Int64?
    var egressWarningPct: Int64?
    var egressCriticalPct: Int64?
    var stopOnCritical: Bool?
    var storageQuotaBytes: Int64?
    var storageWarningPct: Int64?
    var storageCriticalPct: Int64?
}

/// One stretch of time `[start, end)` over which a gateway's VM size and instance count stayed the same.
struct ConfigurationPeriod: Equatable {
    var start: UnixSeconds
    var end: UnixSeconds
    var configuration: ConfigurationInForce
}

extension ConfigurationPeriod {
    /// `[start, end)` cut where the VM size or instance count changes, from `initial` (in force
    /// at `start`) and the configuration `records` inside the range in time order, each setting
    /// the fields it holds (nil leaves a field as it was). At least one period.
    static func cut(_ start: UnixSeconds, _ end: UnixSeconds, from initial: ConfigurationInForce,
                    records: [(at: UnixSeconds, record: ConfigurationInForce)]) -> [ConfigurationPeriod] {
        var current = initial
        var periods: [ConfigurationPeriod] = []
        var periodStart = start
        for (at, record) in records {
            var next = current
            if let site = record.site { next.site = site }
            if let region = record.region { next.region = region }
            if let size = record.vmSize { next.vmSize = size }
            if let instances = record.instances { next.instances = instances }
            if next.vmSize != current.vmSize || next.instances != current.instances {
                periods.append(ConfigurationPeriod(start: periodStart, end: at, configuration: current))
                periodStart = at
            }
            current = next
        }
        periods.append(ConfigurationPeriod(start: periodStart, end: end, configuration: current))
        return periods
    }
}
