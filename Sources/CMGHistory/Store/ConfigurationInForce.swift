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
