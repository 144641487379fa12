import Foundation

/// A `cmg-history serve` process on a free loopback port, for tests that talk to it over HTTP
/// as collectors and browsers do. Stopped (SIGTERM) when the test is done with it.
final class ServedHistory {
    let process = Process()
    let port: Int
    /// What the server printed first: `cmg-history serve: listening on 127.0.0.1:PORT`.
    let firstLine: String

    var base: String { "http://127.0.0.1:\(port)" }

    /// Starts `serve --listen LISTEN` (a free port by default) with `arguments` in `folder` and
    /// waits for its first line.
    init(_ arguments: [String], in folder: URL, listen: String = "127.0.0.1:0") throws {
        process.executableURL = CLIRunner.binary
        process.arguments = ["serve", "--listen", listen] + arguments
        process.currentDirectoryURL = folder
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "CMG_HISTORY_DB")
        process.environment = env
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        let deadline = Date().addingTimeInterval(60)
        while !line.contains(UInt8(ascii: "\n")), Date() < deadline {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += chunk
        }
        firstLine = String(decoding: line, as: UTF8.self)
        let digits = firstLine.split(separator: ":").last.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
        port = digits.allSatisfy(\.isNumber) ? Int(digits) ?? 0 : 0
    }

    /// SIGTERM, then waits up to `seconds` for the exit; true when it exited.
    @discardableResult
    func stop(within seconds: TimeInterval = 15) -> Bool {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        let stop = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < stop { usleep(50_000) }
        return !process.isRunning
    }

    deinit {
        if process.isRunning { process.terminate() }
    }
}
