import ArgumentParser
import CMGHistory

/// An option that takes an RFC 3339 instant (`--at`, `--expires`, `--renewed`).
enum InstantOption {
    /// `text` as an instant, or a ValidationError naming `option`, an example and the stored range.
    static func parse(_ text: String, option: String, example: String) throws -> UnixSeconds {
        guard let instant = Timestamp.parse(text) else {
            throw ValidationError("\(option) must be an RFC 3339 instant such as \(example), not \(SecretText.redacted(text)).")
        }
        guard ValueLimits.isStorable(instant) else {
            throw ValidationError("\(option) \(SecretText.redacted(text)) is out of range \(ValueLimits.instantLimitText).")
        }
        return instant
    }
}
