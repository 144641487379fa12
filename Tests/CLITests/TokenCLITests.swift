import Foundation
import Testing

/// `cmg-history token …`: a token is written once to a file only its owner reads, and never
/// printed by any other command.
@Suite("cmg-history token")
struct TokenCLITests {
    func run(_ arguments: [String], _ folder: ScratchFolder) throws -> CLIRunner.Result {
        try CLIRunner.run(arguments + ["--db", "h.sqlite"], in: folder.url)
    }

    @Test func createWritesAnOwnerOnlyFileListNeverShowsTheTokenAndRevokeEndsIt() throws {
        // Given a history
        let folder = try ScratchFolder()
        #expect(try run(["demo", "--days", "2"], folder).status == 0)

        // When a token is created into a file
        let created = try run(["token", "create", "--name", "sccm01-collector", "--scope", "ingest", "--out", "sccm01.token"], folder)

        // Then the file holds the token, mode 600, and the output names the file, not the token
        #expect(created.status == 0, "\(created.stderr)")
        let path = folder.url.appendingPathComponent("sccm01.token").path
        let token = try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .newlines)
        #expect(token.hasPrefix("cmgh_") && token.count == 48)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(created.stdout == "token sccm01-collector (scope ingest) written to sccm01.token\n")

        // And list shows its name, scope and dates only
        let listed = try run(["token", "list"], folder)
        #expect(listed.status == 0 && listed.stdout.contains("sccm01-collector  ingest"), "\(listed.stdout)")
        #expect(!listed.stdout.contains(token) && !listed.stdout.contains(String(token.dropFirst(5).prefix(12))))

        // And a second token of the same name, a bad scope or name, are refused with one line each
        let again = try run(["token", "create", "--name", "sccm01-collector", "--scope", "read", "--out", "-"], folder)
        #expect(again.status == 2 && again.stderr == "error: a token named 'sccm01-collector' exists already (names stay taken after a revoke)\n")
        let scope = try run(["token", "create", "--name", "x", "--scope", "root", "--out", "-"], folder)
        #expect(scope.status == 64 && scope.stderr.contains("must be read, ingest or admin, not root"), "\(scope.stderr)")
        let name = try run(["token", "create", "--name", "a b", "--scope", "read", "--out", "-"], folder)
        #expect(name.status == 2 && name.stderr.contains("is not 1 to 64 letters"), "\(name.stderr)")

        // When it is revoked, list says when
        let revoked = try run(["token", "revoke", "--name", "sccm01-collector"], folder)
        #expect(revoked.status == 0 && revoked.stdout.hasPrefix("token sccm01-collector revoked at "), "\(revoked.stderr)")
        #expect(try run(["token", "list"], folder).stdout.split(separator: "\n").last?.hasSuffix("never      -") == false)
        #expect(try run(["token", "revoke", "--name", "nobody"], folder).stderr == "error: no token is named 'nobody'\n")
    }

    @Test func aTokenToStandardOutputIsPrintedOnlyWhenAskedFor() throws {
        let folder = try ScratchFolder()
        let created = try run(["token", "create", "--name", "dashboard", "--scope", "read", "--out", "-"], folder)
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.hasPrefix("cmgh_") && created.stdout.count == 49 && created.stderr.isEmpty)
    }
}
