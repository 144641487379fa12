import Foundation
import GRDB
import Testing
@testable import CMGHistory

/// Issue 11's secret reproductions: each input, what is stored, what is counted, what is printed.
@Suite("Secrets are never stored: nested names, free text, messages")
struct SecretImportTests {
    /// A frozen clock for log ingest.
    static let now: UnixSeconds = 1_790_900_000

    /// Every planted secret value of this suite; none may reach a database file or a message.
    static let planted = ["s3cr3t-nested", "hunter2-db", "PEM-BODY-LINE", "abc123-log", "AKIAxyz+StorageKey==",
                          "sig-9f8e7d", "tok3n-value", "Sec-CSV-Value", "task-pass-99", "eyJzdWIiOiJwbGFudGVkIn0"]

    static func expectNoPlantedSecret(in store: HistoryStore, _ comment: Comment? = nil) throws {
        for secret in planted {
            #expect(try !store.fileContains(secret), "\(secret) is in the database file or its WAL")
        }
    }

    // MARK: - NDJSON

    @Test func nestedSecretNamesAreDroppedAtEveryDepthAndInsideArrays() throws {
        // Given an operation whose extra nests secrets in objects and arrays
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let summary = try importNDJSON("""
            {"type":"operation","gateway":"G1","kind":"sync_config","requested_at":"2026-10-01T00:00:00Z","config":{"ClientSecret":"s3cr3t-nested","region":"WestUS","db":{"Password":"hunter2-db","host":"sql1"}},"keys":[{"PrivateKey":"PEM-BODY-LINE","KeyUsage":"DigitalSignature"}]}
            """, into: store, folder: folder)
        // Then the line is stored, the secret members counted as dropped, the rest kept
        #expect(summary.inserted == 1 && summary.rejected == 0)
        #expect(summary.droppedSecretFields == 3)
        let extra = try store.read { try String.fetchOne($0, sql: "SELECT extra FROM operation") }
        #expect(extra == #"{"config":{"region":"WestUS","db":{"host":"sql1"}},"keys":[{"KeyUsage":"DigitalSignature"}]}"#)
        try Self.expectNoPlantedSecret(in: store)
    }

    @Test func secretLookingValuesInFreeTextAreRedactedAndCounted() throws {
        // Given a note, a description and an extra string holding secret values
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let summary = try importNDJSON("""
            {"type":"operation","gateway":"G1","kind":"start","requested_at":"2026-10-01T00:00:00Z","note":"used AccountKey=AKIAxyz+StorageKey==; ok","link":"https://x.blob.core.windows.net/c?sv=1&sig=sig-9f8e7d&sp=r"}
            {"type":"status","gateway":"G1","at":"2026-10-01T00:05:00Z","state":"Error","description":"401 for Authorization: Bearer tok3n-value"}
            """, into: store, folder: folder)
        // Then both are stored with the values replaced, and the redactions counted
        #expect(summary.inserted == 2 && summary.redactedValues == 3)
        let (note, extra, description) = try store.read { db in
            (try String.fetchOne(db, sql: "SELECT note FROM operation"), try String.fetchOne(db, sql: "SELECT extra FROM operation"),
             try String.fetchOne(db, sql: "SELECT description FROM status_snapshot"))
        }
        #expect(note == "used AccountKey=[redacted]; ok")
        #expect(extra == #"{"link":"https://x.blob.core.windows.net/c?sv=1&sig=[redacted]&sp=r"}"#)
        #expect(description == "401 for Authorization: Bearer [redacted]")
        try Self.expectNoPlantedSecret(in: store)
        // And importing again stores and counts the same
        let again = try importNDJSON("""
            {"type":"operation","gateway":"G1","kind":"start","requested_at":"2026-10-01T00:00:00Z","note":"used AccountKey=AKIAxyz+StorageKey==; ok","link":"https://x.blob.core.windows.net/c?sv=1&sig=sig-9f8e7d&sp=r"}
            """, into: store, folder: folder, name: "again.ndjson")
        #expect(again.inserted == 0 && again.duplicates == 1)
    }

    @Test func aTypeErrorNeverQuotesANestedSecret() throws {
        // Given a note that is an object holding a password, and a PEM key where a time goes
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let summary = try importNDJSON("""
            {"type":"operation","gateway":"G1","kind":"start","requested_at":"2026-10-01T00:00:00Z","note":{"Password":"hunter2-db"}}
            {"type":"operation","gateway":"G1","kind":"start","requested_at":"-----BEGIN PRIVATE KEY-----PEM-BODY-LINE"}
            """, into: store, folder: folder)
        // Then both lines are rejected, naming the field, without the values
        #expect(summary.rejected == 2)
        let messages = summary.rejections.map(\.description)
        #expect(messages.first == #"\#(summary.file):1: field "note": {"Password":"[redacted]"} is not a string"#)
        #expect(messages.last?.hasPrefix(#"\#(summary.file):2: field "requested_at": "-----BEGIN PRIVATE KEY-----[redacted]"#) == true)
        for secret in Self.planted { #expect(!messages.joined().contains(secret)) }
    }

    // MARK: - Exports

    @Test func aNestedSecretInAnAzureServiceExportIsDroppedAndAPrivateKeyNeverQuoted() throws {
        // Given an SMS_AzureService export with Settings.ClientSecret nested, and a second gateway
        // whose ServiceCertificate holds only a PEM private key
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let path = try folder.write("cmg.json", """
            [{"ServiceCName":"G1.contoso.com","ServiceType":"CloudProxyService","State":0,"ExportedAt":"2026-10-01T00:00:00Z",
              "Settings":{"ClientSecret":"s3cr3t-nested","TenantName":"contoso"}},
             {"ServiceCName":"G2.contoso.com","ServiceType":"CloudProxyService","State":0,"ExportedAt":"2026-10-01T00:00:00Z",
              "ServiceCertificate":"-----BEGIN RSA PRIVATE KEY-----\\nPEM-BODY-LINE\\n-----END RSA PRIVATE KEY-----"}]
            """)
        let summary = try ExportImporter(store: store).importFile(at: path)
        // Then the first gateway is stored without the secret, the second rejected without the key
        #expect(summary.rejected == 1 && summary.droppedSecretFields == 1 && summary.redactedValues == 1)
        let extra = try store.read { try String.fetchOne($0, sql: "SELECT extra FROM gateway_config") }
        #expect(extra == #"{"Settings":{"TenantName":"contoso"}}"#)
        let message = try #require(summary.rejections.first?.description)
        #expect(message.contains(#"field "ServiceCertificate": ("#) && message.contains("bytes, not quoted)"))
        #expect(message.contains("is not a certificate"))
        #expect(!message.contains("PEM-BODY-LINE"))
        try Self.expectNoPlantedSecret(in: store)
    }

    @Test func dottedCSVColumnsAndTaskParametersAreDropped() throws {
        // Given a CSV export with a dotted secret column, and a task export with Params.Password
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let csv = try folder.write("cmg.csv", """
            "ServiceCName","ServiceType","State","ExportedAt","Settings.ClientSecret","Settings.Region"
            "G1.contoso.com","CloudProxyService","0","2026-10-01T00:00:00Z","Sec-CSV-Value","WestUS"
            """)
        let tasks = try folder.write("tasks.json", """
            [{"TaskID":41,"AzureServiceId":16777217,"SiteCode":"PS1","TaskTypeId":5,"TaskStateId":3,
              "TaskCreationTime":"2026-10-01T10:00:00Z","TaskEndTime":"2026-10-01T10:12:30Z",
              "Params":{"Password":"task-pass-99","Size":"A2"},"Params.Password":"task-pass-99"}]
            """)
        let first = try ExportImporter(store: store).importFile(at: csv)
        let second = try ExportImporter(store: store).importFile(at: tasks)
        // Then each is stored with its secrets dropped and counted
        #expect(first.rejected == 0 && first.droppedSecretFields == 1)
        #expect(second.rejected == 0 && second.droppedSecretFields == 2)
        let extras = try store.read { db in
            (try String.fetchOne(db, sql: "SELECT extra FROM gateway_config"),
             try String.fetchOne(db, sql: "SELECT extra FROM unlinked_operation UNION ALL SELECT extra FROM operation"))
        }
        #expect(extras.0 == #"{"Settings.Region":"WestUS"}"#)
        #expect(extras.1 == #"{"Params":{"Size":"A2"}}"#)
        try Self.expectNoPlantedSecret(in: store)
    }

    // MARK: - Logs

    @Test func aLogEntryKeepsItsOffsetAndStoresItsMessageRedacted() throws {
        // Given a log whose second entry holds a client secret and a bearer token
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let lines = [
            #"<![LOG[Starting token request]LOG]!><time="10:00:00.000+0" date="10-01-2026" component="CloudMgr" context="" type="1" thread="1" file="">"#,
            #"<![LOG[POST with ClientSecret=abc123-log and Authorization: Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJwbGFudGVkIn0.sig]LOG]!><time="10:00:01.000+0" date="10-01-2026" component="CloudMgr" context="" type="3" thread="1" file="">"#,
        ]
        let text = lines.joined(separator: "\r\n") + "\r\n"
        let path = try folder.write("CloudMgr.log", text)
        // When it is ingested
        let summary = try LogIngester(store: store, rules: try LogRuleSet.defaults(), now: Self.now).ingestFile(at: path)
        // Then the message is stored redacted, at the offset and length of the original line
        #expect(summary.counts.inserted == 2 && summary.redactedValues == 2)
        let row = try #require(try store.read { try Row.fetchOne($0, sql: "SELECT message, offset, length FROM log_entry ORDER BY offset DESC") })
        #expect(row["message"] as String == "POST with ClientSecret=[redacted] and Authorization: Bearer [redacted]")
        // And the offset and length still point at the entry in the file, which is left as it was
        let offset = Int(row["offset"] as Int64), length = Int(row["length"] as Int64)
        let original = String(decoding: Array(text.utf8)[offset..<(offset + length)], as: UTF8.self)
        #expect(original.hasPrefix("<![LOG[POST with ClientSecret=abc123-log") && original.hasSuffix(#"file="">"#))
        try Self.expectNoPlantedSecret(in: store)
    }
}

extension SecretImportTests {
    @Test func aNameHoldingASecretIsStoredRedactedOnEveryLine() throws {
        // Given endpoint traffic whose endpoint is a URL with a SAS signature, on two lines
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let line = #"{"type":"endpoint_traffic","gateway":"G1","endpoint":"/content?sv=1&sig=sig-9f8e7d","at":"2026-10-01T00:0%d:00Z","interval_s":60,"request_count":1,"request_bytes":1,"response_count":1,"response_bytes":1}"#
        let summary = try importNDJSON([1, 2].map { line.replacingOccurrences(of: "%d", with: String($0)) }.joined(separator: "\n"),
                                       into: store, folder: folder)
        // Then both are stored under the redacted name, and each line counts its redaction
        #expect(summary.inserted == 2 && summary.redactedValues == 2)
        let names = try store.read { try String.fetchAll($0, sql: "SELECT name FROM endpoint") }
        #expect(names == ["/content?sv=1&sig=[redacted]"])
        try Self.expectNoPlantedSecret(in: store)
    }
}
