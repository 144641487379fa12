import GRDB

/// ``GatewayReads`` over SQLite: the gateway table, ``GatewayNames``' resolution rule and
/// ``GatewayConfigHistory``'s field-by-field merge.
extension SQLiteSnapshot {
    func allGateways() throws -> [GatewaySelection.Gateway] {
        try Row.fetchAll(db, sql: "SELECT id, name FROM gateway ORDER BY name COLLATE NOCASE, name")
            .map { try GatewaySelection.Gateway(id: $0.value(0), name: $0.value(1)) }
    }

    func resolveGateway(_ name: String) throws -> GatewayNames.Resolution {
        try GatewayNames.resolve(name, in: db)
    }

    func endpointID(gatewayID: Int64, name: String) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT id FROM endpoint WHERE gateway_id = ? AND name = ?", arguments: [gatewayID, name])
    }

    func configuration(gatewayID: Int64, at: UnixSeconds) throws -> ConfigurationInForce {
        try GatewayConfigHistory(db: db, gatewayID: gatewayID).configuration(at: at)
    }

    func configurationPeriods(gatewayID: Int64, from start: UnixSeconds, to end: UnixSeconds) throws -> [ConfigurationPeriod] {
        try GatewayConfigHistory(db: db, gatewayID: gatewayID).periods(from: start, to: end)
    }

    func alertThresholds(gatewayID: Int64, before instant: UnixSeconds) throws -> AlertConfigurationInForce {
        try GatewayConfigHistory(db: db, gatewayID: gatewayID).alertConfiguration(before: instant)
    }
}
