import Foundation
import GRDB
import Testing
@testable import CMGHistory

/// Secrets planted where the first round of redaction did not look: a status's state text,
/// PowerShell Name/Value pairs in NDJSON, a rejected certificate's bytes, a log trailer's
/// attributes, a log file's name, a credential typed by hand.
@Suite("Secrets are never stored from any field")
struct SecretEveryFieldTests {
    static let now: UnixSeconds = 1_790_900_000

    @Test func aStatusTextIsRedactedBeforeItIsStoredOrComparedInAConflict() throws {
        // Given a status whose unknown state text holds a client secret, and a conflicting line
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let summary = try importNDJSON("""
            {"type":"status","gateway":"G1","at":"2026-10-01T00:00:00Z","state":"Upgrading ClientSecret=state-sec-1"}
            {"type":"status","gateway":"G1","at":"2026-10-01T00:00:00Z","state":"Error"}
            """, into: store, folder: folder)
        // Then the state is stored redacted, counted, and the conflict message quotes no secret
        #expect(summary.inserted == 1 && summary.conflicts == 1 && summary.redactedValues == 1)
        let state = try store.read { try String.fetchOne($0, sql: "SELECT state FROM status_snapshot") }
        #expect(state == "Upgrading ClientSecret=[redacted]")
        let conflict = try #require(summary.conflictList.first?.description)
        #expect(conflict.contains("ClientSecret=[redacted]") && !conflict.contains("state-sec-1"))
        #expect(try !store.fileContains("state-sec-1"))
    }

    @Test func powerShellNameValuePairsInNDJSONExtraLoseTheirSecretValue() throws {
        // Given a credential whose extra holds a WMI-style Properties array with a secret pair
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let summary = try importNDJSON("""
            {"type":"credential","gateway":"G1","kind":"app_secret","name":"CMG-App","expires_at":"2027-01-01T00:00:00Z","Properties":[{"Name":"ClientSecret","Value":"ps-pair-1"},{"Name":"Region","Value":"WestUS"}],"deep":{"x":[{"Key":"StorageAccountKey","Value":"ps-pair-2"}]}}
            """, into: store, folder: folder)
        // Then the line is stored without either Value, and each counted once as dropped
        #expect(summary.inserted == 1 && summary.droppedSecretFields == 2)
        let extra = try store.read { try String.fetchOne($0, sql: "SELECT extra FROM credential") }
        #expect(extra == #"{"Properties":[{"Name":"ClientSecret"},{"Name":"Region","Value":"WestUS"}],"deep":{"x":[{"Key":"StorageAccountKey"}]}}"#)
        #expect(try !store.fileContains("ps-pair-1") && !store.fileContains("ps-pair-2"))
    }

    @Test func aSecretInAnExportsPropertiesArrayIsCountedOnce() throws {
        // Given an admin-service object whose Properties array holds one secret pair
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let path = try folder.write("cmg.json", """
            {"value":[{"ServiceCName":"G1.contoso.com","ServiceType":"CloudProxyService","State":0,"ExportedAt":"2026-10-01T00:00:00Z",
              "Properties":[{"Name":"ClientSecret","Value":"ps-pair-3"},{"Name":"Region","Value":"WestUS"}]}]}
            """)
        // When it is imported
        let summary = try ExportImporter(store: store).importFile(at: path)
        // Then one secret field is dropped, not two, and the region is still read from the pair
        #expect(summary.rejected == 0 && summary.droppedSecretFields == 1)
        let region = try store.read { try String.fetchOne($0, sql: "SELECT region FROM gateway_config") }
        #expect(region == "WestUS")
        #expect(try !store.fileContains("ps-pair-3"))
    }

    @Test func aServiceCertificateThatIsNotOneIsNotQuoted() throws {
        // Given an export whose ServiceCertificate is base64 of a PKCS #8 private key, not a certificate
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let key = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCkeyBytes"
        let path = try folder.write("cmg.json", """
            [{"ServiceCName":"G1.contoso.com","ServiceType":"CloudProxyService","State":0,"ExportedAt":"2026-10-01T00:00:00Z","ServiceCertificate":"\(key)"}]
            """)
        // When it is imported
        let summary = try ExportImporter(store: store).importFile(at: path)
        // Then the row is rejected naming the field and the size, and no byte of the key is printed
        let message = try #require(summary.rejections.first?.description)
        #expect(message == #"cmg.json:1: field "ServiceCertificate": (\#(key.utf8.count) bytes, not quoted) is not a certificate (base64 DER or PEM)"#
                || message.hasSuffix(#":1: field "ServiceCertificate": (\#(key.utf8.count) bytes, not quoted) is not a certificate (base64 DER or PEM)"#))
        #expect(!message.contains("MIIEvQ"))
        #expect(try !store.fileContains("CkeyBytes"))
    }

    @Test func aLogTrailersComponentAndFileAndTheLogsFileNameAreRedacted() throws {
        // Given a CMTrace log named with a secret, whose trailer attributes hold secrets too
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let line = #"<![LOG[Plain message]LOG]!><time="10:00:00.000+0" date="10-01-2026" component="CloudMgr password=comp-pw-1" context="" type="1" thread="1" file="a.cpp AccountKey=file-key-2;">"#
        let path = try folder.write("CloudMgr-ClientSecret=name-sec-3.log", line + "\r\n")
        // When it is ingested
        let summary = try LogIngester(store: store, rules: try LogRuleSet.defaults(), now: Self.now).ingestFile(at: path)
        // Then the entry is stored with both attributes redacted and counted
        #expect(summary.counts.inserted == 1 && summary.redactedValues == 2)
        let row = try #require(try store.read { try Row.fetchOne($0, sql: "SELECT component, source_file FROM log_entry") })
        #expect(row["component"] as String == "CloudMgr password=[redacted]")
        #expect(row["source_file"] as String == "a.cpp AccountKey=[redacted];")
        // And no byte of the database holds any of the three values, the file name's included
        for secret in ["comp-pw-1", "file-key-2", "name-sec-3"] {
            #expect(try !store.fileContains(secret), "\(secret) is stored")
        }
    }

    @Test func aCredentialEnteredByHandHasItsNameAndGatewayRedacted() throws {
        // Given a credential whose name is a pasted secret, as `credential add --name` gets it
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let entry = CredentialEntry(gateway: "G1 password=gw-pw-1", kind: .appSecret, name: "ClientSecret=name-sec-4",
                                    expiresAt: 1_800_000_000, renewedAt: 1_790_000_000)
        // When it is recorded
        let summary = try store.importRecords(entry.records, source: "credential add")
        // Then the name and the gateway are kept redacted, in the credential and its renewal note
        #expect(summary.inserted == 2 && entry.name == "ClientSecret=[redacted]" && entry.gateway == "G1 password=[redacted]")
        #expect(try !store.fileContains("name-sec-4") && !store.fileContains("gw-pw-1"))
    }
}

extension SecretEveryFieldTests {
    @Test func aCertificatesSubjectIssuerAndAlternativeNamesAreRedacted() throws {
        // Given a certificate whose requester typed secrets into its organisation, unit and a SAN URI
        let folder = try TemporaryFolder()
        let store = try folder.store()
        // When it is imported
        let summary = try ExportFixtures.importFixture("certificate-secret-subject.pem", into: store)
        // Then its credential is stored with the names redacted, and no byte of the database holds a value
        #expect(summary.inserted == 1 && summary.rejected == 0)
        let subject = try #require(try store.read { try String.fetchOne($0, sql: "SELECT subject FROM credential") })
        #expect(subject.contains("password=[redacted]") && subject.contains("AccountKey=[redacted]"), "\(subject)")
        for secret in ["cert-subj-1", "cert-ou-2", "cert-san-3"] {
            #expect(try !store.fileContains(secret), "\(secret) is stored")
        }
    }
}

extension SecretEveryFieldTests {
    /// A server-format entry holding a private key, whose trailer does not parse: its lines come
    /// out as plain entries, one a line, and the key's body lines hold nothing the redactor sees alone.
    static let keyWithBadTrailer = [
        "ERROR: deploy failed  $$<SMS_CLOUD_SERVICES_MANAGER><10-08-2026 13:00:00.000+0><thread=1 (0x1)>",
        "dumping -----BEGIN RSA PRIVATE KEY-----",
        "MIIEowIBAAKCAQEAkeyLineOne0123456789abcdefghijklmnopqrstuvwxyzAB",
        "keyLineTwo0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQR",
        "-----END RSA PRIVATE KEY-----  $$<SMS_CLOUD_SERVICES_MANAGER><10-08-2026 bad><thread=1 (0x1)>",
        "after the key  $$<SMS_CLOUD_SERVICES_MANAGER><10-08-2026 13:01:00.000+0><thread=1 (0x1)>",
    ].joined(separator: "\n") + "\n"

    @Test func aPrivateKeySplitIntoPlainLinesIsRedactedLineByLine() throws {
        // Given that log
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let path = try folder.write("SMS_CLOUD_SERVICES_MANAGER.log", Self.keyWithBadTrailer)
        // When it is ingested
        let summary = try LogIngester(store: store, rules: try LogRuleSet.defaults(), now: Self.now).ingestFile(at: path)
        // Then every line is an entry, the body lines are stored as the marker, the key counted once
        let messages = try store.read { try String.fetchAll($0, sql: "SELECT message FROM log_entry ORDER BY offset") }
        #expect(summary.counts.inserted == 6 && summary.redactedValues == 1, "\(messages)")
        #expect(messages.count == 6 && messages[2] == "[redacted]" && messages[3] == "[redacted]")
        #expect(messages[4].hasPrefix("-----END RSA PRIVATE KEY-----") && messages[5] == "after the key")
        #expect(try !store.fileContains("keyLineOne") && !store.fileContains("keyLineTwo"))
    }
}

extension SecretEveryFieldTests {
    @Test func aMemberWhoseNameIsSecretLookingTextIsDropped() throws {
        // Given extra members and CSV columns whose names, not values, hold the secrets
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let summary = try importNDJSON("""
            {"type":"status","gateway":"G1","at":"2026-10-01T00:00:00Z","state":"Ready","eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.key-jwt-1abc":1,"kept":2}
            {"type":"status","gateway":"G1","at":"2026-10-01T00:01:00Z","state":"Ready","x":{"AccountKey=key-name-2;foo":1,"y":3}}
            """, into: store, folder: folder)
        // (Another gateway than G1: G1.contoso.com would fold G1 into it, moving its statuses.)
        let csv = try folder.write("cmg.csv", """
            "ServiceCName","ServiceType","State","ExportedAt","url?sig=key-col-3","Region"
            "G2.contoso.com","CloudProxyService","0","2026-10-01T00:00:00Z","a","WestUS"
            """)
        let export = try ExportImporter(store: store).importFile(at: csv)
        // Then the lines are stored without those members, each counted as dropped
        #expect(summary.inserted == 2 && summary.droppedSecretFields == 2)
        #expect(export.rejected == 0 && export.droppedSecretFields == 1)
        let extras = try store.read { try String.fetchAll($0, sql: "SELECT extra FROM status_snapshot WHERE extra IS NOT NULL ORDER BY at") }
        #expect(extras == [#"{"kept":2}"#, #"{"x":{"y":3}}"#])
        for secret in ["key-jwt-1", "key-name-2", "key-col-3"] {
            #expect(try !store.fileContains(secret), "\(secret) is stored")
        }
    }
}
