import ArgumentParser
import CMGHistory

extension FindingLevel: ExpressibleByArgument {}

/// `--fail-on warning|critical`: exit status 3 when the report found something at that level, so
/// a scheduled check (Task Scheduler, Nagios/Icinga, a CI job) can alert on it.
struct FailOnOptions: ParsableArguments {
    /// The exit status of a report whose findings reached `--fail-on` (1 and 2 are errors).
    static let exitStatus: Int32 = 3

    @Option(name: .long, help: ArgumentHelp(
        "Exit with status 3 when a finding reaches this level: warning or critical (see the report's discussion). The report is printed either way; without it the status is 0.",
        valueName: "level"))
    var failOn: FindingLevel?

    /// Throws exit status 3 when `report` has a finding at or above `--fail-on`; call after printing.
    func check(_ report: some ReportWithFindings) throws {
        guard let failOn, FindingLevel.reached(failOn, by: report.findingLevels) else { return }
        throw ExitCode(Self.exitStatus)
    }
}
