import GRDB

/// What the charts read besides samples: each configuration field and alert level as it was
/// set over time, and the instants of online-client samples (their cadence says how many a day
/// should hold).
struct ChartInputs {
    let db: Database
    let gatewayID: Int64

    /// One field's settings in time order: (instant, value); records that did not carry the
    /// field (NULL) are left out, so a source that does not know it never erases it.
    typealias Settings = [(at: UnixSeconds, value: Int64)]

    struct Configuration {
        var vmSizes: [(at: UnixSeconds, value: String)] = []
        var instances: Settings = []
    }

    struct EgressAlert {
        var thresholdBytes: Settings = []
        var warningPercent: Settings = []
        var criticalPercent: Settings = []
    }

    func configuration(before end: UnixSeconds) throws -> Configuration {
        var result = Configuration()
        for row in try Row.fetchAll(db, sql: """
            SELECT at, vm_size, instances FROM gateway_config WHERE gateway_id = ? AND at < ? ORDER BY at
            """, arguments: [gatewayID, end]) {
            let at: UnixSeconds = try row.value(0)
            if let size: String = try row.value(1) { result.vmSizes.append((at, size)) }
            if let count: Int64 = try row.value(2) { result.instances.append((at, count)) }
        }
        return result
    }

    func egressAlert(before end: UnixSeconds) throws -> EgressAlert {
        var result = EgressAlert()
        for row in try Row.fetchAll(db, sql: """
            SELECT at, egress_threshold_bytes, egress_warning_pct, egress_critical_pct FROM alert_config
            WHERE gateway_id = ? AND at < ? ORDER BY at
            """, arguments: [gatewayID, end]) {
            let at: UnixSeconds = try row.value(0)
            if let v: Int64 = try row.value(1) { result.thresholdBytes.append((at, v)) }
            if let v: Int64 = try row.value(2) { result.warningPercent.append((at, v)) }
            if let v: Int64 = try row.value(3) { result.criticalPercent.append((at, v)) }
        }
        return result
    }

    /// The median gap between consecutive raw online-client samples in `[start, end)`, or nil
    /// with fewer than two samples (pruned or never imported).
    func onlineClientsCadence(from start: UnixSeconds, to end: UnixSeconds) throws -> Int64? {
        let instants = try Int64.fetchAll(db, sql: """
            SELECT at FROM online_clients_sample WHERE gateway_id = ? AND at >= ? AND at < ? ORDER BY at
            """, arguments: [gatewayID, start, end])
        guard instants.count >= 2 else { return nil }
        var gaps = zip(instants.dropFirst(), instants).map { $0 - $1 }.filter { $0 > 0 }
        guard !gaps.isEmpty else { return nil }
        gaps.sort()
        return gaps[gaps.count / 2]
    }
}

extension Array {
    /// The value of the latest setting at or before `instant` (settings in time order), or the
    /// first one known when none was set yet, as reports take the first configuration known.
    func inForce<Value>(at instant: UnixSeconds) -> Value? where Element == (at: UnixSeconds, value: Value) {
        var found: Value?
        for setting in self {
            guard setting.at <= instant else { break }
            found = setting.value
        }
        return found ?? first?.value
    }
}
