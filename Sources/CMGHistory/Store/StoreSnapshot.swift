/// One consistent view of a history, read as values: everything reports, the timeline and
/// exports need from a store.
///
/// A backend hands each read one snapshot: SQLite one read transaction on its pool (WAL keeps
/// it stable while imports write), PostgreSQL one `REPEATABLE READ` transaction. Every figure of
/// a report then comes from the same moment, and no report or timeline code holds SQL: it asks
/// for values here and computes over them.
///
/// The requirements are grouped by who reads them, one protocol per file:
/// ``ReportReads`` (trend, capacity, availability, expiry, charts), ``TimelineReads``,
/// ``LogSearchReads`` (`logs list|search`, a full-text index of each backend's own), and
/// ``TableReads`` (whole tables, for `db copy`).
protocol StoreSnapshot: ReportReads, TimelineReads, LogSearchReads, TableReads {
    /// `body` of each item, in order, each given a snapshot of this same state. A backend may
    /// run them side by side: PostgreSQL reads a report's gateways on several connections in one
    /// exported snapshot (``PostgresSnapshot/sideBySide(_:_:)``); SQLite reads them in turn.
    func sideBySide<Item, Answer>(_ items: [Item], _ body: (any StoreSnapshot, Item) throws -> Answer) throws -> [Answer]
}

extension StoreSnapshot {
    func sideBySide<Item, Answer>(_ items: [Item], _ body: (any StoreSnapshot, Item) throws -> Answer) throws -> [Answer] {
        try items.map { try body(self, $0) }
    }
}

extension HistoryStore {
    /// Runs `body` on one consistent snapshot of the history; never blocks an import.
    ///
    /// A page SQLite finds damaged is a ``StoreError/damaged(path:reason:)``, never a figure.
    func snapshot<T>(_ body: (any StoreSnapshot) throws -> T) throws -> T {
        switch backend {
        case .sqlite(let store): try store.snapshot(body)
        case .postgres(let store): try store.snapshot(body)
        }
    }
}
