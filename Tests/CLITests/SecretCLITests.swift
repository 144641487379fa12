import Foundation
import Testing

/// Issue 11's secret reproductions end to end: what the binary stores, prints and bundles.
@Suite("cmg-history never stores or prints a secret")
struct SecretCLITests {
    /// Each planted value; none may appear in any output, bundle file or database byte.
    static let planted = ["s3cr3t-nested", "hunter2-db", "PEM-BODY-LINE", "abc123", "eyJzdWIiOiJwbGFudGVkIn0",
                          "Sec-Export-Value", "task-pass-99", "tok3n-in-note"]

    static let ndjson = """
        {"type":"status","gateway":"G1.contoso.com","at":"2026-10-08T13:30:00Z","state":"Ready"}
        {"type":"status","gateway":"G1.contoso.com","at":"2026-10-08T13:45:00Z","state":"Error","description":"Authorization: Bearer tok3n-in-note"}
        {"type":"operation","gateway":"G1.contoso.com","kind":"sync_config","requested_at":"2026-10-08T13:40:00Z","completed_at":"2026-10-08T13:41:00Z","outcome":"succeeded","note":"ClientSecret=abc123","config":{"ClientSecret":"s3cr3t-nested","db":{"Password":"hunter2-db"}},"keys":[{"PrivateKey":"PEM-BODY-LINE"}]}

        """
    static let export = """
        [{"ServiceCName":"G1.contoso.com","ServiceType":"CloudProxyService","AzureServiceID":"16777217","State":2,
          "ExportedAt":"2026-10-08T13:50:00Z","Settings":{"ClientSecret":"Sec-Export-Value","Region":"WestUS"}}]
        """
    static let tasks = """
        [{"TaskID":41,"AzureServiceId":"16777217","SiteCode":"PS1","TaskTypeId":5,"TaskStateId":3,
          "TaskCreationTime":"2026-10-08T13:55:00Z","TaskEndTime":"2026-10-08T13:58:00Z","Params":{"Password":"task-pass-99"}}]
        """
    static let log = [
        #"<![LOG[Token request for G1.contoso.com failed: ClientSecret=abc123 rejected]LOG]!><time="13:50:00.000+0" date="10-08-2026" component="CloudMgr" context="" type="3" thread="1" file="">"#,
        #"<![LOG[Retrying with Authorization: Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJwbGFudGVkIn0.sig]LOG]!><time="13:51:00.000+0" date="10-08-2026" component="CloudMgr" context="" type="3" thread="1" file="">"#,
    ].joined(separator: "\r\n") + "\r\n"

    static func expectClean(_ text: String, _ what: String) {
        for secret in planted { #expect(!text.contains(secret), "\(secret) in \(what)") }
    }

    static func bytes(_ url: URL) -> String {
        String(decoding: (try? Data(contentsOf: url)) ?? Data(), as: UTF8.self)
    }

    @Test func theIssuesExamplesLeaveNoSecretInTheDatabaseTheTimelineOrTheBundle() throws {
        // Given NDJSON, two exports and a log, each holding secrets as the issue found them
        let folder = try ScratchFolder()
        try folder.write("history.ndjson", Self.ndjson)
        try folder.write("cmg.json", Self.export)
        try folder.write("tasks.json", Self.tasks)
        try folder.write("CloudMgr.log", Self.log)
        // When they are ingested
        let ingest = try CLIRunner.run(["ingest", "--db", "h.sqlite", "history.ndjson", "cmg.json", "tasks.json", "CloudMgr.log"], in: folder.url)
        // Then every line is stored, and the summary counts what was dropped and redacted
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(ingest.stdout.contains("history.ndjson (ndjson): 3 inserted, 0 duplicates, 0 rejected, 3 secret fields dropped, 2 secret values redacted"))
        #expect(ingest.stdout.contains("cmg.json (azure-service)") && ingest.stdout.contains("1 secret fields dropped"))
        #expect(ingest.stdout.contains("CloudMgr.log (log CloudMgr): 2 inserted, 0 duplicates") && ingest.stdout.contains("2 secret values redacted"))
        Self.expectClean(ingest.stdout + ingest.stderr, "the ingest output")

        // And no timeline format prints a value, while the text says what was redacted
        let window = ["--db", "h.sqlite", "--around", "2026-10-08T14:00:00Z", "--window", "4h", "--min-severity", "info"]
        for format in ["text", "json", "markdown", "html"] {
            let timeline = try CLIRunner.run(["timeline"] + window + ["--format", format], in: folder.url)
            #expect(timeline.status == 0, "\(format): \(timeline.stderr)")
            #expect(timeline.stdout.contains("[redacted]"), "\(format) shows no redacted entry:\n\(timeline.stdout)")
            Self.expectClean(timeline.stdout + timeline.stderr, "timeline --format \(format)")
        }
        let logs = try CLIRunner.run(["logs", "list", "--db", "h.sqlite", "--format", "json"], in: folder.url)
        #expect(logs.status == 0 && logs.stdout.contains("ClientSecret=[redacted]"), "\(logs.stderr)")
        Self.expectClean(logs.stdout, "logs list")

        // And the bundle's files hold none, though the log file itself is still as written
        let bundle = try CLIRunner.run(["timeline"] + window + ["--bundle", "case"], in: folder.url)
        #expect(bundle.status == 0, "\(bundle.stderr)")
        let entries = Self.bytes(folder.url.appendingPathComponent("case/log-entries.txt"))
        #expect(entries.contains("ClientSecret=[redacted]") && entries.contains("Authorization: Bearer [redacted]"))
        for name in ["timeline.html", "timeline.json", "log-entries.txt", "extract.sqlite", "extract.sqlite-wal"] {
            Self.expectClean(Self.bytes(folder.url.appendingPathComponent("case/" + name)), "case/" + name)
        }
        #expect(Self.bytes(folder.url.appendingPathComponent("CloudMgr.log")) == Self.log)

        // And no byte of the database or its write-ahead log holds a planted value
        for name in ["h.sqlite", "h.sqlite-wal"] {
            Self.expectClean(Self.bytes(folder.url.appendingPathComponent(name)), name)
        }
    }

    @Test func aRejectedPrivateKeyIsNeverQuoted() throws {
        // Given an export whose ServiceCertificate is a PEM private key
        let folder = try ScratchFolder()
        try folder.write("cmg.json", """
            {"ServiceCName":"G1.contoso.com","ServiceType":"CloudProxyService","State":0,"ExportedAt":"2026-10-08T13:50:00Z",
             "ServiceCertificate":"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANPEM-BODY-LINE\\n-----END PRIVATE KEY-----"}
            """)
        // When it is ingested
        let result = try CLIRunner.run(["ingest", "--db", "h.sqlite", "cmg.json"], in: folder.url)
        // Then the row is rejected with exit 1, naming the field, on one line, without the key
        #expect(result.status == 1)
        #expect(result.stderr.contains(#"cmg.json:1: field "ServiceCertificate": ("#) && result.stderr.contains(" bytes, not quoted) is not a certificate"),
                "\(result.stderr)")
        Self.expectClean(result.stdout + result.stderr, "the rejection")
    }
}
