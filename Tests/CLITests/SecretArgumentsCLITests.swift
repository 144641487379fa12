import Foundation
import Testing

/// Secrets that reach the binary outside any input file's content: arguments, file names, rule
/// files. None may be stored, or printed back on either stream.
@Suite("cmg-history never prints or stores a secret it was given as an argument or a name")
struct SecretArgumentsCLITests {
    static func bytes(_ url: URL) -> String {
        String(decoding: (try? Data(contentsOf: url)) ?? Data(), as: UTF8.self)
    }

    static func expectNoSecret(_ secrets: [String], in folder: ScratchFolder, database: String, output: String) {
        for secret in secrets {
            #expect(!output.contains(secret), "\(secret) printed:\n\(output)")
            for name in [database, database + "-wal"] {
                #expect(!bytes(folder.url.appendingPathComponent(name)).contains(secret), "\(secret) in \(name)")
            }
        }
    }

    @Test func credentialAddRedactsAPastedSecretInItsNameGatewayAndDates() throws {
        // Given an admin who pastes the secret where its name and gateway go
        let folder = try ScratchFolder()
        let add = try CLIRunner.run(["credential", "add", "--db", "h.sqlite", "--gateway", "G1 password=gw-arg-1", "--kind", "app_secret",
                                     "--name", "ClientSecret=name-arg-2", "--expires", "2027-06-01T00:00:00Z",
                                     "--renewed", "2026-05-20T09:30:00Z", "--create-gateway"], in: folder.url)
        // Then it is recorded, and says so with the values redacted
        #expect(add.status == 0, "\(add.stderr)")
        #expect(add.stdout.contains("Recorded ClientSecret=[redacted] (app_secret) of G1 password=[redacted]"), "\(add.stdout)")
        // And a date typed wrong is not quoted back either
        let bad = try CLIRunner.run(["credential", "add", "--db", "h.sqlite", "--gateway", "G1", "--kind", "app_secret",
                                     "--name", "x", "--expires", "password=exp-arg-3"], in: folder.url)
        #expect(bad.status == 64 && bad.stderr.contains("not password=[redacted]"), "\(bad.stderr)")
        // And neither the output, the expiry report nor the database holds any of them
        let expiry = try CLIRunner.run(["report", "expiry", "--db", "h.sqlite", "--format", "json"], in: folder.url)
        #expect(expiry.status == 0 && expiry.stdout.contains("ClientSecret=[redacted]"), "\(expiry.stderr)")
        Self.expectNoSecret(["gw-arg-1", "name-arg-2", "exp-arg-3"], in: folder, database: "h.sqlite",
                            output: add.stdout + add.stderr + bad.stdout + bad.stderr + expiry.stdout + expiry.stderr)
    }

    @Test func gatewayCommandsRedactASecretPastedWhereANameGoes() throws {
        // Given a gateway, and an admin who pastes secrets where gateway names and aliases go
        let folder = try ScratchFolder()
        try folder.write("h.ndjson", #"{"type":"status","gateway":"G1","at":"2026-10-01T00:00:00Z","state":"Ready"}"# + "\n")
        #expect(try CLIRunner.run(["ingest", "--db", "h.sqlite", "h.ndjson"], in: folder.url).status == 0)
        let commands: [[String]] = [
            ["gateway", "set", "G3 password=gw-set-1", "--vm-size", "Standard_A2_v2", "--create-gateway"],
            ["gateway", "set", "G3 password=gw-set-1", "--vm-size", "Standard_A2_v2", "--instances", "2"],
            ["gateway", "alias", "G1", "AccountKey=gw-alias-2"],
            ["gateway", "rename", "G1", "G1 password=gw-rename-3"],
            ["gateway", "merge", "G3 password=gw-set-1", "G1 password=gw-rename-3"],
            ["gateway", "list"],
        ]
        var output = ""
        for arguments in commands {
            // When each runs
            let result = try CLIRunner.run(arguments + ["--db", "h.sqlite"], in: folder.url)
            // Then it works on the names as stored, redacted, and says so with the values redacted
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            output += result.stdout + result.stderr
        }
        #expect(output.contains("G1 password=[redacted]") && output.contains("AccountKey=[redacted]"), "\(output)")
        Self.expectNoSecret(["gw-set-1", "gw-alias-2", "gw-rename-3"], in: folder, database: "h.sqlite", output: output)
    }

    @Test func errorsAboutArgumentsNeverQuoteTheSecretInThem() throws {
        // Given a database, and commands given secret-bearing arguments
        let folder = try ScratchFolder()
        try folder.write("h.ndjson", #"{"type":"online_clients","gateway":"G1","at":"2026-10-01T00:05:00Z","count":3}"# + "\n")
        #expect(try CLIRunner.run(["ingest", "--db", "h.sqlite", "h.ndjson"], in: folder.url).status == 0)
        let commands: [[String]] = [
            ["report", "capacity", "--db", "h.sqlite", "--month", "2026-10", "--gateway", "ClientSecret=arg-gw-1"],
            ["report", "capacity", "--db", "h.sqlite", "--month", "password=arg-month-2"],
            ["report", "capacity", "--db", "h.sqlite", "--month", "2026-10", "--format", "password=arg-format-3"],
            ["timeline", "--db", "h.sqlite", "--around", "AccountKey=arg-around-4"],
            ["report", "capacity", "--db", "logs/password=arg-path-5/h.sqlite", "--month", "2026-10"],
        ]
        for arguments in commands {
            // When each runs
            let result = try CLIRunner.run(arguments, in: folder.url)
            // Then it fails saying which argument is wrong, with the value redacted
            #expect(result.status != 0 && result.stderr.contains("[redacted]"), "\(arguments): \(result.stderr)")
            Self.expectNoSecret(["arg-gw-1", "arg-month-2", "arg-format-3", "arg-around-4", "arg-path-5"], in: folder,
                                database: "h.sqlite", output: result.stdout + result.stderr)
        }
    }

    @Test func aFileNamedWithASecretIsNamedRedactedInEveryLineAndStoredSo() throws {
        // Given an NDJSON file and a log whose names hold secrets, the first with a rejected line
        let folder = try ScratchFolder()
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("in"), withIntermediateDirectories: true)
        try folder.write("in/password=fname-1.ndjson", """
            {"type":"online_clients","gateway":"G1","at":"2026-10-01T00:05:00Z","count":3}
            {"type":"online_clients","gateway":"G1","at":"2026-10-01T00:10:00Z","count":-1}

            """)
        try folder.write("in/CloudMgr-ClientSecret=fname-2.log",
                         #"<![LOG[Plain]LOG]!><time="10:00:00.000+0" date="10-01-2026" component="CloudMgr" context="" type="1" thread="1" file="">"# + "\r\n")
        // When they are ingested by path
        let ingest = try CLIRunner.run(["ingest", "--db", "h.sqlite", "--include-all",
                                        "in/password=fname-1.ndjson", "in/CloudMgr-ClientSecret=fname-2.log"], in: folder.url)
        // Then the summaries and the rejection name the files redacted, and the database holds neither name
        #expect(ingest.status == 1, "\(ingest.stderr)")
        #expect(ingest.stderr.contains(#"in/password=[redacted]:2: field "count""#), "\(ingest.stderr)")
        #expect(ingest.stdout.contains("in/password=[redacted] (ndjson): 1 inserted"), "\(ingest.stdout)")
        #expect(ingest.stdout.contains("in/CloudMgr-ClientSecret=[redacted] (log CloudMgr-ClientSecret=[redacted]): 1 inserted"), "\(ingest.stdout)")
        let logs = try CLIRunner.run(["logs", "list", "--db", "h.sqlite", "--format", "json"], in: folder.url)
        #expect(logs.status == 0, "\(logs.stderr)")
        Self.expectNoSecret(["fname-1", "fname-2"], in: folder, database: "h.sqlite",
                            output: ingest.stdout + ingest.stderr + logs.stdout + logs.stderr)
    }

    @Test func aRuleFilesSecretNamedCapturesNameAndKindAreNotStored() throws {
        // Given a rule that captures a value into a group named password, named and kinded with secrets
        let folder = try ScratchFolder()
        try folder.write("my.rules", """
            [login_ClientSecret=rule-name-1]
            kind = password=rule-kind-2
            contains = login
            match = login (?<password>\\S+) as (?<user>\\S+)

            """)
        try folder.write("CloudMgr.log",
                         #"<![LOG[login rule-cap-3 as cm]LOG]!><time="10:00:00.000+0" date="10-01-2026" component="CloudMgr" context="" type="1" thread="1" file="">"# + "\r\n")
        // When the log is ingested with it
        let ingest = try CLIRunner.run(["ingest", "--db", "h.sqlite", "--rules", "my.rules", "CloudMgr.log"], in: folder.url)
        // Then the event is made, with the public capture kept and the secret one not stored
        #expect(ingest.status == 0 && ingest.stdout.contains("1 events"), "\(ingest.stdout)\(ingest.stderr)")
        let events = try CLIRunner.run(["logs", "events", "--db", "h.sqlite"], in: folder.url)
        #expect(events.status == 0 && events.stdout.contains("password=[redacted]"), "\(events.stdout)\(events.stderr)")
        #expect(events.stdout.contains(#"{"user":"cm"}"#) && !events.stdout.contains("rule-cap-3"), "\(events.stdout)")
        Self.expectNoSecret(["rule-name-1", "rule-kind-2"], in: folder, database: "h.sqlite",
                            output: ingest.stdout + ingest.stderr + events.stdout + events.stderr)
    }
}

extension SecretArgumentsCLITests {
    @Test func theBundleShowsAKeysBodyLinesRedactedThoughTheFileStillHoldsThem() throws {
        // Given a log whose private key came out as plain lines (its trailer does not parse)
        let folder = try ScratchFolder()
        try folder.write("SMS_CLOUD_SERVICES_MANAGER.log", [
            "ERROR: deploy failed  $$<SMS_CLOUD_SERVICES_MANAGER><10-08-2026 13:00:00.000+0><thread=1 (0x1)>",
            "dumping -----BEGIN RSA PRIVATE KEY-----",
            "MIIEowIBAAKCAQEAkeyLineOne0123456789abcdefghijklmnopqrstuvwxyzAB",
            "-----END RSA PRIVATE KEY-----  $$<SMS_CLOUD_SERVICES_MANAGER><10-08-2026 bad><thread=1 (0x1)>",
        ].joined(separator: "\n") + "\n")
        #expect(try CLIRunner.run(["ingest", "--db", "h.sqlite", "SMS_CLOUD_SERVICES_MANAGER.log"], in: folder.url).status == 0)
        // When a bundle is written around it
        let bundle = try CLIRunner.run(["timeline", "--db", "h.sqlite", "--around", "2026-10-08T13:00:00Z", "--window", "2h",
                                        "--min-severity", "info", "--bundle", "case"], in: folder.url)
        // Then the cited entries are in log-entries.txt, the body line as the marker
        #expect(bundle.status == 0, "\(bundle.stderr)")
        let entries = Self.bytes(folder.url.appendingPathComponent("case/log-entries.txt"))
        #expect(entries.contains("BEGIN RSA PRIVATE KEY") && entries.contains("[redacted]"), "\(entries)")
        for name in ["log-entries.txt", "timeline.html", "timeline.json", "extract.sqlite"] {
            #expect(!Self.bytes(folder.url.appendingPathComponent("case/" + name)).contains("keyLineOne"), "the key is in case/\(name)")
        }
    }
}
