import Foundation

/// Report values as JSON: sorted keys and snake_case names, so that the same value always gives
/// the same bytes (DESIGN §4: same database, same arguments → byte-identical output).
public enum JSONRender {
    public static func render<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}
