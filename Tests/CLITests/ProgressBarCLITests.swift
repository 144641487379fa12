import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The import progress bar: on a terminal's standard error for NDJSON and exports, as for logs;
/// nothing when standard error is a pipe.
@Suite("cmg-history ingest progress")
struct ProgressBarCLITests {
    /// 6,000 online-client samples: more lines than one progress report covers.
    static func samples() -> String {
        (0..<6000).map { i in
            let time = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: 1_790_000_000 + TimeInterval(i * 300)))
            return #"{"type":"online_clients","gateway":"G1","at":"\#(time)","count":\#(i)}"#
        }.joined(separator: "\n") + "\n"
    }

    /// Runs the binary with standard error on a pseudo-terminal; returns what the terminal showed.
    static func runOnTerminal(_ arguments: [String], in folder: URL, environment: [String: String]) throws -> (status: Int32, terminal: String) {
        #if os(Windows)
        return (0, "")
        #else
        let (master, name) = try Self.openTerminal()
        let slave = open(name, O_RDWR | O_NOCTTY)
        try #require(slave >= 0)
        let process = Process()
        process.executableURL = CLIRunner.binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "CMG_HISTORY_DB")
        env.merge(environment) { $1 }
        process.environment = env
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
        let box = Captured()
        let reader = Thread {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = read(master, &buffer, buffer.count)
                if count <= 0 { break }  // EIO once the last writer closes the terminal
                box.data.append(contentsOf: buffer[0..<count])
            }
            box.done.signal()
        }
        reader.start()
        try process.run()
        process.waitUntilExit()
        close(slave)
        _ = box.done.wait(timeout: .now() + 10)
        close(master)
        return (process.terminationStatus, String(decoding: box.data, as: UTF8.self))
        #endif
    }

    /// A pseudo-terminal's controlling side and the path of its terminal side.
    static func openTerminal() throws -> (Int32, String) {
        #if canImport(Darwin)
        let master = posix_openpt(O_RDWR | O_NOCTTY)
        try #require(master >= 0 && grantpt(master) == 0 && unlockpt(master) == 0)
        return (master, try #require(ptsname(master).map { String(cString: $0) }))
        #else
        // Glibc's module hides posix_openpt and friends; /dev/ptmx with its two ioctls is what
        // they do on Linux (TIOCSPTLCK 0x40045431 unlocks, TIOCGPTN 0x80045430 names /dev/pts/N;
        // the same numbers on x86_64 and arm64).
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        try #require(master >= 0)
        var unlock: Int32 = 0
        var number: UInt32 = 0
        try #require(ioctl(master, UInt(0x4004_5431), &unlock) == 0 && ioctl(master, UInt(0x8004_5430), &number) == 0)
        return (master, "/dev/pts/\(number)")
        #endif
    }

    private final class Captured: @unchecked Sendable {
        var data = Data()
        let done = DispatchSemaphore(value: 0)
    }

    @Test func anNDJSONImportShowsFilesMegabytesAndRecordsPerSecondOnATerminal() throws {
        // Given an NDJSON file, and no second of grace before the bar shows
        let folder = try ScratchFolder()
        try folder.write("samples.ndjson", Self.samples())
        // When it is imported with standard error on a terminal
        let (status, terminal) = try Self.runOnTerminal(["ingest", "--db", "h.sqlite", "samples.ndjson"], in: folder.url,
                                                        environment: ["CMG_HISTORY_PROGRESS_AFTER": "0"])
        // Then the terminal showed the bar, and cleared it before the end
        #expect(status == 0)
        #expect(terminal.contains("records/s") && terminal.contains("0/1 files") && terminal.contains(" MB "), "\(terminal.debugDescription)")
        #expect(terminal.hasSuffix("\r\u{1B}[K"), "\(terminal.debugDescription)")
    }

    @Test func aPipedImportShowsNoBar() throws {
        // Given the same file / When standard error is a pipe
        let folder = try ScratchFolder()
        try folder.write("samples.ndjson", Self.samples())
        let result = try CLIRunner.run(["ingest", "--db", "h.sqlite", "samples.ndjson"], in: folder.url,
                                       environment: ["CMG_HISTORY_PROGRESS_AFTER": "0"])
        // Then standard error holds nothing, and standard output only the summary
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty, "\(result.stderr.debugDescription)")
        #expect(result.stdout == "samples.ndjson (ndjson): 6,000 inserted, 0 duplicates, 0 rejected\n")
    }

    @Test func anExportImportShowsTheBarToo() throws {
        // Given a ConfigMgr SMS_AzureService export
        let folder = try ScratchFolder()
        try folder.write("cmg.json", ExportCLITests.serviceJSON)
        // When it is imported with standard error on a terminal
        let (status, terminal) = try Self.runOnTerminal(["ingest", "--db", "h.sqlite", "cmg.json"], in: folder.url,
                                                        environment: ["CMG_HISTORY_PROGRESS_AFTER": "0"])
        // Then the bar showed its bytes read
        #expect(status == 0)
        #expect(terminal.contains("records/s") && terminal.contains("0/1 files"), "\(terminal.debugDescription)")
    }
}
