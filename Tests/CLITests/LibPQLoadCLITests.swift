import Foundation
import Testing

/// libpq is loaded when a PostgreSQL history is first opened, not linked: the binary does not
/// need it to start, a missing one is said in words, and a present one connects.
@Suite("libpq, loaded when PostgreSQL is asked for")
struct LibPQLoadCLITests {
    @Test func theBinaryStartsWithoutLibpqAndSaysWhenItIsMissing() throws {
        let folder = try ScratchFolder()
        let url = "postgres://u@127.0.0.1:1/x?schema=a"
        // Not a library the binary needs to start (the dynamic loader lists none of libpq's chain)
        #if os(Linux)
        let ldd = try CLIRunner.run(["ldd", CLIRunner.binary.path], in: folder.url, executable: URL(fileURLWithPath: "/usr/bin/env"))
        #expect(ldd.status == 0 && !ldd.stdout.contains("libpq") && !ldd.stdout.contains("libldap"), "\(ldd.stdout)")
        #endif
        // Missing: one line saying what to install; SQLite still works in the same process image
        let missing = try CLIRunner.run(["gateway", "list", "--db", url], in: folder.url, environment: ["CMG_LIBPQ": "/nonexistent/libpq.so.5"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "error: \(url): PostgreSQL connection error: libpq, PostgreSQL's client library, is not installed "
                + "(Debian: apt-get install libpq5; or set CMG_LIBPQ to its file)\n", "\(missing.stderr)")
        let sqlite = try CLIRunner.run(["demo", "--db", "h.sqlite", "--days", "2"], in: folder.url, environment: ["CMG_LIBPQ": "/nonexistent/libpq.so.5"])
        #expect(sqlite.status == 0, "\(sqlite.stderr)")
        // Present: libpq itself answers (no server on port 1)
        let refused = try CLIRunner.run(["gateway", "list", "--db", url], in: folder.url)
        #expect(refused.status == 2 && refused.stderr.contains("Connection refused"), "\(refused.stderr)")
    }
}
