import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A crash, should one still happen, names the file and line it was on and what is committed.
@Suite("cmg-history on a fatal signal: names file, line and what is committed")
struct FatalSignalCLITests {
    #if !os(Windows)
    @Test func aFatalSignalMidImportNamesTheFileTheLineAndWhatIsCommitted() throws {
        // Given an import reading standard input, one read chunk (1 MiB) in, waiting for more
        let folder = try ScratchFolder()
        let process = Process()
        process.executableURL = CLIRunner.binary
        process.arguments = ["ingest", "--db", "h.sqlite", "-"]
        process.currentDirectoryURL = folder.url
        let input = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardError = errors
        process.standardOutput = Pipe()
        try process.run()
        // Lines of one length (count zero-padded): the first chunk holds 1 MiB / length whole lines.
        let line = { (n: Int) in
            #"{"type":"online_clients","gateway":"G","at":"\#(instant(n))","count":1}"# + "\n"
        }
        let length = line(0).utf8.count
        let wholeLines = (1 << 20) / length
        input.fileHandleForWriting.write(Data((0..<(wholeLines * 3 / 2)).map(line).joined().utf8))
        // When it receives a fatal signal (what a trap raises) once the lines are read
        Thread.sleep(forTimeInterval: 3)
        kill(process.processIdentifier, SIGSEGV)
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        // Then it says where it was and that re-running is safe, and still dies by that signal
        #expect(stderr == "cmg-history: crashed (signal \(SIGSEGV)) while reading <stdin> line \(wholeLines); nothing of it is committed: "
            + "every committed batch is whole, and running the import again is safe.\n")
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGSEGV)
    }
    #endif
}

/// `2026-10-01T00:00:00Z` plus `n` seconds, always 20 characters.
private func instant(_ n: Int) -> String {
    formatter.string(from: Date(timeIntervalSince1970: 1_790_812_800 + Double(n)))
}

nonisolated(unsafe) private let formatter = ISO8601DateFormatter()
