/// What reading one export file produced, before anything is stored.
struct ExportDecoding {
    var records: [NumberedRecord] = []
    var rejections: [(line: Int, problem: LineRejection)] = []
    /// Rows that clash with an earlier row of the same file (two local times read as one instant).
    var conflicts: [(line: Int, problem: ConflictProblem)] = []
    /// Times without a zone in the hour a DST change repeats, and in the hour it skips.
    var ambiguousLocalTimes = 0
    var nonexistentLocalTimes = 0
    /// Properties whose zoneless times were read as UTC by contract (``UTCByContract``).
    var utcByContractFields: Set<String> = []
    /// Properties dropped because their name says they hold a secret, or private keys in a PEM file.
    var droppedSecrets = 0
    /// Secret-looking values redacted in the rows' text.
    var redactedValues = 0
    /// Rows that are not gateways: SMS_AzureService rows of cloud distribution points.
    var skippedNonGateways = 0
    var exportTime: ExportTimeUsed?
    /// How the file was written: `JSON, UTF-16LE`, `CSV with #TYPE, UTF-8`.
    var detail = ""
    var notes: [String] = []

    mutating func append(_ record: HistoryRecord, line: Int) {
        records.append(NumberedRecord(line: line, record: record))
    }

    /// Counts the row's times that fell in a DST change's repeated or skipped hour.
    mutating func noteLocalTimes(of row: ExportRow) {
        utcByContractFields.formUnion(row.utcByContractFields)
        for fit in row.localTimeFits {
            switch fit {
            case .ambiguous: ambiguousLocalTimes += 1
            case .nonexistent: nonexistentLocalTimes += 1
            case .unique: break
            }
        }
    }
}

/// What an export mapper needs beyond the rows: the options, the file, the gateways stored so far.
struct ExportContext {
    var file: String
    var options: ExportImportOptions
    var fileModifiedAt: UnixSeconds?
    /// Gateway names already in the database, for rows and certificates that name none.
    var knownGateways: [String]

    /// Properties an export one-liner adds to stamp its objects with the export time.
    static let exportTimeFields = ["ExportedAt", "ExportTime"]

    /// The export time of `row`: its own field, else `--at`, else the file's modification time.
    func exportTime(of row: inout ExportRow, noting decoding: inout ExportDecoding) throws -> UnixSeconds {
        for field in Self.exportTimeFields where row.has(field) {
            let at = try row.time(field, zone: options.sourceTimeZone)
            if let at {
                note(ExportTimeUsed(source: .field, field: field, at: at), &decoding)
                return at
            }
        }
        if let at = options.at {
            guard ValueLimits.isStorable(at) else { throw ValueLimits.instantOutOfRange(field: "--at", value: Timestamp.format(at)) }
            note(ExportTimeUsed(source: .option, at: at), &decoding)
            return at
        }
        if let at = fileModifiedAt {
            guard ValueLimits.isStorable(at) else {
                throw ValueLimits.instantOutOfRange(field: "file modification time", value: Timestamp.format(at) + " (give --at)")
            }
            note(ExportTimeUsed(source: .fileModificationTime, at: at), &decoding)
            return at
        }
        throw ImportError.noExportTime(file: file)
    }

    private func note(_ used: ExportTimeUsed, _ decoding: inout ExportDecoding) {
        guard let current = decoding.exportTime else {
            decoding.exportTime = used
            return
        }
        if current.source == used.source, current.at != used.at { decoding.exportTime?.at = nil }
    }
}
