import ArgumentParser
import CMGHistory

/// "Did you mean …?" for a mistyped command, and for a mistyped option that ArgumentParser does
/// not name because a missing required option is reported first.
enum CommandSuggestion {
    /// The line for the first word of `arguments` that names no subcommand of the group it
    /// follows, or nil when every command word is known.
    static func unknownCommand(in arguments: [String], root: ParsableCommand.Type) -> String? {
        var current = root
        var path = [name(of: root)]
        for word in arguments {
            let children = current.configuration.subcommands
            if word.hasPrefix("-") || children.isEmpty || word == "help" { return nil }
            if let child = children.first(where: { names(of: $0).contains(word) }) {
                current = child
                path.append(name(of: child))
                continue
            }
            let known = children.filter { $0.configuration.shouldDisplay }.map(name(of:))
            // The word is what was typed: shown, never obeyed, by the terminal.
            var line = "unknown command '\(VisibleText.escape(word))'."
            if let best = closest(to: word, among: known) {
                line += " Did you mean '\(best)'?"
            } else {
                line += " Commands of \(path.joined(separator: " ")): \(known.joined(separator: ", "))."
            }
            return line + "\nSee '\(path.joined(separator: " ")) --help' for more information."
        }
        return nil
    }

    /// The line for the first `--option` in `arguments` that the command they reach does not take.
    static func unknownOption(in arguments: [String], root: ParsableCommand.Type) -> String? {
        let command = leaf(of: arguments, root: root)
        let known = optionNames(of: command)
        for word in arguments where word.hasPrefix("--") && word.count > 2 {
            let option = String(word.prefix { $0 != "=" })
            if known.contains(option) { continue }
            var line = "Unknown option '\(VisibleText.escape(option))'."
            if let best = closest(to: option, among: known.sorted()) { line += " Did you mean '\(best)'?" }
            return line
        }
        return nil
    }

    /// The command the words of `arguments` lead to.
    static func leaf(of arguments: [String], root: ParsableCommand.Type) -> ParsableCommand.Type {
        var current = root
        for word in arguments {
            guard let child = current.configuration.subcommands.first(where: { names(of: $0).contains(word) }) else { break }
            current = child
        }
        return current
    }

    /// Every long option `command` takes, hidden ones too, as its help's option list spells them.
    ///
    /// Read from the list, not the usage line: ArgumentParser shortens a long usage line to
    /// `[<options>]`, which would make every option look unknown.
    static func optionNames(of command: ParsableCommand.Type) -> Set<String> {
        var names: Set<String> = ["--help", "--version"]
        for line in command.helpMessage(includeHidden: true, columns: 10_000).split(separator: "\n") {
            let trimmed = line.drop { $0 == " " }
            guard trimmed.hasPrefix("-") else { continue }
            // The names end where the help text begins, after a run of spaces.
            let head = trimmed.range(of: "  ").map { trimmed[..<$0.lowerBound] } ?? trimmed
            for word in head.split(whereSeparator: { $0 == " " || $0 == "," }) where word.hasPrefix("--") {
                names.insert(String(word.prefix { $0.isLetter || $0.isNumber || $0 == "-" }))
            }
        }
        return names
    }

    static func name(of command: ParsableCommand.Type) -> String {
        command.configuration.commandName ?? String(describing: command).lowercased()
    }

    static func names(of command: ParsableCommand.Type) -> [String] {
        [name(of: command)] + command.configuration.aliases
    }

    /// The candidate nearest to `word`, when near enough to be a slip: at most a third of its
    /// letters (and at least one) away, counting a swap of neighbours as one edit.
    static func closest(to word: String, among candidates: [String]) -> String? {
        let limit = max(1, word.count / 3)
        let scored = candidates.map { ($0, editDistance(word.lowercased(), $0.lowercased())) }.filter { $0.1 <= limit }
        return scored.min { $0.1 < $1.1 }?.0
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions and transpositions.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
