import GRDB
import GRDBSQLite

/// `cmg_traffic_steps(at, interval)`: how many steps ``TrafficStepMarks`` would mark, counted by
/// an SQLite aggregate inside the statement's own loop.
///
/// A capacity report counts the steps of a month of 5-minute traffic, and of the month before,
/// for each gateway: handed to Swift one `sqlite3_step` at a time, those 8,640 instants a month
/// were a third of the report's instructions.
///
/// The instants must come in ascending order, as the table's key gives them. Where one does not,
/// or is not an integer, the answer is NULL and the caller counts the marks instead: the figure
/// is never a guess.
enum TrafficStepCount {
    static let functionName = "cmg_traffic_steps"

    /// The running count; SQLite hands the first step zeroed memory, which is the empty state.
    private struct State {
        var count: Int64
        var lastStep: Int64
        var lastAt: Int64
        var hasStep: Bool
        var hasInstant: Bool
        var unusable: Bool
    }

    /// Adds the function to a connection. Direct only: a view or trigger in a database file
    /// cannot call it.
    static func register(on db: Database) throws {
        guard let connection = db.sqliteConnection else {
            throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "database connection is closed")
        }
        let code = sqlite3_create_function_v2(connection, functionName, 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY,
                                              nil, nil, step, final, nil)
        guard code == SQLITE_OK else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)))
        }
    }

    /// The gateway's steps in `[start, end)` at `interval`, counted inside SQLite; nil when the
    /// function cannot be sure of them, or the connection has no such function.
    static func count(_ db: Database, gatewayID: Int64, interval: Int64, from start: UnixSeconds, to end: UnixSeconds) throws -> Int64? {
        let statement: BulkStatement
        do {
            statement = try BulkStatement(db, sql: """
                SELECT \(functionName)(at, ?) FROM gateway_traffic_sample WHERE at >= ? AND at < ? AND gateway_id = ?
                """)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_ERROR && error.message?.contains(functionName) == true {
            return nil
        }
        statement.bind(1, interval)
        statement.bind(2, start)
        statement.bind(3, end)
        statement.bind(4, gatewayID)
        return try statement.fetchInt64()
    }

    private static let step: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { context, count, values in
        guard let raw = sqlite3_aggregate_context(context, Int32(MemoryLayout<State>.stride)) else {
            sqlite3_result_error_nomem(context)
            return
        }
        let state = raw.bindMemory(to: State.self, capacity: 1)
        guard !state.pointee.unusable else { return }
        guard count == 2, let values, sqlite3_value_type(values[0]) == SQLITE_INTEGER, sqlite3_value_type(values[1]) == SQLITE_INTEGER else {
            state.pointee.unusable = true
            return
        }
        let at = sqlite3_value_int64(values[0])
        let interval = sqlite3_value_int64(values[1])
        guard interval > 0, !state.pointee.hasInstant || at >= state.pointee.lastAt else {
            state.pointee.unusable = true
            return
        }
        (state.pointee.lastAt, state.pointee.hasInstant) = (at, true)
        guard let step = TrafficStepMarks.step(at, interval: interval),
              !state.pointee.hasStep || step != state.pointee.lastStep else { return }
        state.pointee.hasStep = true
        state.pointee.lastStep = step
        if TrafficStepMarks.mark(step, interval: interval) != nil { state.pointee.count += 1 }
    }

    private static let final: @convention(c) (OpaquePointer?) -> Void = { context in
        // Zero bytes asked for: no memory is made when no row came.
        guard let raw = sqlite3_aggregate_context(context, 0) else {
            sqlite3_result_int64(context, 0)
            return
        }
        let state = raw.assumingMemoryBound(to: State.self)
        if state.pointee.unusable { sqlite3_result_null(context) } else { sqlite3_result_int64(context, state.pointee.count) }
    }
}
