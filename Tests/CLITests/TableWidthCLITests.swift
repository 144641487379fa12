import Foundation
import Testing

/// Tables fit the terminal's width (COLUMNS stands in for a terminal here); a pipe, or
/// `--wide`, gets every cell whole.
@Suite("cmg-history tables and the terminal's width")
struct TableWidthCLITests {
    static func longestLine(_ text: String) -> Int {
        text.split(separator: "\n", omittingEmptySubsequences: false).map(\.count).max() ?? 0
    }

    static func timelineDatabase() throws -> ScratchFolder {
        let folder = try ScratchFolder()
        try folder.write("story.ndjson", TimelineCLITests.story())
        #expect(try CLIRunner.run(["ingest", "--db", "h.sqlite", "story.ndjson"], in: folder.url).status == 0)
        return folder
    }

    @Test func theTimelineFitsEightyColumnsAndWideOrAPipeGivesItWhole() throws {
        // Given a timeline wider than 80 columns
        let folder = try Self.timelineDatabase()
        let args = ["timeline", "--db", "h.sqlite", "--around", "2026-10-08T14:00:00Z", "--window", "4h", "--tz", "Europe/Berlin", "--reproducible"]
        // When it is printed at 80 columns, at 80 with --wide, and to a pipe with no width
        let narrow = try CLIRunner.run(args, in: folder.url, environment: ["COLUMNS": "80"])
        let wide = try CLIRunner.run(args + ["--wide"], in: folder.url, environment: ["COLUMNS": "80"])
        let piped = try CLIRunner.run(args, in: folder.url)
        // Then every line of the narrow one fits, one line per item, saying what was cut
        #expect(narrow.status == 0, "\(narrow.stderr)")
        #expect(Self.longestLine(narrow.stdout) <= 80, "\(narrow.stdout)")
        #expect(narrow.stdout.contains("…"))
        #expect(narrow.stdout.contains("Columns cut to fit 80 characters; --wide shows them whole."))
        let items = piped.stdout.split(separator: "\n").filter { $0.hasPrefix("  2026-10-08 ") }.count
        #expect(items > 5 && narrow.stdout.split(separator: "\n").filter { $0.hasPrefix("  2026-10-08 ") }.count == items)
        // And --wide and the pipe are the same full text, wider than 80, with the evidence column
        #expect(wide.stdout == piped.stdout)
        #expect(Self.longestLine(piped.stdout) > 80 && piped.stdout.contains("evidence") && !piped.stdout.contains("Columns cut"))
        #expect(piped.stdout.contains("1. [credential] app secret App expired 7 min before the incident started"))
    }

    @Test func logsListNeverCutsAMessageWhenPipedAndFitsATerminal() throws {
        // Given a log entry with a 300-character message and a second line
        let folder = try ScratchFolder()
        let long = "Deployment detail " + String(repeating: "abcdefghij", count: 30)
        try folder.write("CloudMgr.log", "\(long)  $$<SMS_CLOUD_SERVICES_MANAGER><10-02-2026 01:00:00.000+240><thread=100 (0x64)>\r\n")
        #expect(try CLIRunner.run(["ingest", "--db", "h.sqlite", "CloudMgr.log"], in: folder.url).status == 0)
        // When it is listed to a pipe, and at 100 columns
        let piped = try CLIRunner.run(["logs", "list", "--db", "h.sqlite"], in: folder.url)
        let narrow = try CLIRunner.run(["logs", "list", "--db", "h.sqlite"], in: folder.url, environment: ["COLUMNS": "100"])
        let wide = try CLIRunner.run(["logs", "list", "--db", "h.sqlite", "--wide"], in: folder.url, environment: ["COLUMNS": "100"])
        // Then the pipe has the whole message, the terminal a cut one that fits, --wide the whole again
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(piped.stdout.contains(long) && !piped.stdout.contains("…"))
        #expect(Self.longestLine(narrow.stdout) <= 100 && narrow.stdout.contains("Deployment detail abc") && narrow.stdout.contains("…"))
        #expect(wide.stdout == piped.stdout)
    }

    @Test func reportTablesCutNamesNeverFiguresAndAPipeGetsThemWhole() throws {
        // Given a certificate with a long subject and an incident with a long description
        let folder = try ScratchFolder()
        let subject = "CN=GraniteFalls.contoso.com, OU=Cloud Management Gateway, O=Contoso Ltd, L=Redmond, C=US"
        try folder.write("a.ndjson", """
            {"type":"credential","gateway":"GraniteFalls.contoso.com","kind":"server_certificate","subject":"\(subject)","thumbprint":"3A5F9C1022AABBCCDDEEFF001122334455667788","expires_at":"2026-11-15T00:00:00Z"}
            {"type":"status","gateway":"GraniteFalls.contoso.com","at":"2026-10-01T00:00:00Z","state":"Ready"}
            {"type":"status","gateway":"GraniteFalls.contoso.com","at":"2026-10-01T00:05:00Z","state":"Error","description":"The Azure AD app secret has expired. Renew the secret key in the Azure portal and then in the console."}
            {"type":"status","gateway":"GraniteFalls.contoso.com","at":"2026-10-01T00:10:00Z","state":"Ready"}

            """)
        #expect(try CLIRunner.run(["ingest", "--db", "h.sqlite", "a.ndjson"], in: folder.url).status == 0)
        let expiry = ["report", "expiry", "--db", "h.sqlite", "--as-of", "2026-10-01T00:00:00Z", "--reproducible"]
        let availability = ["report", "availability", "--db", "h.sqlite", "--from", "2026-10-01", "--to", "2026-10-02", "--reproducible"]
        for args in [expiry, availability] {
            // When each is printed at 80 columns, with --wide, and to a pipe
            let narrow = try CLIRunner.run(args, in: folder.url, environment: ["COLUMNS": "80"])
            let wide = try CLIRunner.run(args + ["--wide"], in: folder.url, environment: ["COLUMNS": "80"])
            let piped = try CLIRunner.run(args, in: folder.url)
            // Then the tables fit with names cut and figures whole; --wide and the pipe keep every cell
            #expect(narrow.status == 0, "\(narrow.stderr)")
            let tableLines = narrow.stdout.split(separator: "\n").filter { $0.hasPrefix("  ") }
            #expect(tableLines.allSatisfy { $0.count <= 80 }, "\(narrow.stdout)")
            #expect(narrow.stdout.contains("…") && wide.stdout == piped.stdout && !piped.stdout.contains("…"))
        }
        let narrowExpiry = try CLIRunner.run(expiry, in: folder.url, environment: ["COLUMNS": "80"]).stdout
        #expect(narrowExpiry.contains("  WARNING         45  2026-11-15T00:00:00Z  ") && !narrowExpiry.contains("thumbprint"), "\(narrowExpiry)")
        #expect(try CLIRunner.run(expiry, in: folder.url).stdout.contains(subject + "  3A5F9C1022AABBCCDDEEFF001122334455667788"))
        let narrowAvailability = try CLIRunner.run(availability, in: folder.url, environment: ["COLUMNS": "80"]).stdout
        #expect(narrowAvailability.contains("5 min") && narrowAvailability.contains("The Azure AD"))
    }

    @Test func aWidthThatIsNoNumberOrTooSmallIsIgnored() throws {
        let folder = try Self.timelineDatabase()
        let args = ["timeline", "--db", "h.sqlite", "--around", "2026-10-08T14:00:00Z", "--reproducible"]
        let piped = try CLIRunner.run(args, in: folder.url)
        for columns in ["wide", "0", "-5", "99999999999999999999"] {
            // Given a COLUMNS that is not a plausible width / Then the output is the pipe's
            let result = try CLIRunner.run(args, in: folder.url, environment: ["COLUMNS": columns])
            #expect(result.status == 0 && result.stdout == piped.stdout, "\(columns)")
        }
    }
}
