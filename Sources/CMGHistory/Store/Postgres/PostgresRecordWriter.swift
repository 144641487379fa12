/// Stores a batch of validated records on PostgreSQL, set-based, with the outcomes SQLite's
/// ``RecordWriter`` gives the same records.
///
/// A round trip per record would cost about 20 s for 400,000 samples over a socket, so each raw
/// table's rows of the batch travel once: binary COPY into a session-local staging table, one
/// `INSERT … SELECT … ORDER BY line ON CONFLICT DO NOTHING RETURNING` (the earliest line of a key
/// wins, as it does when SQLite stores lines one by one), and for the lines not inserted one join
/// to the stored rows, whose values tell a duplicate from a conflict by the same comparison as
/// RecordWriter+Conflicts.swift. Endpoint traffic is decided line by line in Swift from the
/// stored rows and totals read in bulk, because a sample refused for an overflowing gateway total
/// must not count towards it (see PostgresRecordWriter+Traffic.swift).
///
/// Concurrency (pg-design.md): every gateway the batch writes is locked with
/// `pg_advisory_xact_lock`, in ascending id order, before any raw row is read or written, so
/// two collectors importing overlapping data serialise per gateway and each recomputes rollups
/// and spans from everything committed before it. New names are created under one lock per
/// schema, taken before any gateway lock.
///
/// Configuration, alert configuration, operation and credential records are few per batch: they
/// are written row by row in line order (PostgresRecordWriter+Entries.swift), inside the same
/// transaction and locks. A gateway created under a full DNS name folds a gateway stored under
/// its short name into it when the batch is written (``PostgresGatewayFolding``).
package enum PostgresRecordWriter {
    /// Stores `batch` in one READ COMMITTED transaction this function opens: all of it, or (on a
    /// thrown error) none. Rejections and conflicts come back per line in the summary, whose
    /// counts cover this batch only.
    ///
    /// The months the batch touches are created first, in short transactions of their own
    /// (``PostgresPartitions``): an empty partition is harmless, and a partition lock held to the
    /// end of a batch would order against the gateway locks.
    static func importBatch(_ batch: [NumberedRecord], file: String, on connection: PGConnection) throws -> ImportSummary {
        try ensurePartitions(for: batch, on: connection)
        let (outcomes, notes) = try connection.transaction(.readCommitted) { () throws -> ([WriteOutcome], [String]) in
            var writer = try PostgresBatchWriter(batch, connection: connection)
            try writer.run()
            return (try writer.finalOutcomes(), writer.notes)
        }
        var summary = ImportSummary(file: file, format: "")
        for (item, outcome) in zip(batch, outcomes) { summary.count(outcome, of: item) }
        summary.notes = notes
        return summary
    }

    /// Stores `records` in batches of `batchSize` (each one ``importBatch(_:file:on:)``), numbered
    /// from 1 as lines of `source`: the entry the ingest benchmark times, until the PostgreSQL
    /// store takes it behind ``HistoryStore``.
    package static func importRecords(_ records: [HistoryRecord], source: String, on connection: PGConnection,
                                      batchSize: Int = 20_000) throws -> ImportSummary {
        var summary = ImportSummary(file: source, format: "records")
        var start = 0
        while start < records.count {
            let end = min(start + max(1, batchSize), records.count)
            let batch = (start..<end).map { NumberedRecord(line: $0 + 1, record: records[$0]) }
            summary.add(try importBatch(batch, file: source, on: connection))
            start = end
        }
        return summary
    }

    /// Creates the monthly partitions every raw table of the batch needs.
    private static func ensurePartitions(for batch: [NumberedRecord], on connection: PGConnection) throws {
        var instants: [String: [UnixSeconds]] = [:]
        for item in batch {
            switch item.record {
            case .onlineClients(let r): instants["online_clients_sample", default: []].append(r.at)
            case .endpointTraffic(let r):
                instants["endpoint_traffic_sample", default: []].append(r.at)
                instants["gateway_traffic_sample", default: []].append(r.at)
            case .egress(let r): instants["egress_sample", default: []].append(r.at)
            case .storage(let r): instants["storage_sample", default: []].append(r.at)
            case .status(let r): instants["status_snapshot", default: []].append(r.at)
            case .connectionPoint(let r): instants["connection_point_status", default: []].append(r.at)
            case .onlineClientsByNetwork(let r): instants["online_clients_by_network", default: []].append(r.at)
            case .reportedEgress(let r): instants["reported_egress_sample", default: []].append(r.at)
            case .gateway, .alertConfig, .operation, .credential: break
            }
        }
        for (table, list) in instants.sorted(by: { $0.key < $1.key }) {
            try PostgresPartitions.ensureMonths(connection, table: table, instants: list)
        }
    }
}

/// One batch being written: the outcome of each record so far, and what it touched.
struct PostgresBatchWriter {
    let connection: PGConnection
    let batch: [NumberedRecord]
    /// Per record, once decided.
    var outcomes: [WriteOutcome?]
    /// Gateway ids by lower-cased name as the records spell it (SQLite's cache key).
    var gatewayIDs: [String: Int64] = [:]
    /// What the batch did to gateways that an admin should read (folds, ambiguous short names).
    var notes: [String] = []
    /// Gateways this batch created under a full DNS name: each folds a gateway stored under its
    /// short name when the batch's rows are written (SQLite's ``GatewayFolding``).
    var createdFullNames: [Int64] = []
    /// Gateways the batch writes to without naming them (a short-named gateway a fold moves, the
    /// owner of an operation's AzureServiceID): locked with the named ones.
    var alsoLocked: Set<Int64> = []
    /// Hours whose rollups need recomputing, with the metric groups of each.
    var touchedHours: [RollupMaintainer.HourKey: RollupMaintainer.MetricGroups] = [:]
    /// Per metric group, the values of the touched hours that held no row before the batch:
    /// their rollups need no read of the raw table (PostgresRecordWriter+Samples.swift).
    var newHourValues: [UInt8: [RollupMaintainer.HourKey: [Int64]]] = [:]
    /// The instants of new status snapshots, per gateway.
    var touchedSpans: [Int64: ClosedRange<Int64>] = [:]
    /// Samples before this instant were pruned; their hours' rollups are final.
    let rawKeptFrom: Int64?

    init(_ batch: [NumberedRecord], connection: PGConnection) throws {
        self.batch = batch
        self.connection = connection
        outcomes = Array(repeating: nil, count: batch.count)
        // Shared with every writer, exclusive to a prune moving the horizon (PostgresStore+Prune):
        // the horizon read here holds until this batch commits.
        try connection.query("SELECT pg_advisory_xact_lock_shared(hashtextextended($1 || current_schema(), 0))",
                             [.text(PostgresStore.retentionLockPrefix)])
        let retention = try connection.query("SELECT raw_kept_from FROM retention WHERE id = 1", binaryResults: true)
        rawKeptFrom = retention.rowCount == 0 ? nil : try retention.optionalInt64(row: 0, column: 0)
    }

    /// Decides and writes every record, then derives rollups and spans.
    mutating func run() throws {
        var names: [String] = [], storedOnly: [String] = []
        for (index, item) in batch.enumerated() {
            if let problem = try earlyRejection(item.record) {
                outcomes[index] = .rejected(problem)
            } else if Self.overflowsAlone(item.record) {
                storedOnly.append(item.record.gateway)
            } else if let name = Self.namedGateway(item.record) {
                names.append(name)
            }
        }
        try resolveGateways(names)
        // A sample refused whatever it meets still meets a stored gateway's totals first, which
        // say which field overflows: its gateway is looked up, never created.
        for name in storedOnly where gatewayIDs[name.lowercased()] == nil {
            if let id = try resolveExactly(name) { gatewayIDs[name.lowercased()] = id }
        }
        try noteUnnamedGateways()
        try lockGateways()
        try writeSimpleKinds()
        try writeTraffic()
        try writeEntries()
        try rebuildSpans()
        try recomputeRollups()
        // After the batch's own derived rows: a fold recomputes the merged gateway's from scratch.
        for id in createdFullNames {
            guard let fold = try PostgresGatewayFolding.foldShortName(into: id, connection) else { continue }
            if !notes.contains(fold.text) { notes.append(fold.text) }
        }
    }

    /// Whether an endpoint sample's total passes 64 bits even as its instant's only sample (its
    /// request-weighted time): it is refused wherever it lands, so its name creates no gateway
    /// (SQLite creates one and removes it again). The traffic pass gives its outcome.
    static func overflowsAlone(_ record: HistoryRecord) -> Bool {
        guard case .endpointTraffic(let r) = record,
              case .failure = RollupMaintainer.TrafficTotals().adding(
                requestCount: r.requestCount, requestBytes: r.requestBytes, responseBytes: r.responseBytes,
                averageElapsed: r.averageElapsedMilliseconds)
        else { return false }
        return true
    }

    /// A rejection decided before any name is looked up, so that such a line creates no gateway:
    /// a sample in a pruned hour, an AzureServiceID another gateway owns.
    private func earlyRejection(_ record: HistoryRecord) throws -> LineRejection? {
        if case .gateway(let r) = record, let problem = try serviceIDTaken(r) { return problem }
        if let rawKeptFrom, let at = record.sampleInstant, at < rawKeptFrom {
            return LineRejection(field: "at", value: Timestamp.format(at),
                                 "is before \(Timestamp.format(rawKeptFrom)), where raw samples were pruned: that hour's rollup is final")
        }
        return nil
    }

    /// The gateway id of a record that passed ``earlyRejection(_:)``.
    func gatewayID(_ name: String) throws -> Int64 {
        guard let id = gatewayIDs[name.lowercased()] else {
            throw PostgresError(.statement, message: "gateway \(VisibleText.escape(name)) was not resolved before its rows")
        }
        return id
    }

    /// Every outcome, once each record has one.
    func finalOutcomes() throws -> [WriteOutcome] {
        try outcomes.enumerated().map { index, outcome in
            guard let outcome else {
                throw PostgresError(.statement, message: "line \(batch[index].line): no outcome was decided for its record")
            }
            return outcome
        }
    }

    /// Notes that a new sample of `group` lies in its gateway's hour of `at`.
    mutating func noteInserted(_ group: RollupMaintainer.MetricGroups, gatewayID: Int64, at: Int64) {
        touchedHours[RollupMaintainer.HourKey(gatewayID: gatewayID, hourStart: RollupMaintainer.hourStart(at)), default: []].insert(group)
    }
}
