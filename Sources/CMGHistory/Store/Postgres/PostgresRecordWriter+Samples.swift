import GRDB

/// The record kinds whose rows need nothing but their key and values: each is one staged insert
/// (``PostgresStagedInsert``), and a line not inserted is compared with the stored row as
/// RecordWriter+Conflicts.swift compares it.
extension PostgresBatchWriter {
    /// The staged insert of each simple kind, with the stored columns its conflicts compare.
    enum SimpleKind {
        static let onlineClients = PostgresStagedInsert(
            table: "online_clients_sample", keyColumns: ["gateway_id", "at"], valueColumns: [.init(name: "count", type: .bigint)],
            compare: [.init(sql: "t.count", isText: false)])
        static let egress = PostgresStagedInsert(
            table: "egress_sample", keyColumns: ["gateway_id", "at"],
            valueColumns: [.init(name: "interval_s", type: .bigint), .init(name: "bytes", type: .bigint)],
            compare: [.init(sql: "t.interval_s", isText: false), .init(sql: "t.bytes", isText: false)])
        static let storage = PostgresStagedInsert(
            table: "storage_sample", keyColumns: ["gateway_id", "at"], valueColumns: [.init(name: "used_bytes", type: .bigint)],
            compare: [.init(sql: "t.used_bytes", isText: false)])
        static let status = PostgresStagedInsert(
            table: "status_snapshot", keyColumns: ["gateway_id", "at"],
            valueColumns: [.init(name: "state_code", type: .bigint), .init(name: "state", type: .text),
                           .init(name: "description", type: .text), .init(name: "extra", type: .json)],
            compare: [.init(sql: "t.state", isText: true), .init(sql: "t.state_code", isText: false),
                      .init(sql: "t.description", isText: true), .init(sql: "t.extra::text", isText: true)])
        static let connectionPoint = PostgresStagedInsert(
            table: "connection_point_status", keyColumns: ["connection_point_id", "at"], valueColumns: [.init(name: "status", type: .bigint)],
            compare: [.init(sql: "t.status", isText: false)])
        static let byNetwork = PostgresStagedInsert(
            table: "online_clients_by_network", keyColumns: ["gateway_id", "at"],
            valueColumns: [.init(name: "internet_count", type: .bigint), .init(name: "intranet_count", type: .bigint)],
            compare: [.init(sql: "t.internet_count", isText: false), .init(sql: "t.intranet_count", isText: false)])
        static let reportedEgress = PostgresStagedInsert(
            table: "reported_egress_sample", keyColumns: ["gateway_id", "at"], valueColumns: [.init(name: "last_14_days_bytes", type: .bigint)],
            compare: [.init(sql: "t.last_14_days_bytes", isText: false)])
    }

    /// One record of a simple kind, ready to stage: its batch position, series id and instant.
    private struct Staged {
        var index: Int
        var series: Int64
        var at: Int64
        var values: [PostgresStagedInsert.Value]
        var compared: [ComparedValue]
        /// The value the kind's hourly rollup lists, for the kinds that have one.
        var rollupValue: Int64? = nil
    }

    /// Writes every record of the simple kinds and decides their outcomes.
    mutating func writeSimpleKinds() throws {
        var groups: [String: [Staged]] = [:]
        var pointIDs: [SeriesKeyCache.SeriesKey: Int64] = [:]
        for (index, item) in batch.enumerated() where outcomes[index] == nil {
            switch item.record {
            case .onlineClients(let r):
                groups["online", default: []].append(Staged(index: index, series: try gatewayID(r.gateway), at: r.at,
                    values: [.integer(r.count)], compared: [.number("count", r.count)], rollupValue: r.count))
            case .egress(let r):
                groups["egress", default: []].append(Staged(index: index, series: try gatewayID(r.gateway), at: r.at,
                    values: [.integer(r.intervalSeconds), .integer(r.bytes)],
                    compared: [.number("interval_s", r.intervalSeconds), .number("bytes", r.bytes)], rollupValue: r.bytes))
            case .storage(let r):
                groups["storage", default: []].append(Staged(index: index, series: try gatewayID(r.gateway), at: r.at,
                    values: [.integer(r.usedBytes)], compared: [.number("used_bytes", r.usedBytes)], rollupValue: r.usedBytes))
            case .status(let r):
                groups["status", default: []].append(Staged(index: index, series: try gatewayID(r.gateway), at: r.at,
                    values: [.integer(r.stateCode), .text(r.state), .text(r.description), .text(r.extra)],
                    compared: [.text("state", r.state), .number("state_code", r.stateCode),
                               .named("description", r.description), .named("extra", r.extra)]))
            case .connectionPoint(let r):
                let point = try connectionPointID(gateway: try gatewayID(r.gateway), server: r.server, known: &pointIDs)
                groups["point", default: []].append(Staged(index: index, series: point, at: r.at,
                    values: [.integer(r.status)], compared: [.number("status", r.status)]))
            case .onlineClientsByNetwork(let r):
                groups["network", default: []].append(Staged(index: index, series: try gatewayID(r.gateway), at: r.at,
                    values: [.integer(r.internetCount), .integer(r.intranetCount)],
                    compared: [.number("internet_count", r.internetCount), .number("intranet_count", r.intranetCount)]))
            case .reportedEgress(let r):
                groups["reported", default: []].append(Staged(index: index, series: try gatewayID(r.gateway), at: r.at,
                    values: [.integer(r.lastFourteenDaysBytes)], compared: [.number("last_14_days_bytes", r.lastFourteenDaysBytes)]))
            case .endpointTraffic, .gateway, .alertConfig, .operation, .credential:
                break
            }
        }
        try write(groups["online"], SimpleKind.onlineClients) { $0.noteSample(.onlineClients, $1, appendedAfter: $2) }
        try write(groups["egress"], SimpleKind.egress) { $0.noteSample(.egress, $1, appendedAfter: $2) }
        try write(groups["storage"], SimpleKind.storage) { $0.noteSample(.storage, $1, appendedAfter: $2) }
        try write(groups["status"], SimpleKind.status) { writer, row, _ in
            let range = writer.touchedSpans[row.series].map { min($0.lowerBound, row.at)...max($0.upperBound, row.at) } ?? row.at...row.at
            writer.touchedSpans[row.series] = range
        }
        try write(groups["point"], SimpleKind.connectionPoint) { _, _, _ in }
        try write(groups["network"], SimpleKind.byNetwork) { _, _, _ in }
        try write(groups["reported"], SimpleKind.reportedEgress) { _, _, _ in }
    }

    /// Notes a new sample's rollup hour; on the append path, also its value when the hour held
    /// nothing before the batch (see ``PostgresStagedInsert/Insertion/appendedAfter``).
    private mutating func noteSample(_ group: RollupMaintainer.MetricGroups, _ row: Staged, appendedAfter: Int64?) {
        noteInserted(group, gatewayID: row.series, at: row.at)
        guard let appendedAfter, let value = row.rollupValue else { return }
        let hour = RollupMaintainer.hourStart(row.at)
        if hour > appendedAfter {
            newHourValues[group.rawValue, default: [:]][RollupMaintainer.HourKey(gatewayID: row.series, hourStart: hour), default: []].append(value)
        }
    }

    /// Stages `rows` into `kind`'s table and records each row's outcome; `inserted` notes what an
    /// inserted row derives (rollup hours, span ranges), given the insertion's
    /// ``PostgresStagedInsert/Insertion/appendedAfter``.
    private mutating func write(_ rows: [Staged]?, _ kind: PostgresStagedInsert,
                                inserted: (inout PostgresBatchWriter, Staged, Int64?) -> Void) throws {
        guard let rows, !rows.isEmpty else { return }
        let insertion = try kind.insert(connection, count: rows.count, order: { Int64(self.batch[rows[$0].index].line) },
                                        key: { PostgresStagedInsert.Key(a: rows[$0].series, b: rows[$0].at) },
                                        values: { rows[$0].values })
        for (row, result) in zip(rows, insertion.outcomes) {
            switch result {
            case .inserted:
                outcomes[row.index] = .inserted
                inserted(&self, row, insertion.appendedAfter)
            case .stored(let kept):
                outcomes[row.index] = Self.duplicateOrConflict(kept, row.compared)
            }
        }
    }

    /// `.duplicate` when the stored values equal the record's (or none is stored), else the
    /// conflict, in the words of ``RecordWriter/describe(_:stored:)``.
    static func duplicateOrConflict(_ kept: [DatabaseValue]?, _ values: [ComparedValue]) -> WriteOutcome {
        guard let kept else { return .duplicate }
        var differences: [String] = []
        for (value, stored) in zip(values, kept) where stored != value.value {
            differences.append(RecordWriter.describe(value, stored: stored))
        }
        return differences.isEmpty ? .duplicate : .conflict(ConflictProblem(differences))
    }

    // MARK: - Connection points

    /// The connection point's id, created on first mention (servers compare without case).
    private func connectionPointID(gateway: Int64, server: String, known: inout [SeriesKeyCache.SeriesKey: Int64]) throws -> Int64 {
        let key = SeriesKeyCache.SeriesKey(gatewayID: gateway, name: server.lowercased())
        if let id = known[key] { return id }
        let found = try connection.query("SELECT id FROM connection_point WHERE gateway_id = $1 AND lower(server) = lower($2)",
                                         [.int64(gateway), .text(server)], binaryResults: true)
        let id: Int64
        if found.rowCount > 0 {
            id = try found.int64(row: 0, column: 0)
        } else {
            let created = try connection.query("INSERT INTO connection_point (gateway_id, server) VALUES ($1, $2) RETURNING id",
                                               [.int64(gateway), .text(server)], binaryResults: true)
            id = try created.int64(row: 0, column: 0)
        }
        known[key] = id
        return id
    }
}
