/// Something a report found that needs action, with how urgent it is: what `--fail-on` turns
/// into exit status 3 for Task Scheduler, Nagios/Icinga or a CI job.
public struct Finding: Sendable, Equatable, Codable {
    public var level: FindingLevel
    public var message: String

    public init(level: FindingLevel, message: String) {
        self.level = level
        self.message = message
    }
}

/// How urgent a finding is: `warning` needs action soon, `critical` now.
public enum FindingLevel: String, Sendable, Codable, CaseIterable, Comparable {
    case warning, critical

    public static func < (a: FindingLevel, b: FindingLevel) -> Bool { a == .warning && b == .critical }

    /// Whether any of `findings` is at `level` or above.
    public static func reached(_ level: FindingLevel, by findings: [FindingLevel]) -> Bool {
        findings.contains { $0 >= level }
    }
}
