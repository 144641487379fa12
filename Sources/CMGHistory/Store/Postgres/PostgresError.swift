/// Why a PostgreSQL operation failed: what the server or libpq said, with its SQLSTATE.
///
/// One error type for the whole PostgreSQL path, the `DatabaseError` of GRDB's SQLite side. Its
/// message is the server's primary message (and the detail line when there is one), never a
/// connection string: a password given through a password file is replaced by `[password]` in
/// anything libpq writes, so no description can carry one.
///
/// ```swift
/// do { try connection.execute("INSERT …") } catch let error as PostgresError where error.sqlState == "23505" { … }
/// ```
public struct PostgresError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What was being done when it failed.
    public enum Kind: String, Equatable, Sendable {
        /// Connecting, or the connection broke.
        case connection
        /// A statement the server refused.
        case statement
        /// A `COPY … FROM STDIN` stream.
        case copy
        /// A value the server sent that does not fit the Swift type asked for (NULL, wrong type,
        /// out of range): a read never traps on what arrives.
        case decoding
    }

    /// What was being done.
    public let kind: Kind
    /// The five-character SQLSTATE (`23505` unique violation, `42P07` duplicate table, …),
    /// nil when the failure is the client's own (no server answer, a decoding failure).
    public let sqlState: String?
    /// The server's or libpq's message, one line, without a password.
    public let message: String

    /// An error of `kind` with `message`, and the server's `sqlState` when it sent one.
    public init(_ kind: Kind, sqlState: String? = nil, message: String) {
        self.kind = kind
        self.sqlState = sqlState
        self.message = message
    }

    public var description: String {
        let code = sqlState.map { " (SQLSTATE \($0))" } ?? ""
        return "PostgreSQL \(kind.rawValue) error\(code): \(message)"
    }

    /// `23505`: a unique key already holds the value.
    public static let uniqueViolation = "23505"
    /// `42P07`: the table (or a partition) exists already.
    public static let duplicateTable = "42P07"
    /// `42501`: the role lacks the privilege.
    public static let insufficientPrivilege = "42501"
    /// `40001`: a serializable transaction must be retried.
    public static let serializationFailure = "40001"
    /// `40P01`: the server broke a deadlock by cancelling this transaction.
    public static let deadlockDetected = "40P01"
}
