/// The findings of each report that `--fail-on` looks at (README, "Monitoring exit codes").
public protocol ReportWithFindings {
    /// The level of every finding in the report.
    var findingLevels: [FindingLevel] { get }
}

extension CapacityReport: ReportWithFindings {
    public var findingLevels: [FindingLevel] { gateways.flatMap { $0.findings.map(\.level) } }
}

extension AvailabilityReport: ReportWithFindings {
    public var findingLevels: [FindingLevel] { gateways.flatMap { $0.findings.map(\.level) } }
}

extension ExpiryReport: ReportWithFindings {
    /// Expired and critical credentials are critical, warning ones warnings.
    public var findingLevels: [FindingLevel] {
        credentials.compactMap { c in
            switch c.status {
            case .expired, .critical: .critical
            case .warning: .warning
            case .ok: nil
            }
        }
    }
}

/// When an availability report's figures are findings.
public enum AvailabilityPolicy {
    /// Unplanned availability under 99 % in the period is critical: in a 30-day month that is more
    /// than 7 h 12 min with internet clients cut off, a working day lost; any unplanned incident
    /// at all is a warning. Planned stops are neither.
    public static let criticalBelow = 0.99

    static func findings(_ f: AvailabilityFigures) -> [Finding] {
        var findings: [Finding] = []
        let unplanned = f.incidents.filter { !$0.planned }
        if let ongoing = unplanned.first(where: \.ongoing) {
            findings.append(Finding(level: .critical, message: "An unplanned incident is ongoing since \(ongoing.start)."))
        }
        if let ratio = f.unplannedRatio, ratio < criticalBelow {
            findings.append(Finding(level: .critical, message: "Unplanned availability \(NumberFormat.percent(ratio, places: 3)) is under \(NumberFormat.percent(criticalBelow, places: 0))."))
        }
        if !unplanned.isEmpty {
            findings.append(Finding(level: .warning, message: "\(unplanned.count) unplanned incident\(unplanned.count == 1 ? "" : "s") in the period."))
        }
        return findings
    }
}
