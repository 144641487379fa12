import CLibPQ

/// A `COPY … FROM STDIN (FORMAT binary)` stream: rows written field by field, sent in chunks.
///
/// Binary COPY is PostgreSQL's fastest load: no SQL per row, no text formatting or parsing of
/// integers. Rows go into a buffer that is handed to libpq whenever it passes ``chunkSize``;
/// ``finish()`` ends the stream and returns the server's row count, and any error the server
/// found in the data surfaces there with its SQLSTATE. Made by ``PGConnection/copyIn(_:_:)``,
/// which aborts the stream when the writing closure throws.
///
/// ```swift
/// try connection.copyIn("COPY staging (gateway_id, at, count) FROM STDIN (FORMAT binary)") { copy in
///     for sample in samples {
///         copy.startRow(fields: 3)
///         copy.int64(sample.gatewayID); copy.int64(sample.at); copy.int64(sample.count)
///     }
/// }
/// ```
public final class PGCopyIn {
    private let connection: PGConnection
    private var buffer: [UInt8] = []
    /// The bytes gathered before they are handed to libpq: large enough that the per-call cost
    /// vanishes, small enough to stay in cache.
    static let chunkSize = 256 * 1024
    /// The signature, flags and header-extension length every binary COPY stream starts with.
    static let header: [UInt8] = Array("PGCOPY\n".utf8) + [0xFF, 0x0D, 0x0A, 0x00] + [0, 0, 0, 0] + [0, 0, 0, 0]

    init(_ connection: PGConnection) {
        self.connection = connection
        buffer.reserveCapacity(Self.chunkSize + 4096)
        buffer.append(contentsOf: Self.header)
    }

    /// Starts a row of `fields` fields; exactly that many field writes must follow.
    public func startRow(fields: Int16) { append(UInt16(bitPattern: fields)) }

    /// A `bigint` field.
    public func int64(_ value: Int64) {
        append(UInt32(8))
        append(UInt64(bitPattern: value))
    }

    /// A `bigint` field, or NULL.
    public func int64(_ value: Int64?) {
        guard let value else { return null() }
        int64(value)
    }

    /// An `integer` (`int4`) field.
    public func int32(_ value: Int32) {
        append(UInt32(4))
        append(UInt32(bitPattern: value))
    }

    /// A `text` field (UTF-8; text holding NUL is refused by the server, not cut).
    public func text(_ value: String) { bytes(Array(value.utf8)) }

    /// A `bytea` field (or the bytes of any field whose binary form they are).
    public func bytes(_ value: [UInt8]) {
        append(UInt32(clamping: value.count))
        buffer.append(contentsOf: value)
    }

    /// A field of the bytes `value` points at (a `text` field from a buffer, without a `String`).
    public func bytes(_ value: UnsafeRawBufferPointer) {
        append(UInt32(clamping: value.count))
        buffer.append(contentsOf: value)
    }

    /// A NULL field.
    public func null() { append(UInt32(bitPattern: -1)) }

    /// Hands the buffer to libpq once it is large; called between rows by the owner.
    public func flushIfFull() throws(PostgresError) {
        if buffer.count >= Self.chunkSize { try flush() }
    }

    /// Ends the stream and returns how many rows the server stored.
    func finish() throws(PostgresError) -> Int64 {
        append(UInt16(bitPattern: -1))
        try flush()
        guard CMG_PQputCopyEnd(connection.handle, nil) == 1 else {
            throw PostgresError(.copy, message: connection.lastMessage())
        }
        return try result().affectedRows
    }

    /// Ends the stream without storing anything: the server rolls the COPY back.
    func abort(_ reason: String) {
        guard CMG_PQputCopyEnd(connection.handle, reason) == 1 else { return }
        _ = try? result()
    }

    /// The COPY's final result, after which the connection takes statements again.
    private func result() throws(PostgresError) -> PGResult {
        var failure: PostgresError?
        var success: PGResult?
        // libpq sends one result for the COPY, then nil; all must be read before the next statement.
        while let next = CMG_PQgetResult(connection.handle) {
            do { success = try connection.check(next, .copy) } catch { failure = failure ?? error }
        }
        if let failure { throw failure }
        guard let success else { throw PostgresError(.copy, message: connection.lastMessage()) }
        return success
    }

    private func flush() throws(PostgresError) {
        guard !buffer.isEmpty else { return }
        let sent = buffer.withUnsafeBufferPointer { pointer in
            pointer.withMemoryRebound(to: CChar.self) { CMG_PQputCopyData(connection.handle, $0.baseAddress, Int32(clamping: $0.count)) }
        }
        guard sent == 1 else { throw PostgresError(.copy, message: connection.lastMessage()) }
        buffer.removeAll(keepingCapacity: true)
    }

    private func append<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.bigEndian) { buffer.append(contentsOf: $0) }
    }
}

extension PGConnection {
    /// Runs `sql` (a `COPY … FROM STDIN (FORMAT binary)`), lets `write` fill the stream, and
    /// returns the number of rows stored; when `write` throws, the stream is aborted (nothing of
    /// it is stored) and the error rethrown.
    @discardableResult
    public func copyIn(_ sql: String, _ write: (PGCopyIn) throws -> Void) throws -> Int64 {
        let started = try check(CMG_PQexec(handle, sql), .copy)
        guard started.isCopyIn else {
            throw PostgresError(.copy, message: "the statement did not start a COPY FROM STDIN")
        }
        let copy = PGCopyIn(self)
        do {
            try write(copy)
        } catch {
            copy.abort("cmg-history stopped the copy: \(error)")
            throw error
        }
        return try copy.finish()
    }
}
