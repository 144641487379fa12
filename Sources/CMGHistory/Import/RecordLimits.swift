extension HistoryRecord {
    /// The first value of the record outside ``ValueLimits``, as a rejection; nil when all are
    /// within. The importers check each value as they decode it, with its own field name; this
    /// is the same check for records made in code (``HistoryStore/importRecords(_:source:)``),
    /// which no decoder has seen.
    var rangeProblem: LineRejection? {
        var problem: LineRejection?
        func name(_ field: String, _ value: String) {
            guard problem == nil else { return }
            if value.isEmpty { problem = LineRejection(field: field, value: "\"\"", "is empty") }
            if value.utf8.count > ValueLimits.maximumNameBytes { problem = .tooLong(field: field, value: value) }
        }
        func instant(_ field: String, _ value: UnixSeconds?) {
            if problem == nil, let value, !ValueLimits.isStorable(value) {
                problem = ValueLimits.instantOutOfRange(field: field, value: String(value))
            }
        }
        func number(_ field: String, _ value: Int64?, _ limit: Int64 = ValueLimits.maximumSampleValue) {
            if problem == nil, let value, !(0...limit).contains(value) {
                problem = .outOfRange(field: field, value: String(value), limit: limit)
            }
        }
        switch self {
        case .gateway(let r): name("gateway", r.gateway); instant("at", r.at)
        case .alertConfig(let r):
            name("gateway", r.gateway); instant("at", r.at)
            number("egress_threshold_bytes", r.egressThresholdBytes, GigabyteDecimal.maximumBytes)
            number("storage_quota_bytes", r.storageQuotaBytes, GigabyteDecimal.maximumBytes)
        case .status(let r): name("gateway", r.gateway); instant("at", r.at)
        case .connectionPoint(let r): name("gateway", r.gateway); name("server", r.server); instant("at", r.at)
        case .onlineClients(let r): name("gateway", r.gateway); instant("at", r.at); number("count", r.count)
        case .endpointTraffic(let r):
            name("gateway", r.gateway); name("endpoint", r.endpoint); instant("at", r.at)
            number("interval_s", r.intervalSeconds, ValueLimits.maximumIntervalSeconds)
            number("request_count", r.requestCount, ValueLimits.maximumRequests(intervalSeconds: r.intervalSeconds))
            number("response_count", r.responseCount, ValueLimits.maximumRequests(intervalSeconds: r.intervalSeconds))
            number("request_bytes", r.requestBytes); number("response_bytes", r.responseBytes)
            number("avg_elapsed_ms", r.averageElapsedMilliseconds, ValueLimits.maximumAverageElapsedMilliseconds)
            if problem == nil { problem = ValueLimits.check(r) }
        case .egress(let r):
            name("gateway", r.gateway); instant("at", r.at)
            number("interval_s", r.intervalSeconds, ValueLimits.maximumIntervalSeconds); number("bytes", r.bytes)
        case .storage(let r): name("gateway", r.gateway); instant("at", r.at); number("used_bytes", r.usedBytes)
        case .operation(let r):
            // An operation known only by its ConfigMgr key has no gateway name yet.
            if !r.gateway.isEmpty || r.azureServiceID == nil { name("gateway", r.gateway) }
            instant("requested_at", r.requestedAt); instant("completed_at", r.completedAt)
        case .credential(let r):
            name("gateway", r.gateway); instant("not_before", r.notBefore); instant("expires_at", r.expiresAt)
            instant("renewed_at", r.renewedAt)
        case .onlineClientsByNetwork(let r):
            name("gateway", r.gateway); instant("at", r.at)
            number("internet_count", r.internetCount); number("intranet_count", r.intranetCount)
        case .reportedEgress(let r):
            name("gateway", r.gateway); instant("at", r.at)
            number("last_14_days_bytes", r.lastFourteenDaysBytes, GigabyteDecimal.maximumBytes)
        }
        return problem
    }
}
