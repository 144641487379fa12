import ArgumentParser
import Foundation

/// Why an option's value was refused where ArgumentParser decoded it.
///
/// The reason reads after the flag's name (`must be 5m, 1h, … not 2x.`, `2026-13 is not a month
/// like 2026-10`), so the message printed is `error: --bucket must be …`: the flag is named by
/// ArgumentParser, which knows which one was typed, never by the parser of the value.
struct OptionValueError: Error, LocalizedError, CustomStringConvertible {
    /// The sentence after the flag's name.
    var reason: String

    var description: String { reason }
    var errorDescription: String? { reason }

    /// The reason of the last value refused. Parsing runs on one thread and stops at the first
    /// refusal, so this is the one ArgumentParser's message quotes.
    nonisolated(unsafe) static var lastRefused: String?

    /// Records `reason` as the last refusal and returns the error to throw.
    static func refusing(_ reason: String) -> OptionValueError {
        lastRefused = reason
        return OptionValueError(reason: reason)
    }

    /// ArgumentParser's `Error: The value 'V' is invalid for '--flag <name>': REASON` made the
    /// tool's `error: --flag REASON`; any other message comes back unchanged.
    ///
    /// The value is not cut out of the message: it may hold `': `, so the reason is matched
    /// whole from the end of the first line, as recorded when it was thrown.
    static func condensed(_ message: String, reason: String? = lastRefused) -> String {
        guard let reason, message.hasPrefix("Error: The value '") else { return message }
        let lines = message.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        let first = String(lines[0])
        let tail = "': " + reason
        guard first.hasSuffix(tail) else { return message }
        // What is left ends `… is invalid for '--flag <name>`, or `'--flag` for a hidden option
        // (no value name): the flag is the last word that is not the value name.
        let words = first.dropLast(tail.count).split(separator: " ")
        guard let last = words.last else { return message }
        let word = last.hasPrefix("<") && words.count >= 2 ? words[words.count - 2] : last
        let flag = word.drop(while: { $0 == "'" })
        guard flag.hasPrefix("-") else { return message }
        let rest = lines.count > 1 ? "\n" + lines[1] : ""
        return "Error: \(flag) \(reason)" + rest
    }
}

extension ArgumentHelp {
    /// Help for an option decoded by a transform, which ArgumentParser prints no default for:
    /// `(default: VALUE)` is added as ArgumentParser adds it to the others, so the help reads the same.
    static func defaulting(_ abstract: String, to value: String, discussion: String = "", valueName: String) -> ArgumentHelp {
        ArgumentHelp(abstract + " (default: \(value))", discussion: discussion, valueName: valueName)
    }
}
