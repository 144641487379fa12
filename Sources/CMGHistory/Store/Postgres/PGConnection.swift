import CLibPQ
import Foundation

/// One synchronous connection to a PostgreSQL server, through libpq.
///
/// The counterpart of an SQLite connection on the PostgreSQL path: statements run one at a time
/// on the calling thread, like GRDB's `Database`. Parameters travel separately from the SQL
/// (`$1`, `$2`, …), integers and byte strings in binary; results are read through ``PGResult``,
/// whose typed reads throw on NULL, a wrong type or an out-of-range value instead of trapping on
/// what the server sends. Not `Sendable`: one connection belongs to one thread at a time.
///
/// ```swift
/// let connection = try PGConnection(parameters)
/// let result = try connection.query("SELECT count(*) FROM gateway WHERE name = $1", [.text("G")])
/// let count = try result.int64(row: 0, column: 0)
/// ```
public final class PGConnection {
    /// libpq's connection handle, open until `deinit`.
    let handle: OpaquePointer
    /// The password a password file gave, replaced in every message that could echo it.
    private let password: String?
    /// Statements this connection runs again and again, prepared on the server once each.
    private var statements = PGStatementCache()

    /// Connects with `parameters`; throws a ``PostgresError`` of kind `connection` with libpq's
    /// reason (never the password) when the server cannot be reached or refuses the login.
    public init(_ parameters: PostgresConnectionParameters) throws(PostgresError) {
        password = parameters.password
        // libpq is loaded here, the first time a PostgreSQL history is opened (CLibPQ.h).
        if let why = CMG_libpq_load_error() { throw PostgresError(.connection, message: String(cString: why)) }
        let pairs = parameters.keywordValues
        let keywords = pairs.map { strdup($0.0) }
        let values = pairs.map { strdup($0.1) }
        defer {
            keywords.forEach { free($0) }
            values.forEach { free($0) }
        }
        var keywordPointers: [UnsafePointer<CChar>?] = keywords.map { $0.map { UnsafePointer($0) } } + [nil]
        var valuePointers: [UnsafePointer<CChar>?] = values.map { $0.map { UnsafePointer($0) } } + [nil]
        // expand_dbname 0: a dbname is a name, never a connection string smuggling other options.
        guard let connection = CMG_PQconnectdbParams(&keywordPointers, &valuePointers, 0) else {
            throw PostgresError(.connection, message: "libpq could not allocate a connection")
        }
        guard CMG_PQstatus(connection) == CONNECTION_OK else {
            let message = Self.clean(CMG_PQerrorMessage(connection), hiding: parameters.password)
            CMG_PQfinish(connection)
            throw PostgresError(.connection, message: message)
        }
        handle = connection
        // libpq prints NOTICEs (`schema … already exists, skipping`) to standard error by
        // default; the library never prints.
        CMG_PQsetNoticeProcessor(connection, { _, _ in }, nil)
    }

    deinit { CMG_PQfinish(handle) }

    /// The server's version as libpq reports it (150018 for 15.18).
    public var serverVersion: Int { Int(CMG_PQserverVersion(handle)) }

    /// Whether a transaction is open on this connection (also one that failed and awaits ROLLBACK).
    public var isInTransaction: Bool {
        let status = CMG_PQtransactionStatus(handle)
        return status == PQTRANS_INTRANS || status == PQTRANS_INERROR
    }

    /// Whether the connection still reaches its server, idle and outside any transaction: what a
    /// pool may hand to the next caller.
    public var isReusable: Bool {
        CMG_PQstatus(handle) == CONNECTION_OK && CMG_PQtransactionStatus(handle) == PQTRANS_IDLE
    }

    // MARK: - Statements

    /// Runs `sql`, which may hold several statements and no parameters (a migration file).
    @discardableResult
    public func execute(_ sql: String) throws(PostgresError) -> PGResult {
        try check(CMG_PQexec(handle, sql), .statement)
    }

    /// Runs one statement with `parameters` bound to `$1`, `$2`, …; integer and byte results
    /// come back in binary when `binaryResults`, everything as text otherwise.
    @discardableResult
    public func query(_ sql: String, _ parameters: [PGParameter] = [], binaryResults: Bool = false) throws(PostgresError) -> PGResult {
        let bound = try PGBoundParameters(parameters)
        defer { bound.deallocate() }
        let key = PGStatementCache.Key(sql: sql, types: bound.types)
        let use = statements.use(key)
        if case .prepare(let name) = use {
            let prepared = bound.withPointers { count, types, _, _, _ in CMG_PQprepare(handle, name, sql, count, types) }
            try check(prepared, .statement)
            statements.prepared(key, as: name)
        }
        let result = bound.withPointers { count, types, values, lengths, formats in
            switch use {
            case .unnamed: CMG_PQexecParams(handle, sql, count, types, values, lengths, formats, binaryResults ? 1 : 0)
            case .prepare(let name), .prepared(let name): CMG_PQexecPrepared(handle, name, count, values, lengths, formats, binaryResults ? 1 : 0)
            }
        }
        return try check(result, .statement)
    }

    /// Prepares `sql` on the server as `name`, with the parameter types declared (so that binary
    /// parameters are read as the type they are sent in).
    public func prepare(_ name: String, _ sql: String, types: [PGType]) throws(PostgresError) -> PGStatement {
        var oids = types.map(\.oid)
        let count = Int32(clamping: oids.count)
        let result = oids.withUnsafeMutableBufferPointer { CMG_PQprepare(handle, name, sql, count, $0.baseAddress) }
        try check(result, .statement)
        return PGStatement(name: name, types: types)
    }

    /// Runs a prepared statement with `parameters`, which must match its declared types in number.
    @discardableResult
    public func execute(_ statement: PGStatement, _ parameters: [PGParameter], binaryResults: Bool = false) throws(PostgresError) -> PGResult {
        guard parameters.count == statement.types.count else {
            throw PostgresError(.statement, message: "statement \(statement.name) takes \(statement.types.count) parameters, \(parameters.count) given")
        }
        let bound = try PGBoundParameters(parameters)
        defer { bound.deallocate() }
        let result = bound.withPointers { count, _, values, lengths, formats in
            CMG_PQexecPrepared(handle, statement.name, count, values, lengths, formats, binaryResults ? 1 : 0)
        }
        return try check(result, .statement)
    }

    // MARK: - Transactions

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    public func transaction<T>(_ isolation: PGIsolation = .readCommitted, _ body: () throws -> T) throws -> T {
        try execute("BEGIN ISOLATION LEVEL \(isolation.sql)")
        let value: T
        do {
            value = try body()
        } catch {
            _ = try? execute("ROLLBACK")
            throw error
        }
        try execute("COMMIT")
        return value
    }

    // MARK: - Results and messages

    /// The result of a libpq call, or its error; `COPY_IN` is success for ``PGCopyIn``.
    @discardableResult
    func check(_ result: OpaquePointer?, _ kind: PostgresError.Kind) throws(PostgresError) -> PGResult {
        guard let result else {
            throw PostgresError(.connection, message: Self.clean(CMG_PQerrorMessage(handle), hiding: password))
        }
        switch CMG_PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_COPY_IN, PGRES_EMPTY_QUERY:
            return PGResult(result)
        default:
            let error = self.error(from: result, kind)
            CMG_PQclear(result)
            throw error
        }
    }

    /// The server's error in `result`: its SQLSTATE, primary message and detail.
    func error(from result: OpaquePointer, _ kind: PostgresError.Kind) -> PostgresError {
        func field(_ code: UInt8) -> String? {
            CMG_PQresultErrorField(result, Int32(code)).map { String(cString: $0) }
        }
        let sqlState = field(UInt8(ascii: "C"))
        var message = field(UInt8(ascii: "M")) ?? String(cString: CMG_PQresultErrorMessage(result))
        if let detail = field(UInt8(ascii: "D")) { message += " (\(detail))" }
        if message.isEmpty { message = Self.clean(CMG_PQerrorMessage(handle), hiding: password) }
        return PostgresError(kind, sqlState: sqlState, message: Self.clean(message, hiding: password))
    }

    /// The connection's last libpq message, cleaned like every other.
    func lastMessage() -> String { Self.clean(CMG_PQerrorMessage(handle), hiding: password) }

    /// A libpq message on one visible line, with `password` (when known) replaced.
    static func clean(_ text: UnsafePointer<CChar>?, hiding password: String?) -> String {
        clean(text.map { String(cString: $0) } ?? "no message", hiding: password)
    }

    /// `text` on one visible line, with `password` (when known) replaced.
    static func clean(_ text: String, hiding password: String?) -> String {
        var text = text
        if let password, !password.isEmpty { text = text.replacingOccurrences(of: password, with: "[password]") }
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        return VisibleText.escape(lines.filter { !$0.isEmpty }.joined(separator: "; "))
    }
}

/// A statement prepared on one connection, run with ``PGConnection/execute(_:_:binaryResults:)``.
public struct PGStatement: Sendable, Equatable {
    /// Its name on the server.
    public let name: String
    /// The declared types of its parameters.
    public let types: [PGType]
}

/// A transaction's isolation level.
public enum PGIsolation: Sendable {
    /// Each statement sees what was committed before it began (PostgreSQL's default).
    case readCommitted
    /// The whole transaction sees one snapshot: a consistent read of several tables.
    case repeatableRead
    /// As if transactions ran one after another; may fail with SQLSTATE 40001, to be retried.
    case serializable

    var sql: String {
        switch self {
        case .readCommitted: "READ COMMITTED"
        case .repeatableRead: "REPEATABLE READ"
        case .serializable: "SERIALIZABLE"
        }
    }
}
