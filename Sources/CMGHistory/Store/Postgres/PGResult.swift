import CLibPQ

/// The rows a statement returned, read by typed accessors that never trap.
///
/// Each read checks what the server sent against what is asked for: a row or column outside the
/// result, NULL where a value is required, a type that is not the one asked for, an integer that
/// does not fit, text that is not UTF-8. Each such case throws a ``PostgresError`` of kind
/// `decoding` naming the column and row, the way a damaged SQLite value is damage, not a crash.
public final class PGResult {
    /// libpq's result, freed in `deinit`.
    private let handle: OpaquePointer

    init(_ handle: OpaquePointer) { self.handle = handle }

    deinit { CMG_PQclear(handle) }

    /// Whether the statement started a `COPY … FROM STDIN`.
    var isCopyIn: Bool { CMG_PQresultStatus(handle) == PGRES_COPY_IN }

    /// The number of rows.
    public var rowCount: Int { Int(CMG_PQntuples(handle)) }

    /// The number of columns.
    public var columnCount: Int { Int(CMG_PQnfields(handle)) }

    /// The rows a command touched (`INSERT 0 5` → 5), 0 when it reports none.
    public var affectedRows: Int64 {
        let text = String(cString: CMG_PQcmdTuples(handle))
        return PGText.int64(Array(text.utf8)) ?? 0
    }

    /// The name of `column`, nil outside the result.
    public func columnName(_ column: Int) -> String? {
        guard column >= 0, column < columnCount, let name = CMG_PQfname(handle, Int32(column)) else { return nil }
        return String(cString: name)
    }

    /// Whether the value at `row`, `column` is NULL (a position outside the result throws).
    public func isNull(row: Int, column: Int) throws(PostgresError) -> Bool {
        try checkPosition(row, column)
        return CMG_PQgetisnull(handle, Int32(row), Int32(column)) == 1
    }

    // MARK: - Typed reads

    /// A `smallint`, `integer` or `bigint` (a `numeric` without fraction too), nil for NULL.
    public func optionalInt64(row: Int, column: Int) throws(PostgresError) -> Int64? {
        if let value = try binaryInteger(row, column) { return value }
        guard let (bytes, binary, type) = try raw(row, column) else { return nil }
        switch (type, binary) {
        case (.int2, true) where bytes.count == 2: return Int64(Int16(bitPattern: UInt16(bigEndianBytes: bytes)))
        case (.int4, true) where bytes.count == 4: return Int64(Int32(bitPattern: UInt32(bigEndianBytes: bytes)))
        case (.int8, true) where bytes.count == 8: return Int64(bitPattern: UInt64(bigEndianBytes: bytes))
        case (.int2, false), (.int4, false), (.int8, false), (.numeric, false):
            guard let value = PGText.int64(bytes) else {
                throw decoding(row, column, "\(VisibleText.escape(String(decoding: bytes.prefix(40), as: UTF8.self))) is not an integer within 64 bits")
            }
            return value
        default:
            throw decoding(row, column, "is \(typeName(column)), not an integer")
        }
    }

    /// A non-NULL integer (see ``optionalInt64(row:column:)``).
    public func int64(row: Int, column: Int) throws(PostgresError) -> Int64 {
        guard let value = try optionalInt64(row: row, column: column) else { throw decoding(row, column, "is NULL, not an integer") }
        return value
    }

    /// A `text`, `varchar` or `name`, which must be UTF-8; nil for NULL.
    public func optionalString(row: Int, column: Int) throws(PostgresError) -> String? {
        guard let (bytes, _, type) = try raw(row, column) else { return nil }
        guard type == .text || type == .varchar || type == .name || type == .unknown else {
            throw decoding(row, column, "is \(typeName(column)), not text")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw decoding(row, column, "is not UTF-8") }
        return text
    }

    /// A non-NULL text (see ``optionalString(row:column:)``).
    public func string(row: Int, column: Int) throws(PostgresError) -> String {
        guard let value = try optionalString(row: row, column: column) else { throw decoding(row, column, "is NULL, not text") }
        return value
    }

    /// A `bytea`, nil for NULL; in text results its `\x` hex form is decoded.
    public func optionalBytes(row: Int, column: Int) throws(PostgresError) -> [UInt8]? {
        guard let (bytes, binary, type) = try raw(row, column) else { return nil }
        guard type == .bytea else { throw decoding(row, column, "is \(typeName(column)), not bytea") }
        if binary { return bytes }
        guard let decoded = PGText.hexBytea(bytes) else { throw decoding(row, column, "is not bytea's \\x hex text") }
        return decoded
    }

    /// A non-NULL `bytea` (see ``optionalBytes(row:column:)``).
    public func bytes(row: Int, column: Int) throws(PostgresError) -> [UInt8] {
        guard let value = try optionalBytes(row: row, column: column) else { throw decoding(row, column, "is NULL, not bytea") }
        return value
    }

    /// Calls `body` with a binary `bytea`'s bytes where libpq holds them, valid only inside
    /// `body`: a year of rollup value lists is read without a copy. Nil for NULL; anything but
    /// a binary `bytea` throws.
    func withBinaryBytes<T>(row: Int, column: Int, _ body: (UnsafeRawBufferPointer) -> T) throws(PostgresError) -> T? {
        try withBinaryValue(row: row, column: column, type: .bytea, body)
    }

    /// Calls `body` with the bytes of a binary value of `type` in place; nil for NULL.
    private func withBinaryValue<T>(row: Int, column: Int, type: PGType, _ body: (UnsafeRawBufferPointer) -> T) throws(PostgresError) -> T? {
        try checkPosition(row, column)
        let (r, c) = (Int32(row), Int32(column))
        guard CMG_PQgetisnull(handle, r, c) == 0 else { return nil }
        guard CMG_PQftype(handle, c) == type.oid, CMG_PQfformat(handle, c) == 1 else {
            throw decoding(row, column, "is \(typeName(column)) in format \(CMG_PQfformat(handle, c)), not binary \(type)")
        }
        let length = Int(CMG_PQgetlength(handle, r, c))
        guard length >= 0, let start = CMG_PQgetvalue(handle, r, c) else { throw decoding(row, column, "has no value") }
        return body(UnsafeRawBufferPointer(start: start, count: length))
    }

    /// A binary one-dimensional `bigint[]` without NULLs (`array(SELECT …)`), its elements in
    /// order; an empty array for an empty one. A hundred thousand instants travel as one value,
    /// not as a hundred thousand rows for libpq to allocate and the reader to step through.
    func int64Array(row: Int, column: Int) throws(PostgresError) -> [Int64] {
        guard let elements = try withBinaryValue(row: row, column: column, type: .int8Array, { PGBinaryArray.int64Elements($0) }) else {
            throw decoding(row, column, "is NULL, not a bigint array")
        }
        guard let elements else { throw decoding(row, column, "is not a one-dimensional bigint array without NULLs") }
        return elements
    }

    /// A non-NULL `boolean`.
    public func bool(row: Int, column: Int) throws(PostgresError) -> Bool {
        guard let (bytes, binary, type) = try raw(row, column) else { throw decoding(row, column, "is NULL, not a boolean") }
        guard type == .bool else { throw decoding(row, column, "is \(typeName(column)), not a boolean") }
        switch (binary, bytes) {
        case (true, [1]), (false, [UInt8(ascii: "t")]): return true
        case (true, [0]), (false, [UInt8(ascii: "f")]): return false
        default: throw decoding(row, column, "is not a boolean value")
        }
    }

    // MARK: - Checks

    /// A binary integer read in place, nil for NULL or anything else (which ``raw(_:_:)`` then
    /// reads and checks): a year of 5-minute instants is a hundred thousand values a gateway, so
    /// this path copies nothing.
    private func binaryInteger(_ row: Int, _ column: Int) throws(PostgresError) -> Int64? {
        try checkPosition(row, column)
        let (r, c) = (Int32(row), Int32(column))
        guard CMG_PQfformat(handle, c) == 1, CMG_PQgetisnull(handle, r, c) == 0, let start = CMG_PQgetvalue(handle, r, c) else { return nil }
        let value = UnsafeRawPointer(start)
        switch (CMG_PQftype(handle, c), CMG_PQgetlength(handle, r, c)) {
        case (PGType.int8.oid, 8): return Int64(bitPattern: UInt64(bigEndian: value.loadUnaligned(as: UInt64.self)))
        case (PGType.int4.oid, 4): return Int64(Int32(bitPattern: UInt32(bigEndian: value.loadUnaligned(as: UInt32.self))))
        case (PGType.int2.oid, 2): return Int64(Int16(bitPattern: UInt16(bigEndian: value.loadUnaligned(as: UInt16.self))))
        default: return nil
        }
    }

    /// The bytes, format and type at a position, nil for NULL.
    private func raw(_ row: Int, _ column: Int) throws(PostgresError) -> (bytes: [UInt8], binary: Bool, type: PGType)? {
        try checkPosition(row, column)
        let (r, c) = (Int32(row), Int32(column))
        guard CMG_PQgetisnull(handle, r, c) == 0 else { return nil }
        let length = Int(CMG_PQgetlength(handle, r, c))
        guard length >= 0, let start = CMG_PQgetvalue(handle, r, c) else { throw decoding(row, column, "has no value") }
        let bytes = UnsafeRawBufferPointer(start: start, count: length).map { $0 }
        return (bytes, CMG_PQfformat(handle, c) == 1, PGType(oid: CMG_PQftype(handle, c)) ?? .unknown)
    }

    private func checkPosition(_ row: Int, _ column: Int) throws(PostgresError) {
        guard row >= 0, row < rowCount, column >= 0, column < columnCount else {
            throw PostgresError(.decoding, message: "row \(row), column \(column): outside the result (\(rowCount) rows, \(columnCount) columns)")
        }
    }

    private func typeName(_ column: Int) -> String { "type OID \(CMG_PQftype(handle, Int32(column)))" }

    private func decoding(_ row: Int, _ column: Int, _ reason: String) -> PostgresError {
        PostgresError(.decoding, message: "column \(columnName(column) ?? String(column)), row \(row): the value \(reason)")
    }
}

/// Readers of PostgreSQL's text output, checked digit by digit.
enum PGText {
    /// A decimal integer (`-12`, `340`; a `numeric` like `340` or `340.000`, whose fraction is
    /// all zeros), nil for anything else or a value beyond 64 bits.
    static func int64(_ bytes: [UInt8]) -> Int64? {
        var digits = bytes[...]
        let negative = digits.first == UInt8(ascii: "-")
        if negative || digits.first == UInt8(ascii: "+") { digits = digits.dropFirst() }
        if let point = digits.firstIndex(of: UInt8(ascii: ".")) {
            guard digits[(point + 1)...].allSatisfy({ $0 == UInt8(ascii: "0") }) else { return nil }
            digits = digits[..<point]
        }
        guard !digits.isEmpty else { return nil }
        var value: Int64 = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let digit = Int64(byte - UInt8(ascii: "0"))
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = negative ? times10.subtractingReportingOverflow(digit) : times10.addingReportingOverflow(digit)
            guard !overflow1, !overflow2 else { return nil }
            value = next
        }
        return value
    }

    /// `bytea` in its hex text form (`\x0aff`), nil for anything else.
    static func hexBytea(_ bytes: [UInt8]) -> [UInt8]? {
        guard bytes.count >= 2, bytes[0] == UInt8(ascii: "\\"), bytes[1] == UInt8(ascii: "x"), bytes.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count - 2) / 2)
        var index = 2
        while index < bytes.count {
            guard let high = hexValue(bytes[index]), let low = hexValue(bytes[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }

    /// The value of one hex digit, nil for any other byte.
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

private extension FixedWidthInteger {
    /// The integer whose big-endian bytes are `bytes` (exactly its width, checked by the caller).
    init(bigEndianBytes bytes: [UInt8]) {
        self = bytes.reduce(0) { $0 << 8 | Self($1) }
    }
}

/// PostgreSQL's binary array format (`array_send`), read with every length checked.
enum PGBinaryArray {
    /// The elements of a one-dimensional `bigint[]` without NULLs; nil for anything else.
    ///
    /// The layout: dimensions, has-NULLs flag and element type (three 32-bit words); per
    /// dimension its size and lower bound; then per element its length (-1 for NULL) and bytes.
    static func int64Elements(_ bytes: UnsafeRawBufferPointer) -> [Int64]? {
        var offset = 0
        func word() -> Int32? {
            guard offset + 4 <= bytes.count else { return nil }
            defer { offset += 4 }
            return Int32(bitPattern: UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
        }
        guard let dimensions = word(), let hasNulls = word(), let type = word(), hasNulls == 0,
              type == Int32(bitPattern: PGType.int8.oid) else { return nil }
        if dimensions == 0 { return offset == bytes.count ? [] : nil }
        guard dimensions == 1, let size = word(), word() != nil, size >= 0,
              bytes.count - offset == Int(size) * 12 else { return nil }
        var elements: [Int64] = []
        elements.reserveCapacity(Int(size))
        for _ in 0..<size {
            guard word() == 8, offset + 8 <= bytes.count else { return nil }
            elements.append(Int64(bitPattern: UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))))
            offset += 8
        }
        return elements
    }
}
