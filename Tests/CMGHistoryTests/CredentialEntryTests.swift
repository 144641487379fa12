import Foundation
import GRDB
import Testing
@testable import CMGHistory

@Suite("Credentials entered by hand")
struct CredentialEntryTests {
    @Test func eachAppSecretRenewalIsARowAndARenewalOperation() throws {
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let gateway = "GraniteFalls.contoso.com"
        let first = CredentialEntry(gateway: gateway, kind: .appSecret, name: "CMG-ServerApp", expiresAt: try #require(Timestamp.parse("2026-06-01T00:00:00Z")))
        let renewal = CredentialEntry(gateway: gateway, kind: .appSecret, name: "CMG-ServerApp",
                                      expiresAt: try #require(Timestamp.parse("2027-06-01T00:00:00Z")),
                                      renewedAt: try #require(Timestamp.parse("2026-05-20T09:30:00Z")))
        let a = try store.importRecords(first.records, source: "credential add")
        let b = try store.importRecords(renewal.records, source: "credential add")
        let again = try store.importRecords(renewal.records, source: "credential add")
        #expect(a.inserted == 1 && b.inserted == 2 && again.duplicates == 2 && again.inserted == 0)
        let history = try store.read { try Row.fetchAll($0, sql: "SELECT expires_at, renewed_at FROM credential WHERE name = 'CMG-ServerApp' ORDER BY expires_at") }
        #expect(history.map { $0["renewed_at"] as Int64? } == [nil, Timestamp.parse("2026-05-20T09:30:00Z")])
        let op = try #require(try store.read { try Row.fetchOne($0, sql: "SELECT kind, outcome, note FROM operation") })
        #expect(op["kind"] as String == "renew_app_secret" && op["outcome"] as String == "succeeded")
        #expect(op["note"] as String == "CMG-ServerApp renewed; expires 2027-06-01T00:00:00Z")
    }
}
