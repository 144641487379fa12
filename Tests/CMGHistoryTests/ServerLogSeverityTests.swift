import Testing
@testable import CMGHistory

@Suite("Server-format logs: the severity CMTrace would colour a line with")
struct ServerLogSeverityTests {
    @Test(arguments: [
        ("Deployment instance status for service X is ReadyRole.", LogSeverity.info),
        ("ERROR: TaskManager: Task [x] has failed.", .error),
        ("Task [x] has Failed", .error),
        ("a WARNING first, then an error", .error),
        ("a warning, then half a word: fai", .warning),
        ("Warn", .warning),
        ("ends in erro", .info),
        ("ends in fai", .info),
        ("ends in war", .info),
        ("Erroneous", .info),
        ("", .info),
    ])
    func aLineTakesTheMostSevereWordItHolds(_ message: String, _ expected: LogSeverity) {
        // Given a server-format entry with this message
        let bytes = Array((message + "  $$<SMS_CLOUD_SERVICES_MANAGER><10-01-2026 08:00:01.000-60><thread=7 (0x7)>\r\n").utf8)
        // When it is parsed
        let entries = LogParser.entries(in: bytes)
        // Then its severity is the most severe of "error"/"fail", "warn", or info
        #expect(entries.map(\.severity) == [expected])
    }
}
