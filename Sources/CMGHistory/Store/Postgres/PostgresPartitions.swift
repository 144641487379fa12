/// The monthly partitions of the raw sample tables, created on demand.
///
/// Each raw table of `Migrations/postgres/` is `PARTITION BY RANGE (at)` with one partition per
/// UTC month, `<table>_pYYYYMM`, covering `[month start, next month start)` in Unix seconds.
/// Before a batch is written, ``ensureMonths(_:table:instants:)`` creates the months it touches
/// that do not exist yet. Creating a partition locks its parent, so the common case (every
/// month there already) only reads the catalog; a missing month is created under an advisory
/// lock per table, so two collectors meeting a new month at once do not both try. Months are
/// created by `cmg_history_create_month` (Migrations/postgres/0003), which runs with the schema
/// owner's rights: a collector role that owns no table can still meet a new month.
public enum PostgresPartitions {
    /// The tables partitioned by month on `at`.
    public static let monthlyTables: Set<String> = [
        "status_snapshot", "connection_point_status", "online_clients_sample", "endpoint_traffic_sample",
        "egress_sample", "storage_sample", "online_clients_by_network", "reported_egress_sample",
        "gateway_traffic_sample",
    ]

    /// The earliest instant a partition can hold: 0001-01-01T00:00:00Z (names have four-digit years).
    static let earliest: UnixSeconds = -62_135_596_800
    /// The latest instant a partition can hold: 9999-12-31T23:59:59Z.
    static let latest: UnixSeconds = 253_402_300_799

    /// A UTC month: its bounds in Unix seconds and the suffix of its partition's name.
    public struct Month: Hashable, Sendable {
        /// The first second of the month.
        public let start: UnixSeconds
        /// The first second of the next month.
        public let end: UnixSeconds
        /// `pYYYYMM`.
        public let suffix: String
    }

    /// The UTC month holding `instant`; throws outside the years 0001 to 9999.
    public static func month(of instant: UnixSeconds) throws(PostgresError) -> Month {
        guard instant >= earliest, instant <= latest else {
            throw PostgresError(.statement, message: "at \(instant): outside the years 0001 to 9999 that monthly partitions cover")
        }
        let date = CivilDate.civil(daysFromEpoch: instant.floorDivided(by: 86_400))
        let (nextYear, nextMonth) = date.month == 12 ? (date.year + 1, Int64(1)) : (date.year, date.month + 1)
        let start = CivilDate.daysFromEpoch(year: date.year, month: date.month, day: 1) * 86_400
        let end = CivilDate.daysFromEpoch(year: nextYear, month: nextMonth, day: 1) * 86_400
        let year = String(date.year), month = String(date.month)
        let suffix = "p" + String(repeating: "0", count: 4 - year.count) + year + (month.count == 1 ? "0" : "") + month
        return Month(start: start, end: end, suffix: suffix)
    }

    /// The month of the partition named `<table>_pYYYYMM`; nil for any other name.
    static func month(named name: String, of table: String) -> Month? {
        let prefix = table + "_p"
        guard name.hasPrefix(prefix) else { return nil }
        let digits = name.utf8.dropFirst(prefix.utf8.count)
        guard digits.count == 6, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        let number = digits.reduce(Int64(0)) { $0 * 10 + Int64($1 - UInt8(ascii: "0")) }
        let (year, monthOfYear) = (number / 100, number % 100)
        guard year >= 1, (1...12).contains(monthOfYear) else { return nil }
        guard let month = try? month(of: CivilDate.daysFromEpoch(year: year, month: monthOfYear, day: 1) * 86_400),
              "\(table)_\(month.suffix)" == name
        else { return nil }
        return month
    }

    /// Creates the monthly partitions of `table` that `instants` fall in and that do not exist yet.
    ///
    /// Within an open transaction the lock is held until it ends; otherwise the partitions are
    /// created in a short transaction of their own, so a batch that follows does not hold the
    /// lock. Returns the partitions created.
    @discardableResult
    public static func ensureMonths(_ connection: PGConnection, table: String, instants: some Sequence<UnixSeconds>) throws -> [String] {
        guard monthlyTables.contains(table) else {
            throw PostgresError(.statement, message: "\(table) is not a table partitioned by month")
        }
        var months: Set<Month> = []
        for instant in instants { months.insert(try month(of: instant)) }
        guard !months.isEmpty else { return [] }
        var missing = try self.missing(connection, table: table, months)
        guard !missing.isEmpty else { return [] }
        let create = {
            // One lock per schema and table: tenants and tables do not wait for each other.
            try connection.query(
                "SELECT pg_advisory_xact_lock(hashtextextended('cmg-history partitions ' || current_schema() || '.' || $1, 0))",
                [.text(table)])
            // Read again under the lock: another writer may have created them meanwhile.
            missing = try self.missing(connection, table: table, Set(missing))
            for month in missing.sorted(by: { $0.start < $1.start }) {
                // Through the schema owner's function (migration 0003): a collector role may
                // create months, and nothing else.
                try connection.query("SELECT cmg_history_create_month($1, $2)", [.text(table), .int64(month.start)])
            }
        }
        if connection.isInTransaction { try create() } else { try connection.transaction(.readCommitted, create) }
        return missing.sorted(by: { $0.start < $1.start }).map { "\(table)_\($0.suffix)" }
    }

    /// The partitions of `table` in the current schema.
    public static func partitions(_ connection: PGConnection, table: String) throws(PostgresError) -> Set<String> {
        let rows = try connection.query("""
            SELECT child.relname FROM pg_inherits
            JOIN pg_class child ON child.oid = pg_inherits.inhrelid
            JOIN pg_class parent ON parent.oid = pg_inherits.inhparent
            WHERE parent.relname = $1 AND parent.relnamespace = current_schema()::regnamespace
            """, [.text(table)])
        var names: Set<String> = []
        for row in 0..<rows.rowCount { names.insert(try rows.string(row: row, column: 0)) }
        return names
    }

    private static func missing(_ connection: PGConnection, table: String, _ months: Set<Month>) throws(PostgresError) -> [Month] {
        let existing = try partitions(connection, table: table)
        return months.filter { !existing.contains("\(table)_\($0.suffix)") }
    }
}
