/// What reports read about gateways: who they are, their endpoints, and the configuration and
/// alert thresholds in force at an instant.
protocol GatewayReads {
    /// Every gateway, ordered by name without regard to case (ASCII folding), then by name.
    func allGateways() throws -> [GatewaySelection.Gateway]

    /// The gateway `name` stands for, by the rule every importer and report shares
    /// (``GatewayNames``): its name, an alias, its AzureServiceID, or a short name.
    func resolveGateway(_ name: String) throws -> GatewayNames.Resolution

    /// The id of the gateway's endpoint called exactly `name`, or nil.
    func endpointID(gatewayID: Int64, name: String) throws -> Int64?

    /// The configuration in force at `at`, records at `at` included, merged field by field
    /// (``ConfigurationInForce``); before the first record that set a field, the earliest value.
    func configuration(gatewayID: Int64, at: UnixSeconds) throws -> ConfigurationInForce

    /// `[start, end)` cut where the VM size or instance count in force changes, in time order; at
    /// least one period when `start < end` (``GatewayConfigHistory/periods(from:to:)``).
    func configurationPeriods(gatewayID: Int64, from start: UnixSeconds, to end: UnixSeconds) throws -> [ConfigurationPeriod]

    /// The alert thresholds in force just before `instant` (a month's or a day's end), merged
    /// field by field; the threshold and quota in bytes.
    func alertThresholds(gatewayID: Int64, before instant: UnixSeconds) throws -> AlertConfigurationInForce
}
