import Foundation

/// Report values as JSON: sorted keys and snake_case names, so that the same value always gives
/// the same bytes (DESIGN §4: same database, same arguments → byte-identical output).
public enum JSONRender {
    /// `value` as indented JSON with sorted, snake_case keys and one trailing newline.
    public static func render<T: Encodable>(_ value: T) throws -> String {
        try JSONEncoding.text(value, .pretty, keys: .snakeCase) + "\n"
    }
}
