/// What importing one input did: counts, and each rejected line with its reason.
public struct ImportSummary: Sendable, Equatable, Codable {
    /// The input as named in messages (a path, or `<stdin>`).
    public var file: String
    /// The input format that was read.
    public var format: String
    /// Records stored that were not there before.
    public var inserted = 0
    /// Existing rows brought up to date (an in-progress operation now completed).
    public var updated = 0
    /// Records already stored before; they changed nothing.
    public var duplicates = 0
    /// Lines or rows rejected (each is in ``rejections`` unless the import was interrupted).
    public var rejected = 0
    /// Records whose key was stored already with other values; the stored record was kept.
    public var conflicts = 0
    /// Zoneless times (`--source-tz`) in the hour a DST change repeats, read as the first of the two.
    public var ambiguousLocalTimes = 0
    /// Zoneless times in the hour a DST change skips, moved forward by the skipped hour.
    public var nonexistentLocalTimes = 0
    /// Unknown fields dropped because their name says they hold a secret.
    public var droppedSecretFields = 0
    /// Secret-looking values (`Password=…`, a bearer token, a PEM private key) replaced by
    /// `[redacted]` in text that was stored.
    public var redactedValues = 0
    /// How an export file was written (`JSON array, UTF-16LE`), for formats that vary.
    public var formatDetail: String?
    /// Which export time stamped the file's snapshots, for exports that need one.
    public var exportTime: ExportTimeUsed?
    /// SMS_AzureService rows that are not gateways (cloud distribution points), skipped.
    public var skippedNonGateways = 0
    /// Facts about how the file was read that an admin should know (the zone of zoneless times,
    /// operations waiting for their gateway).
    public var notes: [String] = []
    /// Inserted rows by record type (`online_clients`, `status`, …).
    public var insertedByType: [String: Int] = [:]
    /// The first ``maximumListedRejections`` rejections; `rejected` counts them all.
    public var rejections: [Rejection] = []
    /// The first ``maximumListedRejections`` conflicts; `conflicts` counts them all.
    public var conflictList: [Conflict] = []

    /// Set when the import was interrupted (Ctrl-C): every line up to this one was stored or
    /// counted, none after it. Running the same import again is safe and stores the rest.
    public var interruptedAfterLine: Int?

    /// Rejections listed one by one; beyond this only the count grows, so memory stays flat
    /// however bad a large file is.
    public static let maximumListedRejections = 1000

    /// An empty summary for `file`, read as `format`.
    public init(file: String, format: String) {
        self.file = file
        self.format = format
    }

    mutating func reject(line: Int, _ problem: LineRejection) {
        rejected += 1
        if rejections.count < Self.maximumListedRejections {
            rejections.append(Rejection(file: file, line: line, problem: problem))
        }
    }

    mutating func conflict(line: Int, _ problem: ConflictProblem) {
        conflicts += 1
        if conflictList.count < Self.maximumListedRejections {
            conflictList.append(Conflict(file: file, line: line, problem: problem))
        }
    }

    /// Adds the counts of a committed batch.
    mutating func add(_ batch: ImportSummary) {
        inserted += batch.inserted
        updated += batch.updated
        duplicates += batch.duplicates
        droppedSecretFields += batch.droppedSecretFields
        redactedValues += batch.redactedValues
        insertedByType.merge(batch.insertedByType, uniquingKeysWith: +)
        for note in batch.notes where !notes.contains(note) { notes.append(note) }
        rejected += batch.rejected
        for r in batch.rejections where rejections.count < Self.maximumListedRejections { rejections.append(r) }
        conflicts += batch.conflicts
        for c in batch.conflictList where conflictList.count < Self.maximumListedRejections { conflictList.append(c) }
    }
}

extension ImportSummary {
    /// The summary as if the file read had been named `name`: the server imports an upload from
    /// a spool file, and the collector knows it by the name it sent.
    public func named(_ name: String) -> ImportSummary {
        var summary = self
        summary.file = name
        summary.rejections = rejections.map { var r = $0; r.file = name; return r }
        summary.conflictList = conflictList.map { var c = $0; c.file = name; return c }
        return summary
    }
}
