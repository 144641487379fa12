import Foundation
import Testing

/// `cmg-history serve` as a process: it says where it listens once it does, and SIGTERM stops
/// it cleanly.
@Suite("cmg-history serve")
struct ServeCLITests {
    @Test func itPrintsThePortItListensOnAndStopsOnSIGTERM() throws {
        #if os(Linux) || os(macOS)
        let folder = try ScratchFolder()
        #expect(try CLIRunner.run(["token", "create", "--name", "t", "--scope", "read", "--out", "t.token", "--db", "h.sqlite"], in: folder.url).status == 0)
        let served = try ServedHistory(["--db", "h.sqlite", "--spool-dir", folder.url.path], in: folder.url)

        // When it has started, its first line names the port
        #expect(served.firstLine.hasPrefix("cmg-history serve: listening on 127.0.0.1:"), "\(served.firstLine)")
        #expect(served.port > 0)

        // When SIGTERM comes, it exits 0 within a few seconds
        #expect(served.stop())
        if !served.process.isRunning { #expect(served.process.terminationStatus == 0) }
        #endif
    }

    @Test func aBadListenAddressIsRefusedBeforeAnythingOpens() throws {
        let folder = try ScratchFolder()
        for address in ["8080", "host:99999", ":8080", "127.0.0.1:port"] {
            let result = try CLIRunner.run(["serve", "--listen", address, "--db", "h.sqlite"], in: folder.url)
            #expect(result.status == 64 && result.stderr.contains("--listen must"), "\(address): \(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("h.sqlite").path))
        // A spool folder that is not there is said at once, with exit 2
        let spool = try CLIRunner.run(["serve", "--listen", "127.0.0.1:0", "--spool-dir", "no-such-folder", "--db", "h.sqlite"], in: folder.url)
        #expect(spool.status == 2 && spool.stderr == "error: --spool-dir no-such-folder is not a folder this user can write to\n", "\(spool.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("h.sqlite").path))
    }
}
