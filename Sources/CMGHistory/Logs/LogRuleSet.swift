import Foundation

/// The rules that turn log entries into events: the shipped defaults, plus the user's.
///
/// A rule file is plain text, one block per rule:
///
/// ```
/// # Comments start with #. Blank lines are ignored.
/// [role_instance_state]
/// kind = role_instance_state
/// severity = info
/// log = CloudMgr
/// contains = Deployment instance status for service
/// match = Deployment instance status for service (?<gateway>\S+) is (?<state>[A-Za-z]+)Role\b
/// ```
///
/// `[name]` starts a rule. Keys: `kind` (required), `match` (a regular expression, written as is,
/// no quoting; named groups become the event's fields), `contains` (a plain text the message must
/// contain, ignoring case; repeat the key for alternatives), `severity` and `min_severity`
/// (`verbose`, `info`, `warning`, `error`), `component`, `log`. A rule needs `match`, `contains`
/// or `min_severity`. A user rule with a default rule's name replaces it.
public struct LogRuleSet {
    /// The rules, in the order they are tried.
    public private(set) var rules: [LogRule]

    /// A rule set of `rules`.
    public init(rules: [LogRule] = []) {
        self.rules = rules
    }

    /// The rules shipped inside the binary (``DefaultLogRules``).
    public static func defaults() throws(LogRuleError) -> LogRuleSet {
        try parse(DefaultLogRules.text, source: "<default rules>")
    }

    /// Adds `other`'s rules; one with the name of an existing rule replaces it.
    public mutating func merge(_ other: LogRuleSet) {
        for rule in other.rules {
            if let index = rules.firstIndex(where: { $0.name == rule.name }) {
                rules[index] = rule
            } else {
                rules.append(rule)
            }
        }
    }

    /// Every event the rules make of `entry`, in rule order.
    func events(for entry: LogEntry, log: String) -> [LogEventFields] {
        var events: [LogEventFields] = []
        var message = entry.message
        var lowered: [UInt8] = []
        message.withUTF8 { ASCIISearch.lowercased($0, into: &lowered) }
        lowered.withUnsafeBufferPointer { lowercased in
            // By index: `for rule in rules` copies each rule, retaining its every reference.
            for index in rules.indices {
                if let event = rules[index].match(entry, log: log, lowercased: lowercased) { events.append(event) }
            }
        }
        return events
    }

    // MARK: - Reading rule files

    /// Parses rule-file text; `source` names it in errors.
    public static func parse(_ text: String, source: String) throws(LogRuleError) -> LogRuleSet {
        var rules: [LogRule] = []
        var current: LogRule?
        func finish() throws(LogRuleError) {
            guard let rule = current else { return }
            if rule.kind.isEmpty {
                throw LogRuleError(file: source, line: rule.line, field: "kind", value: rule.name, reason: "is missing: every rule needs `kind = …`")
            }
            if rule.pattern == nil, rule.contains.isEmpty, rule.minimumSeverity == .verbose {
                throw LogRuleError(file: source, line: rule.line, field: "match", value: rule.name,
                                   reason: "is missing: a rule needs `match`, `contains` or `min_severity`, or it would match every entry")
            }
            if rules.contains(where: { $0.name == rule.name }) {
                throw LogRuleError(file: source, line: rule.line, field: "name", value: rule.name, reason: "is defined twice in this file")
            }
            rules.append(rule)
            current = nil
        }
        var number = 0
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            number += 1
            let line = rawLine.trimmingASCIISpaces
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]"), line.count > 2 else {
                    throw LogRuleError(file: source, line: number, field: "name", value: String(line), reason: "is not a rule name in brackets, like [certificate_expired]")
                }
                try finish()
                let name = String(line.dropFirst().dropLast().trimmingASCIISpaces)
                guard !name.isEmpty, name.utf8.count <= 100, name.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
                    throw LogRuleError(file: source, line: number, field: "name", value: name, reason: "must be 1 to 100 printable ASCII characters without spaces")
                }
                current = LogRule(name: SecretText.redacted(name), kind: "", source: source, line: number)
                continue
            }
            guard let equals = line.firstIndex(of: "=") else {
                throw LogRuleError(file: source, line: number, field: "", value: String(line), reason: "is not `key = value` or `[rule name]`")
            }
            let key = line[..<equals].trimmingASCIISpaces.lowercased()
            let value = String(line[line.index(after: equals)...].trimmingASCIISpaces)
            guard current != nil else {
                throw LogRuleError(file: source, line: number, field: key, value: value, reason: "comes before any [rule name]")
            }
            try apply(key: key, value: value, to: &current!, source: source, line: number)
        }
        try finish()
        return LogRuleSet(rules: rules)
    }

    private static func apply(key: String, value: String, to rule: inout LogRule, source: String, line: Int) throws(LogRuleError) {
        func severity() throws(LogRuleError) -> LogSeverity {
            guard let severity = LogSeverity(name: value) else {
                throw LogRuleError(file: source, line: line, field: key, value: value, reason: "is not a severity (verbose, info, warning, error or 0–3)")
            }
            return severity
        }
        switch key {
        case "kind":
            guard !value.isEmpty, value.utf8.count <= 100 else {
                throw LogRuleError(file: source, line: line, field: key, value: value, reason: "must be 1 to 100 characters")
            }
            // Stored with every event it makes: a rule file is input like a log (DESIGN §5).
            rule.kind = SecretText.redacted(value)
        case "severity": rule.severity = try severity()
        case "min_severity": rule.minimumSeverity = try severity()
        case "component": rule.component = value
        case "log": rule.log = value
        case "contains":
            guard !value.isEmpty else { throw LogRuleError(file: source, line: line, field: key, value: value, reason: "is empty") }
            rule.contains.append(value.utf8.map { $0 &- UInt8(ascii: "A") < 26 ? $0 | 0x20 : $0 })
        case "match":
            do {
                rule.pattern = try NSRegularExpression(pattern: value)
                rule.patternText = value
                // A capture named like a secret (`(?<password>\S+)`) would store what it names: it
                // still has to match, but becomes no field.
                rule.groupNames = Self.groupNames(in: value).filter { !SecretFieldPolicy.isSecret(fieldName: $0) }
                rule.requiredLiteral = RegexLiteral.required(in: value)
            } catch {
                throw LogRuleError(file: source, line: line, field: key, value: value, reason: "is not a valid regular expression")
            }
        default:
            throw LogRuleError(file: source, line: line, field: key, value: value,
                               reason: "is not a rule key (kind, match, contains, severity, min_severity, component, log)")
        }
    }
}

extension LogRuleSet {
    /// The names of `(?<name>…)` groups in a pattern, in order.
    static func groupNames(in pattern: String) -> [String] {
        var names: [String] = []
        var rest = pattern[...]
        while let open = rest.firstRange(of: "(?<") {
            let after = rest[open.upperBound...]
            let name = after.prefix { $0.isASCII && ($0.isLetter || $0.isNumber) }
            if !name.isEmpty, after.dropFirst(name.count).first == ">" { names.append(String(name)) }
            rest = after
        }
        return names
    }
}

/// A rule file that cannot be used, with the place at fault.
public struct LogRuleError: Error, Equatable, CustomStringConvertible {
    /// The file (or source) it came from.
    public var file: String
    /// The 1-based line in that file.
    public var line: Int
    /// The field at fault.
    public var field: String
    /// The value at fault, as written.
    public var value: String
    /// What is wrong with it.
    public var reason: String

    /// The message, as a sentence an admin can act on.
    public var description: String {
        let what = field.isEmpty ? "\"\(value)\"" : "\(field) \"\(value)\""
        return "\(file):\(line): \(what) \(reason)"
    }
}

extension Substring {
    var trimmingASCIISpaces: Substring {
        var s = self
        while let first = s.first, first == " " || first == "\t" || first == "\r" { s = s.dropFirst() }
        while let last = s.last, last == " " || last == "\t" || last == "\r" { s = s.dropLast() }
        return s
    }
}
