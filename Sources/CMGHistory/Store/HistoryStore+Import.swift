import GRDB

/// A record waiting to be stored, with the input line it came from.
struct NumberedRecord: Sendable {
    var line: Int
    var record: HistoryRecord
}
