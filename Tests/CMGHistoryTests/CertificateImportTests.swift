import Foundation
import GRDB
import Testing
@testable import CMGHistory

@Suite("Certificate files")
struct CertificateImportTests {
    // What `openssl x509 -noout -fingerprint -sha1 -serial -dates` says of the fixtures.
    static let serverThumbprint = "930BCC5B2A9C24BCB22D9F6D8E4FD6245D4A6E82"
    static let rootThumbprint = "340A94557D26FA3F281F4C01DD5474A4F418EE6F"

    @Test(arguments: ["GraniteFalls.cer", "GraniteFalls.pem"])
    func aServerCertificateInDEROrPEMBecomesItsGatewaysCredential(fixture: String) throws {
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let summary = try ExportFixtures.importFixture(fixture, into: store)
        #expect(summary.format == "certificate" && summary.formatDetail == (fixture.hasSuffix(".cer") ? "DER" : "PEM"))
        #expect(summary.inserted == 1 && summary.exportTime == nil)
        let row = try #require(try store.read { try Row.fetchOne($0, sql: """
            SELECT g.name, c.* FROM credential c JOIN gateway g ON g.id = c.gateway_id
            """) })
        #expect(row["name"] as String == "GraniteFalls.contoso.com")
        #expect(row["kind"] as String == "server_certificate")
        #expect(row["subject"] as String == "CN=GraniteFalls.contoso.com, O=Contoso, C=US")
        #expect(row["issuer"] as String == "CN=Contoso Test Root CA, O=Contoso, C=US")
        #expect(row["thumbprint"] as String == Self.serverThumbprint)
        #expect(row["serial_number"] as String == "3A5F9C10")
        #expect(row["subject_alt_names"] as String == #"["DNS:GraniteFalls.contoso.com","DNS:GraniteFalls.cloudapp.net"]"#)
        #expect(row["not_before"] as Int64 == Timestamp.parse("2025-11-15T00:00:00Z"))
        #expect(row["expires_at"] as Int64 == Timestamp.parse("2026-11-15T00:00:00Z"))
        let again = try ExportFixtures.importFixture(fixture, into: store)
        #expect(again.inserted == 0 && again.duplicates == 1)
    }

    @Test func aChainFileWithCRLFImportsEveryCertificate() throws {
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let summary = try ExportFixtures.importFixture("GraniteFalls-chain.pem", into: store)
        #expect(summary.inserted == 2 && summary.rejected == 0)
        let rows = try store.read { try Row.fetchAll($0, sql: "SELECT kind, thumbprint, serial_number FROM credential ORDER BY expires_at") }
        #expect(rows.map { $0["kind"] as String } == ["server_certificate", "trusted_root_certificate"])
        #expect(rows.map { $0["thumbprint"] as String } == [Self.serverThumbprint, Self.rootThumbprint])
        #expect(rows[1]["serial_number"] as String == "1001")
    }

    @Test func aPFXIsRefusedWithAdviceAndAPrivateKeyBlockIsDroppedUnread() throws {
        let folder = try TemporaryFolder()
        let store = try folder.store()
        // A PKCS #12 header (SEQUENCE { INTEGER 3, … }), under a name that does not say .pfx
        let pfx = folder.path("cmg-export.bin")
        try Data([0x30, 0x82, 0x0A, 0x3C, 0x02, 0x01, 0x03, 0x30, 0x82, 0x09, 0xF8]).write(to: URL(fileURLWithPath: pfx))
        #expect(throws: ImportError.privateKeyFile(file: pfx)) {
            try ExportImporter(store: store).importFile(at: pfx, options: ExportImportOptions(format: .certificate))
        }
        #expect(ImportError.privateKeyFile(file: "cmg.pfx").description.contains("Export the public certificate instead"))
        // A PEM file with the key beside the certificate
        let pem = try String(contentsOfFile: try ExportFixtures.path("GraniteFalls.pem"), encoding: .utf8)
        let withKey = try folder.write("with-key.pem", pem + "-----BEGIN PRIVATE KEY-----\nTUlJRXZBSUJBREFOQmdrcWhraUc5dzBCQVFFRlNFQ1JFVC1LRVktQllURVM=\n-----END PRIVATE KEY-----\n")
        let summary = try ExportImporter(store: store).importFile(at: withKey)
        #expect(summary.inserted == 1 && summary.droppedSecretFields == 1)
        #expect(try !store.fileContains("TUlJRXZBSUJBREFOQmdrcWhraUc5dzBCQVFFRlNFQ1JFVC1LRVktQllURVM="))
        #expect(try !store.fileContains("SECRET-KEY-BYTES"))
    }

    @Test func aWildcardCertificateNeedsAGatewayWhenSeveralAreStored() throws {
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let onlyRoot = try folder.write("root.pem", try Self.rootPEM())
        #expect(throws: ImportError.gatewayNeeded(file: onlyRoot, reason: "the file holds only CA certificates, which name no gateway", known: [])) {
            try ExportImporter(store: store).importFile(at: onlyRoot)
        }
        let summary = try ExportImporter(store: store).importFile(at: onlyRoot, options: ExportImportOptions(gateway: "RiverBend.contoso.com"))
        #expect(summary.inserted == 1)
        #expect(try store.read { try String.fetchOne($0, sql: "SELECT kind FROM credential") } == "trusted_root_certificate")
    }

    static func rootPEM() throws -> String {
        let chain = try String(contentsOfFile: try ExportFixtures.path("GraniteFalls-chain.pem"), encoding: .utf8)
        let start = try #require(chain.range(of: "-----END CERTIFICATE-----"))
        return String(chain[start.upperBound...]).trimmingCharacters(in: .whitespacesAndNewlines) + "\n"
    }
}
