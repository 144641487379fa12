import Foundation

/// What the model values' `Codable` conformances share: they write and read NDJSON v1 lines
/// (DESIGN §3.1), so that a value encodes to the line the NDJSON importer reads, and a line
/// decodes to the value the importer builds.
///
/// Decoding goes through the importer's own decoder (``NDJSONRecordDecoder``): the same range
/// checks (``ValueLimits``), the same vocabulary, the same secret rules (a secret-named member is
/// dropped, a secret-looking value redacted). A value out of range is a `DecodingError` carrying
/// the ``LineRejection``, never a trap.
enum NDJSONCoding {
    /// A member name of an NDJSON line.
    struct Key: CodingKey, ExpressibleByStringLiteral {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
        init(stringLiteral value: String) { stringValue = value }
    }

    // MARK: - Decoding

    /// The record the NDJSON importer makes of the JSON object `decoder` holds.
    ///
    /// The object is written out again as one line (members in key order) and read by the
    /// importer's decoder. Two things can differ from importing the original text: the members
    /// kept in `extra` come out in key order, and numbers there as JSON writes them (`1.5`, not
    /// `1.50`).
    static func record(from decoder: any Decoder) throws -> HistoryRecord {
        let value = try JSONValue(from: decoder)
        guard case .object = value else {
            throw DecodingError.typeMismatch(HistoryRecord.self, DecodingError.Context(
                codingPath: decoder.codingPath, debugDescription: "an NDJSON v1 record is a JSON object"))
        }
        do {
            return try record(line: value.jsonText)
        } catch {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: decoder.codingPath, debugDescription: error.message, underlyingError: error))
        }
    }

    /// The record the NDJSON importer makes of one line.
    static func record(line: String) throws(LineRejection) -> HistoryRecord {
        var text = line
        var decoder = NDJSONRecordDecoder()
        let result: Result<HistoryRecord, LineRejection> = text.withUTF8 { bytes in
            do throws(LineRejection) {
                return .success(try decoder.decode(bytes))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// The `T` a decoded record holds, or a type mismatch naming the record's type.
    static func value<T>(_ type: T.Type, from decoder: any Decoder, _ extract: (HistoryRecord) -> T?) throws -> T {
        let record = try record(from: decoder)
        guard let value = extract(record) else {
            throw DecodingError.typeMismatch(T.self, DecodingError.Context(
                codingPath: decoder.codingPath, debugDescription: "the line is a \"\(record.typeName)\" record"))
        }
        return value
    }

    // MARK: - Encoding

    /// Writes the members of one NDJSON line, `type` first.
    struct Writer {
        private var container: KeyedEncodingContainer<Key>
        private var written: Set<String> = []
        private let codingPath: [any CodingKey]

        init(_ encoder: any Encoder, type: String) throws {
            container = encoder.container(keyedBy: Key.self)
            codingPath = encoder.codingPath
            try text("type", type)
        }

        /// A string member.
        mutating func text(_ key: String, _ value: String) throws {
            written.insert(key)
            try container.encode(value, forKey: Key(stringValue: key))
        }

        /// A string member, left out when nil.
        mutating func text(_ key: String, _ value: String?) throws {
            if let value { try text(key, value) }
        }

        /// An integer member, left out when nil.
        mutating func integer(_ key: String, _ value: Int64?) throws {
            guard let value else { return }
            written.insert(key)
            try container.encode(value, forKey: Key(stringValue: key))
        }

        /// A boolean member, left out when nil.
        mutating func bool(_ key: String, _ value: Bool?) throws {
            guard let value else { return }
            written.insert(key)
            try container.encode(value, forKey: Key(stringValue: key))
        }

        /// An instant as RFC 3339 UTC text (`2026-10-01T00:05:00Z`), left out when nil.
        mutating func time(_ key: String, _ instant: UnixSeconds?) throws {
            try text(key, instant.map(Timestamp.format))
        }

        /// A byte count as the GB figure of a `*_gb` member (bytes ÷ 10⁹, exactly: `1.27`), left
        /// out when nil.
        mutating func gigabytes(_ key: String, bytes: Int64?) throws {
            guard let bytes else { return }
            written.insert(key)
            try container.encode(Decimal(sign: bytes < 0 ? .minus : .plus, exponent: -9,
                                         significand: Decimal(bytes.magnitude)), forKey: Key(stringValue: key))
        }

        /// The members of `extra` (a JSON object, as the importer keeps unknown fields) beside the
        /// known ones, which win over an extra member of the same name. They are written in key
        /// order, so a value whose `extra` lists its members in key order (as decoding gives)
        /// comes back equal.
        mutating func extra(_ extra: String?) throws {
            guard let extra else { return }
            guard case .object(let members)? = try? JSONValue.parse(extra) else {
                throw EncodingError.invalidValue(extra, EncodingError.Context(
                    codingPath: codingPath + [Key(stringValue: "extra")], debugDescription: "extra is not a JSON object"))
            }
            for (name, value) in members.sorted(by: { $0.key < $1.key }) where !written.contains(name) {
                try container.encode(value, forKey: Key(stringValue: name))
            }
        }

        /// Refuses a value that NDJSON v1 has no member for: the line would import as another value.
        func refuse(_ field: String, unless isDefault: Bool) throws {
            guard !isDefault else { return }
            throw EncodingError.invalidValue(field, EncodingError.Context(
                codingPath: codingPath + [Key(stringValue: field)],
                debugDescription: "\(field) has no NDJSON v1 member: the line would not import as this value"))
        }
    }
}

extension JSONValue: Encodable {
    /// Writes the value back as JSON, for the `extra` members of an NDJSON line.
    func encode(to encoder: any Encoder) throws {
        if case .object(let members) = self {
            // Members in key order whatever the encoder's settings: a dictionary's order changes
            // from run to run, and the importer keeps `extra` members as written.
            var object = encoder.container(keyedBy: NDJSONCoding.Key.self)
            for (name, value) in members.sorted(by: { $0.key < $1.key }) {
                try object.encode(value, forKey: NDJSONCoding.Key(stringValue: name))
            }
            return
        }
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let items): try container.encode(items)
        case .object: return  // written above
        case .unrepresentableNumber(let text):
            throw EncodingError.invalidValue(text, EncodingError.Context(
                codingPath: encoder.codingPath, debugDescription: "the number \(text) does not fit a double"))
        }
    }
}
