import Foundation
import GRDB

/// What the rules and the statistics parser made of one entry of a batch, kept apart from the
/// rows because few entries have any.
struct LogEntryExtras: Sendable {
    /// The entry's offset in its file: with the file, its unique key.
    var offset: Int64
    var events: [LogEventFields]
    var traffic: EndpointTrafficSample?
    /// The entry's line, for a warning about its traffic sample.
    var line: Int64 = 0
    /// The entry's place among its batch's rows.
    var row: Int = 0
}

/// Entries of one file to store in one transaction, and how far the file has then been read.
struct LogBatch: Sendable {
    var fileID: Int64
    var file: String
    /// The file's gateway, for events that capture none.
    var gateway: String?
    var rows = LogRows()
    var extras: [LogEntryExtras] = []
    /// Reading resumes here next time: the end of the last whole entry in this batch.
    var offset: Int64
    var line: Int64
    var size: Int64
    var now: UnixSeconds
}

/// What storing log batches did.
public struct LogStoreCounts: Sendable, Equatable, Codable {
    public var inserted = 0
    public var duplicates = 0
    public var events = 0
    /// Endpoint traffic samples stored from CMGService.log request statistics.
    public var trafficSamples = 0
    /// `FILE:LINE: …` for statistics whose sample the store refused (a total past 64 bits).
    public var trafficWarnings: [String] = []
    /// Statistics lines whose sample (gateway, endpoint, instant) is stored already with other
    /// figures: the stored sample is kept.
    public var trafficConflicts = 0
    /// What storing did to gateways that an admin should read (a short-named gateway folded).
    public var notes: [String] = []

    public init() {}

    mutating func add(_ other: LogStoreCounts) {
        inserted += other.inserted
        duplicates += other.duplicates
        events += other.events
        trafficSamples += other.trafficSamples
        trafficWarnings += other.trafficWarnings.prefix(max(0, LogIngestSummary.maximumListedWarnings - trafficWarnings.count))
        trafficConflicts += other.trafficConflicts
        for note in other.notes where !notes.contains(note) { notes.append(note) }
    }
}

extension LogBatch: QueuedBatch {
    static func prepare(_ store: HistoryStore) {
        switch store.backend {
        case .sqlite(let sqlite): sqlite.prepareForLogBatches()
        case .postgres: break
        }
    }

    func store(in store: HistoryStore, cache: inout SeriesKeyCache) throws -> LogStoreCounts {
        try store.storeLogBatch(self, cache: &cache)
    }

    func failure(reason: String) -> any Error {
        LogIngestError.batchFailed(file: file, offset: offset, reason: reason)
    }

    func committed() {}

    static func add(_ outcome: LogStoreCounts, to total: inout LogStoreCounts?) {
        if total == nil { total = LogStoreCounts() }
        total?.add(outcome)
    }
}
