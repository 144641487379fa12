import Foundation

/// One rule of a rule file: which entries it picks out and the event it makes of them.
///
/// An entry matches when all the rule's conditions hold: its severity is at least
/// ``minimumSeverity``, its component and log are the ones named (when named), its message
/// contains one of the ``contains`` texts (ignoring ASCII case; a cheap test run before the
/// regex) and matches ``pattern``. The event keeps the regex's named captures as its fields;
/// a capture named `gateway` names the event's gateway.
public struct LogRule {
    /// Unique within a rule set; an event is keyed by its entry and its rule's name.
    public var name: String
    /// The event kind (`role_instance_state`, `certificate_expired`, …).
    public var kind: String
    /// The event's severity; nil takes the entry's.
    public var severity: LogSeverity?
    /// Entries less severe than this do not match.
    public var minimumSeverity: LogSeverity = .verbose
    /// A component name, compared without regard to case; nil for any.
    public var component: String?
    /// A log kind (``LogFileName/log``: `CloudMgr`, `CMGService`, …), compared without regard to case; nil for any.
    public var log: String?
    /// Texts the message must contain one of (lowercase ASCII bytes); empty for no such test.
    var contains: [[UInt8]] = []
    /// Text every match of ``pattern`` contains (``RegexLiteral``), tested like `contains`
    /// before the regex when the rule declares no `contains` of its own.
    var requiredLiteral: [UInt8]?
    /// The regular expression as written, and compiled. NSRegularExpression (ICU) rather than
    /// Swift `Regex`: on a CMG message it matched in 1.4 µs against Swift Regex's 8.3 µs
    /// (release build, Linux, Swift 6.3; see README, "Log rules").
    public var patternText: String?
    var pattern: NSRegularExpression?
    /// The pattern's named groups, which become the event's fields.
    var groupNames: [String] = []
    /// Where the rule was defined, for messages.
    public var source: String
    /// The line of the rule file that defines it.
    public var line: Int

    /// The event this rule makes of `entry`, or nil when it does not match.
    /// - parameter lowercased: the message's bytes with ASCII letters lowercased.
    func match(_ entry: LogEntry, log entryLog: String, lowercased: UnsafeBufferPointer<UInt8>) -> LogEventFields? {
        guard entry.severity >= minimumSeverity else { return nil }
        if let component, component.equalsIgnoringASCIICase(entry.component) == false { return nil }
        if let log, log.equalsIgnoringASCIICase(entryLog) == false { return nil }
        if !contains.isEmpty {
            let found = contains.contains { needle in
                needle.withUnsafeBufferPointer { ASCIISearch.contains(lowercased, $0) }
            }
            guard found else { return nil }
        } else if let requiredLiteral {
            let found = requiredLiteral.withUnsafeBufferPointer { ASCIISearch.contains(lowercased, $0) }
            guard found else { return nil }
        }
        var fields: [String: String] = [:]
        if let pattern {
            let message = entry.message
            guard let found = pattern.firstMatch(in: message, range: NSRange(message.startIndex..., in: message)) else { return nil }
            for name in groupNames {
                if let range = Range(found.range(withName: name), in: message) { fields[name] = String(message[range]) }
            }
        }
        return LogEventFields(rule: name, kind: kind, severity: severity ?? entry.severity, fields: fields)
    }
}

/// What a rule made of one entry.
struct LogEventFields: Equatable, Sendable {
    var rule: String
    var kind: String
    var severity: LogSeverity
    var fields: [String: String]

    /// The captured gateway, if the rule captured one.
    var gateway: String? { fields["gateway"].flatMap { $0.isEmpty ? nil : $0 } }

    /// The captures as a JSON object with sorted keys, or nil when there are none.
    var fieldsJSON: String? {
        guard !fields.isEmpty else { return nil }
        return "{" + fields.sorted { $0.key < $1.key }
            .map { "\(Fields.jsonString($0.key)):\(Fields.jsonString($0.value))" }
            .joined(separator: ",") + "}"
    }
}

extension String {
    /// Equality without regard to ASCII case, without Foundation.
    func equalsIgnoringASCIICase(_ other: String) -> Bool {
        guard utf8.count == other.utf8.count else { return false }
        return zip(utf8, other.utf8).allSatisfy { a, b in
            a == b || (a | 0x20 == b | 0x20 && (a | 0x20) &- UInt8(ascii: "a") < 26)
        }
    }
}
