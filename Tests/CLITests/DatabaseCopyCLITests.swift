import Foundation
import Testing

/// `cmg-history db copy --from SRC --to DST`.
@Suite("cmg-history db copy")
struct DatabaseCopyCLITests {
    static let samples = (0..<36).map { step in
        #"{"type":"online_clients","gateway":"G1.contoso.com","at":"2026-10-01T\#(String(format: "%02d", step / 12)):\#(String(format: "%02d", step % 12 * 5)):00Z","count":\#(100 + step)}"#
    }.joined(separator: "\n") + "\n"

    @Test func aCopyIsCheckedAndASecondRunCopiesNothing() throws {
        // Given a history
        let folder = try ScratchFolder()
        _ = try folder.write("in.ndjson", Self.samples)
        #expect(try CLIRunner.run(["ingest", "--db", "h.sqlite", "in.ndjson"], in: folder.url).status == 0)

        // When it is copied twice into a new database
        let first = try CLIRunner.run(["db", "copy", "--from", "h.sqlite", "--to", "c.sqlite"], in: folder.url)
        let second = try CLIRunner.run(["db", "copy", "--from", "h.sqlite", "--to", "c.sqlite", "--format", "json"], in: folder.url)

        // Then the first copies the samples and says the reports match; the second adds nothing
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("online_clients_sample    36          36\n"), "\(first.stdout)")
        #expect(first.stdout.contains("capacity reports of 1 month are identical"))
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains(#""copied_rows" : 0"#) && !second.stdout.contains(#""copied_rows" : 36"#), "\(second.stdout)")
        // And the copy answers reports as the source does
        func capacity(_ db: String) throws -> String {
            try CLIRunner.run(["report", "capacity", "--month", "2026-10", "--format", "json", "--reproducible", "--db", db],
                              in: folder.url).stdout
        }
        #expect(try capacity("c.sqlite") == capacity("h.sqlite"))
        #expect(try capacity("c.sqlite").contains(#""peak" : 135"#))
    }

    @Test func aDestinationHoldingAnotherHistoryIsRefused() throws {
        // Given two histories of different gateways
        let folder = try ScratchFolder()
        _ = try folder.write("in.ndjson", Self.samples)
        _ = try folder.write("other.ndjson", Self.samples.replacingOccurrences(of: "G1.contoso.com", with: "Other.fabrikam.com"))
        _ = try CLIRunner.run(["ingest", "--db", "h.sqlite", "in.ndjson"], in: folder.url)
        _ = try CLIRunner.run(["ingest", "--db", "o.sqlite", "other.ndjson"], in: folder.url)

        // When one is copied into the other, then it is refused with the reason
        let copy = try CLIRunner.run(["db", "copy", "--from", "h.sqlite", "--to", "o.sqlite"], in: folder.url)
        #expect(copy.status != 0)
        #expect(copy.stderr.contains("cannot copy h.sqlite to o.sqlite: the destination holds gateway Other.fabrikam.com"), "\(copy.stderr)")
    }
}
