import CMGHistory

/// A duration such as `6h`, `90m`, `2d` or `1h30m` (`timeline --window`).
struct DurationArgument: ArgumentValue, Equatable {
    /// Its length, at least one second.
    var seconds: Int64
    /// As typed.
    var text: String

    static func parse(_ text: String) throws -> DurationArgument {
        try decoded(TimelineRequest.seconds(text).map { DurationArgument(seconds: $0, text: text) },
                    "takes a duration like 6h, 90m, 2d or 1h30m, not \(SecretText.redacted(text)).")
    }

    var argumentText: String { text }
}

/// A number of days such as `60d` or `60` (`report expiry --within`).
struct DayCount: ArgumentValue, Equatable {
    /// 0 or more.
    var days: Int

    static func parse(_ text: String) throws -> DayCount {
        try decoded(PeriodBoundText.days(text).map(DayCount.init), "takes a number of days like 60d, not \(SecretText.redacted(text)).")
    }

    var argumentText: String { "\(days)d" }
}
