/// One rollup row as a backend reads it: the start in column 0, then the accumulator's columns
/// (``BucketAccumulator/columns``). SQLite's C-API row and PostgreSQL's decoded row both are one,
/// so both backends deal rows into buckets with the same code.
protocol RollupColumns {
    /// The integer in `column`.
    func int64(_ column: Int32) -> Int64
    /// Appends the values of the value list in `column` (``ValueList``) to `values`.
    func decodeValueList(_ column: Int32, into values: inout [Int64])
}

/// The rollup columns an accumulator reads, from column 1 on; each backend names them in its SQL.
enum RollupColumnSet {
    /// `count, value_list`.
    case valueList
    /// `count, sum, min, max`.
    case aggregate
}

/// What a backend's sample reader gathers per bucket from rollup rows and raw values, following
/// a ``RollupPlan``.
protocol BucketAccumulator {
    /// The rollup columns `add(rollup:to:)` reads, from column 1 on.
    static var columnSet: RollupColumnSet { get }
    /// Whether rows can be taken out again (``RollupPlan``'s subtraction).
    static var subtracts: Bool { get }
    /// Adds a rollup row's values to `bucket`.
    mutating func add(rollup row: some RollupColumns, to bucket: Int)
    /// Takes a rollup row's values out of `bucket` again (a day read whole, less its hours outside the bucket).
    mutating func subtract(rollup row: some RollupColumns, from bucket: Int)
    /// Adds one raw sample value to `bucket`.
    mutating func add(raw value: Int64, to bucket: Int)
}

/// Every value, per bucket.
struct BucketValues: BucketAccumulator {
    var buckets: [[Int64]]
    /// Per bucket, sorted: values of subtracted hours not yet taken out of a day row.
    private var pending: [[Int64]]
    private var scratch: [Int64] = []

    /// `count` empty buckets.
    init(count: Int) {
        buckets = Array(repeating: [], count: count)
        pending = Array(repeating: [], count: count)
    }

    static let columnSet = RollupColumnSet.valueList
    static let subtracts = true

    mutating func add(rollup row: some RollupColumns, to bucket: Int) {
        // A hint only, from a stored count: bounded, so a damaged row cannot ask for the moon.
        if buckets[bucket].isEmpty { buckets[bucket].reserveCapacity(Int(min(max(row.int64(1), 0), 1 << 16))) }
        guard !pending[bucket].isEmpty else {
            row.decodeValueList(2, into: &buckets[bucket])
            return
        }
        // Both sorted: one merge pass keeps the row's values that are not pending removal.
        scratch.removeAll(keepingCapacity: true)
        row.decodeValueList(2, into: &scratch)
        var left: [Int64] = []
        var j = 0
        let removals = pending[bucket]
        for value in scratch {
            while j < removals.count, removals[j] < value {
                left.append(removals[j])
                j += 1
            }
            if j < removals.count, removals[j] == value {
                j += 1
            } else {
                buckets[bucket].append(value)
            }
        }
        pending[bucket] = left.isEmpty && j == removals.count ? [] : left + removals[j...]
    }

    mutating func subtract(rollup row: some RollupColumns, from bucket: Int) {
        row.decodeValueList(2, into: &pending[bucket])
        pending[bucket].sort()
    }

    mutating func add(raw value: Int64, to bucket: Int) { buckets[bucket].append(value) }
}

/// Count, sum and extremes, per bucket.
struct BucketAggregates: BucketAccumulator {
    var buckets: [SampleAggregate]
    /// `count` empty buckets.
    init(count: Int) { buckets = Array(repeating: SampleAggregate(), count: count) }

    static let columnSet = RollupColumnSet.aggregate
    static let subtracts = false

    mutating func add(rollup row: some RollupColumns, to bucket: Int) {
        buckets[bucket].merge(count: row.int64(1), sum: row.int64(2), min: row.int64(3), max: row.int64(4))
    }

    /// Never called: plans for aggregates do not subtract (an extreme cannot be taken back).
    mutating func subtract(rollup row: some RollupColumns, from bucket: Int) {}
    mutating func add(raw value: Int64, to bucket: Int) { buckets[bucket].add(value) }
}

/// A backend's sample reader: it reads what a ``RollupPlan`` says into an accumulator, and
/// gets the two bucket reads of ``SampleReads`` from that.
protocol BucketWalking {
    /// Reads the plan of `buckets` for `metric` and hands each row to `accumulator` with the index of its bucket.
    func walk<Accumulator: BucketAccumulator>(_ metric: RollupMetric, gatewayID: Int64,
                                              buckets: [(start: UnixSeconds, end: UnixSeconds)],
                                              into accumulator: inout Accumulator) throws
}

extension BucketWalking {
    /// The values of `metric` in each of `buckets` (ascending, not overlapping), in one pass.
    ///
    /// Whole UTC days come from `rollup_day`, whole UTC hours from `rollup_hour`, each read in
    /// as few range reads as the buckets allow and dealt out to the buckets in order; only the
    /// partial hours at bucket edges read raw rows (``RollupPlan``). A three-year daily trend is
    /// then one query per gateway, not one per day.
    func bucketValues(_ metric: RollupMetric, gatewayID: Int64,
                      buckets: [(start: UnixSeconds, end: UnixSeconds)]) throws -> [[Int64]] {
        var values = BucketValues(count: buckets.count)
        try walk(metric, gatewayID: gatewayID, buckets: buckets, into: &values)
        return values.buckets
    }

    /// Count, sum, minimum and maximum of `metric` in each of `buckets`, from the rollups' own
    /// columns: totals and peaks without decoding any value list.
    func bucketAggregates(_ metric: RollupMetric, gatewayID: Int64,
                          buckets: [(start: UnixSeconds, end: UnixSeconds)]) throws -> [SampleAggregate] {
        var aggregates = BucketAggregates(count: buckets.count)
        try walk(metric, gatewayID: gatewayID, buckets: buckets, into: &aggregates)
        return aggregates.buckets
    }
}
