import ArgumentParser
import CMGHistory
import Foundation
#if canImport(CMGHistoryServer)
import CMGHistoryServer
#endif

/// `cmg-history serve`
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the history over HTTP: an ingest API for collectors, reports, a dashboard, metrics.",
        discussion: """
            Every request but GET /healthz needs a token (cmg-history token create): POST \
            /api/v1/ingest an ingest token in Authorization: Bearer, GET /api/v1/… and /metrics a \
            read token. The dashboard (/) asks a browser for a read token once (/login) and keeps \
            it in a cookie; --open-dashboard serves its pages without one. SIGTERM or \
            Ctrl-C stops taking connections, lets running requests finish, then exits. The server \
            runs on Linux and macOS.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(name: .long, help: ArgumentHelp("Where to listen: HOST:PORT (port 0 picks a free one, printed once listening).", valueName: "address"))
    var listen = "127.0.0.1:8080"

    @Option(name: .customLong("max-upload"), help: ArgumentHelp("The largest upload taken, in MiB; larger ones get 413 and store nothing.", valueName: "MiB"))
    var maxUploadMiB = 1024

    @Option(name: .customLong("spool-dir"), help: ArgumentHelp("Where uploads wait while they arrive (default: the temporary folder).", valueName: "path"))
    var spoolDirectory: String?

    @Flag(name: .customLong("open-dashboard"), help: "Serve the dashboard's pages without a token (behind a proxy that signs users in); the API still needs one.")
    var openDashboard = false

    func validate() throws {
        _ = try Self.address(listen)
        guard (1...(1 << 20)).contains(maxUploadMiB) else { throw ValidationError("--max-upload must be 1 to 1048576 MiB, not \(maxUploadMiB).") }
    }

    /// `HOST:PORT` split at its last colon (`[::1]:8080` for IPv6).
    static func address(_ text: String) throws -> (host: String, port: Int) {
        guard let colon = text.lastIndex(of: ":"), let port = ASCIIDigits.value(text[text.index(after: colon)...], maximumDigits: 5),
              (0...65_535).contains(port) else {
            throw ValidationError("--listen must be HOST:PORT with a port of 0 to 65535, not \(SecretText.redacted(text)).")
        }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw ValidationError("--listen must name a host: 127.0.0.1:PORT, 0.0.0.0:PORT or [::]:PORT.") }
        return (host, port)
    }

    func run() throws {
        #if canImport(CMGHistoryServer)
        let (host, port) = try Self.address(listen)
        var options = ServerOptions(host: host, port: port, maxUploadBytes: maxUploadMiB << 20)
        if let spoolDirectory { options.spoolDirectory = spoolDirectory }
        options.openDashboard = openDashboard
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: options.spoolDirectory, isDirectory: &isFolder), isFolder.boolValue,
              FileManager.default.isWritableFile(atPath: options.spoolDirectory) else {
            // Said now, not at the first upload.
            throw CommandFailure(message: "--spool-dir \(SecretText.fileName(options.spoolDirectory)) is not a folder this user can write to")
        }
        let store = try database.openStore()
        let app = buildApplication(store: store, options: options) { port in
            // Written at once, not buffered: a script waits for this line to learn the port.
            FileHandle.standardOutput.write(Data("cmg-history serve: listening on \(host):\(port)\n".utf8))
        }
        try ServerRun.blocking { try await app.runService() }
        #else
        throw CommandFailure(message: "the server runs on Linux and macOS; on this system use cmg-history ingest and report")
        #endif
    }
}

#if canImport(CMGHistoryServer)
/// Runs an async server from the synchronous command, the main thread waiting for it to stop.
enum ServerRun {
    private final class Outcome: @unchecked Sendable {
        // @unchecked: written once by the task before the semaphore is signalled, read after the wait.
        var error: (any Error)?
    }

    static func blocking(_ body: @escaping @Sendable () async throws -> Void) throws {
        let done = DispatchSemaphore(value: 0)
        let outcome = Outcome()
        Task {
            do { try await body() } catch { outcome.error = error }
            done.signal()
        }
        done.wait()
        if let error = outcome.error { throw error }
    }
}
#endif
