import Foundation

/// A report's gateways read side by side: each gateway's reads are independent, and a server
/// runs each connection's statements on a core of its own, so several connections reading the
/// same exported snapshot (`pg_export_snapshot()`, `SET TRANSACTION SNAPSHOT`) answer in a
/// fraction of the time one connection takes, and every figure still comes from one moment.
///
/// Lanes are this snapshot's own connection and up to ``helperLanes`` more from the pool (kept
/// there for the next report), each on a thread of its own; a lane takes the next item when it
/// is free. A connection the
/// pool cannot open leaves its lane out: the others do its items. The first failure, in item
/// order, is thrown once every lane has stopped.
extension PostgresSnapshot {
    /// Connections read beside the snapshot's own at most: within the pool's idle limit, so that
    /// lanes are kept warm between reports, and one per core here (a lane's thread waits on its
    /// server, but decodes what comes back).
    static var helperLanes: Int { min(PostgresConnectionPool.idleLimit, ProcessInfo.processInfo.activeProcessorCount) - 1 }

    func sideBySide<Item, Answer>(_ items: [Item], _ body: (any StoreSnapshot, Item) throws -> Answer) throws -> [Answer] {
        guard items.count > 1, Self.helperLanes > 0, let pool else { return try items.map { try body(self, $0) } }
        let name = try exportedName()
        return try withoutActuallyEscaping(body) { body in
            // The lanes wait for each other before this returns: `body` does not outlive the call.
            let work = SideBySideWork<Answer>(count: items.count, first: self) { try body($0, items[$1]) }
            DispatchQueue.concurrentPerform(iterations: min(items.count, Self.helperLanes + 1)) { lane in
                if lane == 0 { return work.run(on: nil) }
                // A lane that starts when every item is taken, or whose connection cannot join the
                // snapshot, does nothing: the first lane always runs.
                guard work.isLeft, let helper = try? Self.joining(name, pool: pool) else { return }
                work.run(on: helper)
                helper.leave(pool)
            }
            return try work.answers()
        }
    }

    /// The snapshot's name for other connections, exported once.
    private func exportedName() throws -> String {
        if let known = memo.exported { return known }
        let name = try rows("SELECT pg_export_snapshot()").string(row: 0, column: 0)
        // A server's own answer, but it goes into a statement's text: only the characters such names have.
        guard !name.isEmpty, name.utf8.allSatisfy({ $0 == UInt8(ascii: "-") || (48...57).contains($0) || (65...70).contains($0) }) else {
            throw PostgresError(.decoding, message: "the server exported a snapshot named \(VisibleText.escape(name))")
        }
        memo.exported = name
        return name
    }

    /// A connection from `pool` inside a transaction that sees the snapshot `name`.
    private static func joining(_ name: String, pool: PostgresConnectionPool) throws -> PostgresSnapshot {
        let connection = try pool.borrow()
        do {
            try connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            try connection.execute("SET TRANSACTION SNAPSHOT '\(name)'")
        } catch {
            _ = try? connection.execute("ROLLBACK")
            pool.giveBack(connection)
            throw error
        }
        return PostgresSnapshot(connection: connection)
    }

    /// Ends a helper's transaction and gives its connection back (the pool keeps only a clean one).
    private func leave(_ pool: PostgresConnectionPool) {
        _ = try? connection.execute("COMMIT")
        pool.giveBack(connection)
    }
}

/// The items of one ``PostgresSnapshot/sideBySide(_:_:)`` call, dealt to lanes as they come free,
/// and their answers in order.
private final class SideBySideWork<Answer>: @unchecked Sendable {
    // @unchecked: `next` and `results` are read and written under `lock`; `first` is used by
    // the first lane alone, and each helper snapshot by its own lane.
    private let lock = NSLock()
    private let count: Int
    private let first: PostgresSnapshot
    private let answer: (any StoreSnapshot, Int) throws -> Answer
    private var next = 0
    private var results: [Result<Answer, any Error>?]

    init(count: Int, first: PostgresSnapshot, answer: @escaping (any StoreSnapshot, Int) throws -> Answer) {
        (self.count, self.first, self.answer) = (count, first, answer)
        results = Array(repeating: nil, count: count)
    }

    /// Answers items on `snapshot` (the first lane's own when nil) until none is left, or one failed.
    func run(on snapshot: PostgresSnapshot?) {
        while let index = take() {
            let result = Result { try answer(snapshot ?? first, index) }
            lock.lock()
            results[index] = result
            if case .failure = result { next = count }
            lock.unlock()
        }
    }

    /// Whether some item is not taken yet.
    var isLeft: Bool {
        lock.lock()
        defer { lock.unlock() }
        return next < count
    }

    private func take() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }

    /// Every answer in item order, or the first failure in item order.
    func answers() throws -> [Answer] {
        lock.lock()
        defer { lock.unlock() }
        var answers: [Answer] = []
        answers.reserveCapacity(count)
        for result in results {
            guard let result else { throw PostgresError(.statement, message: "a side-by-side read stopped before its last item") }
            answers.append(try result.get())
        }
        return answers
    }
}
