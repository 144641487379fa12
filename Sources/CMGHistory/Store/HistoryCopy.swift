import Crypto
import Foundation

/// What `db copy` did, table by table, and whether the two stores then agree.
public struct CopySummary: Sendable, Equatable, Codable {
    /// One table's rows.
    public struct Table: Sendable, Equatable, Codable {
        public var name: String
        /// Rows the source holds.
        public var sourceRows: Int64
        /// Rows this run added to the destination (0 for a table an earlier run completed).
        public var copiedRows: Int64
        /// Rows the destination holds afterwards: equal to `sourceRows` when the copy is complete.
        public var destinationRows: Int64
    }

    public var source: String
    public var destination: String
    public var tables: [Table]
    /// SHA-256 of the capacity report of every month the history holds (UTC), as both stores
    /// give it: equal digests mean the destination answers reports as the source does.
    public var reportDigest: String
    /// The months the digest covers, `YYYY-MM`.
    public var digestMonths: [String]
}

extension HistoryStore {
    /// Rows per read and per destination transaction: a page of the largest rows (log entries)
    /// stays a few megabytes.
    static let copyPageRows = 5_000

    /// Copies this whole history into `destination`, an empty store or one an interrupted copy of
    /// this history left, of either backend.
    ///
    /// Tables are copied in foreign-key order, each in key order one page per transaction, from
    /// one snapshot of this store: an interrupted copy leaves a prefix of each table, and the next
    /// run resumes after the destination's last key (then reads the whole table once more if rows
    /// are still missing: late data below that key). A row stored already is left alone, so a
    /// second run changes nothing. At the end, every table's row count and the capacity report
    /// of every month must agree, or the copy throws ``StoreError/copyMismatch(source:destination:reason:)``.
    ///
    /// - throws: ``StoreError/copyRefused(source:destination:reason:)`` when the destination holds
    ///   a gateway this history does not (under the same id), or is this store itself.
    public func copy(to destination: HistoryStore, progress: ((_ table: String, _ rows: Int64) -> Void)? = nil) throws -> CopySummary {
        guard destination.path != path else {
            throw StoreError.copyRefused(source: path, destination: destination.path, reason: "they are the same database")
        }
        guard destination.access == .readWrite else {
            throw StoreError.copyRefused(source: path, destination: destination.path, reason: "the destination was opened read-only")
        }
        var tables: [CopySummary.Table] = []
        let months: [(year: Int, month: Int)] = try snapshot { source in
            try refuseAnotherHistory(in: destination, source: source)
            for table in HistoryTable.all {
                let count = try source.rowCount(table)
                var copied: Int64 = 0
                func pages(after start: [StoreValue]?) throws {
                    var key = start
                    while true {
                        let page = try source.rows(table, after: key, limit: Self.copyPageRows)
                        guard let last = page.last else { break }
                        copied += Int64(try destination.insertCopied(page, into: table))
                        key = Array(last.prefix(table.key.count))
                        progress?(table.name, copied)
                    }
                }
                try pages(after: destination.snapshot { try $0.lastKey(table) })
                // Rows the source gained below the last key since an interrupted run (a late
                // sample of an earlier hour): one pass over the whole table fills the gaps.
                if try destination.snapshot({ try $0.rowCount(table) }) < count { try pages(after: nil) }
                tables.append(CopySummary.Table(name: table.name, sourceRows: count, copiedRows: copied, destinationRows: 0))
            }
            return try Self.months(of: source.dataInstants())
        }
        try destination.finishCopy()
        let counts = try destination.snapshot { target in try HistoryTable.all.map { try target.rowCount($0) } }
        for index in tables.indices { tables[index].destinationRows = counts[index] }
        if let short = tables.first(where: { $0.destinationRows != $0.sourceRows }) {
            throw StoreError.copyMismatch(source: path, destination: destination.path,
                                          reason: "\(short.name) holds \(short.destinationRows) rows, the source \(short.sourceRows)")
        }
        let digest = try reportDigest(months: months)
        guard try destination.reportDigest(months: months) == digest else {
            throw StoreError.copyMismatch(source: path, destination: destination.path,
                                          reason: "the capacity reports differ (\(months.count) months compared)")
        }
        return CopySummary(source: path, destination: destination.path, tables: tables, reportDigest: digest,
                           digestMonths: months.map { String(format: "%04d-%02d", $0.year, $0.month) })
    }

    /// Refuses a destination holding a gateway this history does not, under the same id: rows
    /// copied by id would then join another history's gateway.
    private func refuseAnotherHistory(in destination: HistoryStore, source: any StoreSnapshot) throws {
        guard let gateways = HistoryTable.all.first(where: { $0.name == "gateway" }) else { return }
        let theirs = try destination.snapshot { try $0.rows(gateways, after: nil, limit: Int(Int32.max)) }
        guard !theirs.isEmpty else { return }
        let ours = Set(try source.rows(gateways, after: nil, limit: Int(Int32.max)).map { Array($0.prefix(2)) })
        if let foreign = theirs.first(where: { !ours.contains(Array($0.prefix(2))) }), case .text(let name) = foreign[1] {
            throw StoreError.copyRefused(source: path, destination: destination.path,
                                         reason: "the destination holds gateway \(name), which this history does not hold under the same id")
        }
    }

    /// The UTC months from the one holding `span.first` to the one holding `span.last`.
    private static func months(of span: (first: UnixSeconds, last: UnixSeconds)?) -> [(year: Int, month: Int)] {
        guard let span else { return [] }
        let first = CivilDate.civil(daysFromEpoch: span.first.floorDivided(by: 86_400))
        let last = CivilDate.civil(daysFromEpoch: span.last.floorDivided(by: 86_400))
        var months: [(year: Int, month: Int)] = []
        var (year, month) = (Int(first.year), Int(first.month))
        while (year, month) <= (Int(last.year), Int(last.month)) {
            months.append((year, month))
            (year, month) = month == 12 ? (year + 1, 1) : (year, month + 1)
        }
        return months
    }

    /// SHA-256 over the JSON capacity report of each month, in UTC.
    func reportDigest(months: [(year: Int, month: Int)]) throws -> String {
        var hash = SHA256()
        for (year, month) in months {
            hash.update(data: Data(try JSONRender.render(capacity(year: year, month: month, zone: .utc)).utf8))
        }
        return hash.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// Inserts rows another store holds (``copy(to:progress:)``).
    func insertCopied(_ rows: [[StoreValue]], into table: HistoryTable) throws -> Int {
        switch backend {
        case .sqlite(let store): try store.insertCopied(rows, into: table)
        case .postgres(let store): try store.insertCopied(rows, into: table)
        }
    }

    /// Rebuilds what the backend derives from copied rows.
    func finishCopy() throws {
        switch backend {
        case .sqlite(let store): try store.finishCopy()
        case .postgres(let store): try store.finishCopy()
        }
    }
}
