import CMGHistory

/// An RFC 3339 instant typed as an option (`--at`, `--expires`, `--as-of`, `--now`, `logs --from`),
/// within the range the store keeps.
struct InstantArgument: ArgumentValue, Equatable {
    /// The instant.
    var seconds: UnixSeconds
    /// As typed, for messages that quote it (redacted where they print it).
    var text: String

    init(_ seconds: UnixSeconds) {
        self.seconds = seconds
        text = Timestamp.format(seconds)
    }

    private init(seconds: UnixSeconds, text: String) {
        self.seconds = seconds
        self.text = text
    }

    static func parse(_ text: String) throws -> InstantArgument {
        guard let instant = Timestamp.parse(text) else {
            throw OptionValueError.refusing("must be an RFC 3339 instant such as 2026-10-01T00:00:00Z, not \(SecretText.redacted(text)).")
        }
        guard ValueLimits.isStorable(instant) else {
            throw OptionValueError.refusing("\(SecretText.redacted(text)) is out of range \(ValueLimits.instantLimitText).")
        }
        return InstantArgument(seconds: instant, text: text)
    }

    var argumentText: String { text }
}
