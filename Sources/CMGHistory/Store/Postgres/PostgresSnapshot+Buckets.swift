/// ``SampleReads/bucketValues(_:gatewayID:buckets:)`` and its aggregate twin on PostgreSQL: the
/// same ``RollupPlan`` and the same accumulators as SQLite's ``SampleReader``, read in one
/// statement per call, however many bucket sets it asks for.
///
/// The plan's four parts — hours to subtract, whole days, whole hours, raw partial hours — each
/// travel as arrays of bounds (`unnest` of `bigint[]` parameters) joined to their table, in one
/// `UNION ALL` ordered as SQLite's walk reads them: subtractions first, then days, then hours,
/// then raw rows per bucket in time order. A year's daily trend is one round trip, not 365.
extension PostgresSnapshot: BucketWalking {
    /// Reads what ``RollupPlan`` says in one statement and deals each row to its bucket: a
    /// rollup row to the bucket holding its middle (as on SQLite), a subtraction or raw row to
    /// the bucket the plan named.
    func walk<Accumulator: BucketAccumulator>(_ metric: RollupMetric, gatewayID: Int64,
                                              buckets: [(start: UnixSeconds, end: UnixSeconds)],
                                              into accumulator: inout Accumulator) throws {
        var accumulators = [accumulator]
        try walk([(metric, buckets)], gatewayID: gatewayID, into: &accumulators)
        accumulator = accumulators[0]
    }

    /// As the walk of one set for several, in one statement: set `i`'s rows go to `accumulators[i]`.
    /// A capacity report reads a gateway's month, previous month and forecast days at once.
    func walk<Accumulator: BucketAccumulator>(_ sets: [(metric: RollupMetric, buckets: [(start: UnixSeconds, end: UnixSeconds)])],
                                              gatewayID: Int64, into accumulators: inout [Accumulator]) throws {
        precondition(sets.count == accumulators.count, "one accumulator per set")
        let valueLists = Accumulator.columnSet == .valueList
        let columns = valueLists ? "t.count, t.value_list" : "t.count, t.sum, t.min, t.max"
        var parameters: [PGParameter] = [.int64(gatewayID)]
        /// Placeholders of three array parameters (buckets, starts, ends) after binding `spans`.
        func bind(_ spans: [(bucket: Int, span: RollupPlan.Span)]) -> (String, String, String) {
            parameters += [.text(PostgresBatchWriter.array(spans.map { Int64($0.bucket) })),
                           .text(PostgresBatchWriter.array(spans.map(\.span.start))),
                           .text(PostgresBatchWriter.array(spans.map(\.span.end)))]
            let n = parameters.count
            return ("$\(n - 2)::bigint[]", "$\(n - 1)::bigint[]", "$\(n)::bigint[]")
        }
        var parts: [String] = []
        for (set, (metric, buckets)) in sets.enumerated() where !buckets.isEmpty {
            // Only the parts the plan has: a part over no spans would still be planned (and the
            // raw part joins every month partition of its table).
            let plan = RollupPlan(buckets: buckets, subtracting: Accumulator.subtracts)
            guard !(plan.minusHours.isEmpty && plan.days.isEmpty && plan.hours.isEmpty && plan.raw.isEmpty) else { continue }
            parameters.append(.int64(metric.rawValue))
            let metricID = "$\(parameters.count)"
            if !plan.minusHours.isEmpty {
                let (b, lo, hi) = bind(plan.minusHours.map { ($0.bucket, $0.span) })
                parts.append("""
                    SELECT \(set) AS request, 0 AS part, s.bucket, t.hour_start AS key, \(columns)
                    FROM unnest(\(b), \(lo), \(hi)) AS s(bucket, lo, hi)
                    JOIN rollup_hour t ON t.gateway_id = $1 AND t.metric_id = \(metricID) AND t.hour_start >= s.lo AND t.hour_start < s.hi
                    """)
            }
            for (part, table, key, spans) in [(1, "rollup_day", "day_start", plan.days), (2, "rollup_hour", "hour_start", plan.hours)]
            where !spans.isEmpty {
                let (b, lo, hi) = bind(spans.map { (0, $0) })
                parts.append("""
                    SELECT \(set) AS request, \(part) AS part, s.bucket, t.\(key) AS key, \(columns)
                    FROM unnest(\(b), \(lo), \(hi)) AS s(bucket, lo, hi)
                    JOIN \(table) t ON t.gateway_id = $1 AND t.metric_id = \(metricID) AND t.\(key) >= s.lo AND t.\(key) < s.hi
                    """)
            }
            if !plan.raw.isEmpty {
                let series = PostgresRawSeries(metric)
                let rawColumns = valueLists ? "\(series.value), NULL::bytea" : "\(series.value), NULL::bigint, NULL::bigint, NULL::bigint"
                let (b, lo, hi) = bind(plan.raw.map { ($0.bucket, $0.span) })
                // The metric's placeholder is bound either way: a statement must use every parameter it is sent.
                parts.append("""
                    SELECT \(set) AS request, 3 AS part, s.bucket, r.at AS key, \(rawColumns) FROM unnest(\(b), \(lo), \(hi)) AS s(bucket, lo, hi)
                    JOIN \(series.table) r ON r.gateway_id = $1 AND r.at >= s.lo AND r.at < s.hi AND \(series.condition)
                    AND \(metricID)::bigint IS NOT NULL
                    """)
            }
        }
        guard !parts.isEmpty else { return }
        let result = try rows(parts.joined(separator: "\nUNION ALL\n") + "\nORDER BY request, part, bucket, key", parameters)
        let width = valueLists ? 2 : 4
        var index = 0
        var current: (set: Int64, part: Int64) = (-1, -1)
        for row in 0..<result.rowCount {
            let rowSet = try result.int64(row: row, column: 0), rowPart = try result.int64(row: row, column: 1)
            guard rowSet >= 0, rowSet < sets.count else {
                throw PostgresError(.decoding, message: "a bucket walk answered set \(rowSet) of \(sets.count)")
            }
            if (rowSet, rowPart) != current { (current, index) = ((rowSet, rowPart), 0) }
            let set = Int(rowSet), buckets = sets[set].buckets
            let decoded = try PostgresRollupRow(result, row: row, width: width)
            switch rowPart {
            case 0, 3:
                let bucket = try result.int64(row: row, column: 2)
                guard bucket >= 0, bucket < buckets.count else {
                    throw PostgresError(.decoding, message: "a bucket walk answered bucket \(bucket) of \(buckets.count)")
                }
                if rowPart == 0 {
                    accumulators[set].subtract(rollup: decoded, from: Int(bucket))
                } else {
                    accumulators[set].add(raw: decoded.int64(1), to: Int(bucket))
                }
            default:
                // A row goes to the bucket holding its middle, as on SQLite (see SampleReader).
                let middle = rowPart == 1 ? DailyRollups.secondsPerDay / 2 : 1800
                let (instant, overflow) = decoded.key.addingReportingOverflow(middle)
                guard !overflow else { throw PostgresError(.decoding, message: "a rollup starts at \(decoded.key), outside any bucket") }
                while index < buckets.count - 1, buckets[index].end <= instant { index += 1 }
                accumulators[set].add(rollup: decoded, to: index)
            }
        }
    }

    /// ``SampleReads/bucketAggregates(_:gatewayID:)`` in one statement.
    func bucketAggregates(_ sets: [(metric: RollupMetric, buckets: [(start: UnixSeconds, end: UnixSeconds)])],
                          gatewayID: Int64) throws -> [[SampleAggregate]] {
        var accumulators = sets.map { BucketAggregates(count: $0.buckets.count) }
        try walk(sets, gatewayID: gatewayID, into: &accumulators)
        return accumulators.map(\.buckets)
    }
}

/// One row of a bucket walk, read out of its ``PGResult`` (throwing on what is not a rollup row),
/// as the shared accumulators take it: the start in column 0, then `width` columns.
private struct PostgresRollupRow: RollupColumns {
    /// The row's start instant (column 0 of the accumulator's view).
    let key: Int64
    /// Columns 1… as integers (NULL read as 0: the raw part's unused columns).
    private var integers: (Int64, Int64, Int64, Int64) = (0, 0, 0, 0)
    /// Where a value row's list lies, decoded in place when the accumulator asks for it.
    private let result: PGResult
    private let row: Int
    private let hasValueList: Bool

    /// Reads row `row` of a walk's result: key in column 3, the accumulator's columns from 4 on
    /// (a value list is checked to be a binary `bytea` here, and read when asked for).
    init(_ result: PGResult, row: Int, width: Int) throws {
        self.result = result
        self.row = row
        key = try result.int64(row: row, column: 3)
        func integer(_ index: Int) throws -> Int64 { index < width ? try result.optionalInt64(row: row, column: 4 + index) ?? 0 : 0 }
        if width == 2 {
            hasValueList = try result.withBinaryBytes(row: row, column: 5) { _ in true } ?? false
            integers = (try integer(0), 0, 0, 0)
        } else {
            hasValueList = false
            integers = (try integer(0), try integer(1), try integer(2), try integer(3))
        }
    }

    func int64(_ column: Int32) -> Int64 {
        switch column {
        case 0: key
        case 1: integers.0
        case 2: integers.1
        case 3: integers.2
        case 4: integers.3
        default: 0
        }
    }

    func decodeValueList(_ column: Int32, into values: inout [Int64]) {
        guard hasValueList else { return }
        // Checked as a binary bytea in init: this read cannot fail.
        _ = try? result.withBinaryBytes(row: row, column: 5) { ValueList.decode($0, into: &values) }
    }
}
