import ArgumentParser

/// A value an option takes, decoded once where ArgumentParser reads it.
///
/// Unlike `ExpressibleByArgument`, whose failable initializer can only say "invalid", a parse
/// here throws an ``OptionValueError`` saying why (`must be 5m, 1h, 1d, 1w or 1mo, not 2x.`);
/// ArgumentParser names the flag. `@Option var bucket: TrendBucket = .day` reads with the
/// initializers below, which print the default in the help as ArgumentParser does for the others.
protocol ArgumentValue: SendableMetatype {
    /// Decodes `text` as typed on the command line.
    /// - throws: ``OptionValueError`` with a reason that reads after the flag's name.
    static func parse(_ text: String) throws -> Self

    /// The value as it would be typed: the `(default: …)` of the help.
    var argumentText: String { get }
}

extension Option where Value: ArgumentValue {
    /// An option with a default, shown in the help.
    init(wrappedValue: Value, name: NameSpecification = .long, help: ArgumentHelp) {
        var help = help
        help.abstract += " (default: \(wrappedValue.argumentText))"
        self.init(wrappedValue: wrappedValue, name: name, help: help, transform: { try Value.parse($0) })
    }

    /// A required option.
    init(name: NameSpecification = .long, help: ArgumentHelp) {
        self.init(name: name, help: help, transform: { try Value.parse($0) })
    }
}

extension Option {
    /// An option that may be left out.
    init<T: ArgumentValue>(name: NameSpecification = .long, help: ArgumentHelp) where Value == T? {
        self.init(name: name, help: help, transform: { try T.parse($0) })
    }
}

extension ArgumentValue {
    /// `value` when the text decoded to one, else an ``OptionValueError`` with `reason`.
    static func decoded(_ value: Self?, _ reason: @autoclosure () -> String) throws -> Self {
        guard let value else { throw OptionValueError.refusing(reason()) }
        return value
    }
}

extension ArgumentValue where Self: RawRepresentable, RawValue == String {
    var argumentText: String { rawValue }
}
