import Foundation
import GRDB
import Testing
@testable import CMGHistory

/// A chain file is a list of records like any other import: one block that is not a certificate
/// is rejected alone and the certificates around it are stored.
@Suite("Certificate files: one bad block in a chain")
struct CertificateChainRejectionTests {
    @Test func aBlockThatIsNotACertificateIsRejectedAndTheOthersStored() throws {
        // Given the server certificate, then a block whose base64 is garbage, then one cut short
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let pem = try String(contentsOfFile: try ExportFixtures.path("GraniteFalls.pem"), encoding: .utf8)
        let pemLines = pem.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).count
        let text = pem + "-----BEGIN CERTIFICATE-----\n!!!not base64!!!\n-----END CERTIFICATE-----\n"
            + "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
        let path = try folder.write("chain.pem", text)
        // When the file is imported
        let summary = try ExportImporter(store: store).importFile(at: path)
        // Then the good certificate is stored and each bad block is one rejection on its BEGIN line
        #expect(summary.inserted == 1)
        #expect(try store.read { try String.fetchAll($0, sql: "SELECT thumbprint FROM credential") } == [CertificateImportTests.serverThumbprint])
        #expect(summary.rejections.map(\.line) == [pemLines, pemLines + 3])
        #expect(summary.rejections.map(\.problem.message) == Array(repeating: "the PEM block is not an X.509 certificate", count: 2))
    }

    @Test func aFileOfOnlyBadBlocksIsStillUnreadable() throws {
        // Given a PEM file whose only block does not decode
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let path = try folder.write("bad.pem", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")
        // When it is imported, then the file is refused as a whole, naming the block's line
        #expect(throws: ImportError.unreadable(file: path, reason: "line 1: the PEM block is not an X.509 certificate")) {
            try ExportImporter(store: store).importFile(at: path)
        }
    }
}
