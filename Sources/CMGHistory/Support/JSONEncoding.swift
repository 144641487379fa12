import Foundation

/// The one JSON encoder setup for everything the library and the tool write as JSON: report
/// values, log listings, database facts and NDJSON v1 lines.
///
/// Keys are sorted and slashes left unescaped, so the same value always gives the same bytes
/// (DESIGN §4: same database, same arguments → byte-identical output); instants are Unix
/// seconds (``UnixSeconds``) or RFC 3339 text the values format themselves, never `Date`.
package enum JSONEncoding {
    /// How the output is laid out.
    package enum Layout: Sendable {
        /// Indented, one member per line: report and database documents.
        case pretty
        /// One line: NDJSON records and the elements of a listing.
        case compact
    }

    /// How member names are written.
    package enum Keys: Sendable {
        /// Swift property names turned into `snake_case` (report values).
        case snakeCase
        /// As the type's coding keys spell them (types that name their members).
        case asDeclared
    }

    /// A new encoder configured for `layout` and `keys`.
    package static func encoder(_ layout: Layout, keys: Keys) -> JSONEncoder {
        let encoder = JSONEncoder()
        var formatting: JSONEncoder.OutputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        if layout == .pretty { formatting.insert(.prettyPrinted) }
        encoder.outputFormatting = formatting
        if keys == .snakeCase { encoder.keyEncodingStrategy = .convertToSnakeCase }
        encoder.dateEncodingStrategy = .secondsSince1970
        encoder.nonConformingFloatEncodingStrategy = .throw
        return encoder
    }

    /// `value` as JSON text in `layout`, with `keys`.
    package static func text<T: Encodable>(_ value: T, _ layout: Layout, keys: Keys) throws -> String {
        String(decoding: try encoder(layout, keys: keys).encode(value), as: UTF8.self)
    }
}
