import CLibPQ

/// A value bound to a statement parameter (`$1`, `$2`, …).
///
/// Integers, booleans and byte strings travel in PostgreSQL's binary format (no text round trip,
/// no escaping); text travels as text with its type left to the server to infer from the
/// statement, so one `.text` serves a `text` column and a `name` comparison alike.
public enum PGParameter: Sendable, Equatable {
    /// SQL NULL.
    case null
    /// A `bigint` (`int8`).
    case int64(Int64)
    /// A `boolean`.
    case bool(Bool)
    /// Text, of the type the statement gives the parameter.
    case text(String)
    /// A `bytea`.
    case bytes([UInt8])

    /// The type libpq is told (0 lets the server infer it).
    var oid: Oid {
        switch self {
        case .null, .text: 0
        case .int64: PGType.int8.oid
        case .bool: PGType.bool.oid
        case .bytes: PGType.bytea.oid
        }
    }

    /// The value's bytes in the wire format libpq sends (nil for NULL), and whether that is binary.
    var encoded: (bytes: [UInt8]?, binary: Bool) {
        switch self {
        case .null: (nil, false)
        case let .int64(value): (withUnsafeBytes(of: value.bigEndian, Array.init), true)
        case let .bool(value): ([value ? 1 : 0], true)
        case let .text(value): (Array(value.utf8) + [0], false)
        case let .bytes(value): (value, true)
        }
    }
}

/// The PostgreSQL types this store declares for parameters and reads in results.
public enum PGType: Sendable, Equatable {
    case bool, bytea, int2, int4, int8, text, varchar, name, numeric
    /// `bigint[]`, read in results (``PGResult/int64Array(row:column:)``).
    case int8Array
    /// Left to the server to infer from the statement.
    case unknown

    /// The type's OID in `pg_type` (fixed for built-in types).
    public var oid: Oid {
        switch self {
        case .bool: 16
        case .bytea: 17
        case .name: 19
        case .int8: 20
        case .int2: 21
        case .int4: 23
        case .text: 25
        case .varchar: 1043
        case .numeric: 1700
        case .int8Array: 1016
        case .unknown: 0
        }
    }

    /// The built-in type with `oid`, nil for any other.
    init?(oid: Oid) {
        // A switch, not a search of a list: results ask this once per value read.
        switch oid {
        case 16: self = .bool
        case 17: self = .bytea
        case 19: self = .name
        case 20: self = .int8
        case 21: self = .int2
        case 23: self = .int4
        case 25: self = .text
        case 1043: self = .varchar
        case 1700: self = .numeric
        case 1016: self = .int8Array
        default: return nil
        }
    }
}

/// Parameters laid out as the C arrays libpq reads, valid until ``deallocate()``.
struct PGBoundParameters {
    /// The parameters' types, as sent.
    private(set) var types: [Oid] = []
    private var values: [UnsafeMutablePointer<CChar>?] = []
    private var lengths: [Int32] = []
    private var formats: [Int32] = []

    /// Lays out `parameters`; refuses text holding NUL, which PostgreSQL text cannot store and
    /// libpq would silently cut at.
    init(_ parameters: [PGParameter]) throws(PostgresError) {
        for (index, parameter) in parameters.enumerated() {
            if case let .text(text) = parameter, text.utf8.contains(0) {
                values.forEach { $0?.deallocate() }
                throw PostgresError(.statement, message: "parameter $\(index + 1): text holding a NUL character, which PostgreSQL text cannot store")
            }
            let (bytes, binary) = parameter.encoded
            types.append(parameter.oid)
            formats.append(binary ? 1 : 0)
            guard let bytes else {
                values.append(nil)
                lengths.append(0)
                continue
            }
            let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: max(bytes.count, 1))
            bytes.withUnsafeBytes { source in
                UnsafeMutableRawPointer(buffer).copyMemory(from: source.baseAddress ?? UnsafeRawPointer(buffer), byteCount: bytes.count)
            }
            values.append(buffer)
            lengths.append(Int32(clamping: bytes.count))
        }
    }

    /// Calls `body` with the count and the four arrays.
    func withPointers<R>(_ body: (Int32, UnsafePointer<Oid>?, UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?) -> R) -> R {
        let constValues: [UnsafePointer<CChar>?] = values.map { $0.map { UnsafePointer($0) } }
        return types.withUnsafeBufferPointer { types in
            constValues.withUnsafeBufferPointer { values in
                lengths.withUnsafeBufferPointer { lengths in
                    formats.withUnsafeBufferPointer { formats in
                        body(Int32(clamping: types.count), types.baseAddress, values.baseAddress, lengths.baseAddress, formats.baseAddress)
                    }
                }
            }
        }
    }

    /// Frees the value buffers.
    func deallocate() { values.forEach { $0?.deallocate() } }
}
