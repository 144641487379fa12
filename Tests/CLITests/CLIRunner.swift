import Foundation

/// Runs the built `cmg-history` binary as a separate process, as an admin or a scheduled task would.
struct CLIRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The folder holding the built products (`.build/debug`), found from the test bundle.
    static var productsFolder: URL {
        var url = Bundle.main.bundleURL
        if url.pathExtension == "xctest" { url = url.deletingLastPathComponent() }
        for candidate in [url, Bundle(for: Marker.self).bundleURL.deletingLastPathComponent()]
        where FileManager.default.fileExists(atPath: candidate.appendingPathComponent("cmg-history").path) {
            return candidate
        }
        return url
    }

    static var binary: URL { productsFolder.appendingPathComponent("cmg-history") }

    private final class Marker {}

    /// Runs `executable` (default: the built binary) with `arguments` in `folder`; with `timeout`,
    /// a process still running after that many seconds is terminated (a test of what must not
    /// hang fails instead of hanging the suite; the clock starts with the process, not the test,
    /// which may wait long for a thread on a loaded machine).
    static func run(_ arguments: [String], in folder: URL, executable: URL = binary,
                    environment: [String: String] = [:], stdin: String? = nil, timeout: TimeInterval? = nil) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "CMG_HISTORY_DB")
        // Tables fit COLUMNS when it is set: a test's output must not depend on the terminal it ran in.
        env.removeValue(forKey: "COLUMNS")
        env.merge(environment) { $1 }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let timeout {
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { [process] in
                if process.isRunning { process.terminate() }
            }
        }
        // Read both pipes while the process runs, so a large output cannot fill a pipe and stall it.
        let outData = DataBox()
        let errData = DataBox()
        let group = DispatchGroup()
        for (pipe, box) in [(out, outData), (err, errData)] {
            group.enter()
            DispatchQueue.global().async {
                box.data = pipe.fileHandleForReading.readDataToEndOfFile()
                group.leave()
            }
        }
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        group.wait()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: outData.data, as: UTF8.self),
                      stderr: String(decoding: errData.data, as: UTF8.self))
    }

    private final class DataBox: @unchecked Sendable {
        var data = Data()
    }
}

/// A fresh folder for one test, removed afterwards.
final class ScratchFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("cmg-history-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let path = url.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }
}
