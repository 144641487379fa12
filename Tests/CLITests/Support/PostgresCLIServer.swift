import Foundation

/// The test server the PostgreSQL CLI tests point `--db` at (`CMG_TEST_POSTGRES_URL`, set by
/// `Scripts/test-postgres.sh`), each test in a schema of its own, dropped afterwards with `psql`
/// (the binary under test has no command that drops a schema, and should not).
enum PostgresCLIServer {
    /// The server's URL without a schema; nil when the suite runs without one.
    static var url: String? {
        guard let text = ProcessInfo.processInfo.environment["CMG_TEST_POSTGRES_URL"], text.hasPrefix("postgres") else { return nil }
        return text.split(separator: "?", maxSplits: 1).first.map(String.init)
    }

    /// Whether a server is configured.
    static var isAvailable: Bool { url != nil }

    /// Runs `body` with the URL of a fresh schema on the server; drops the schema afterwards.
    static func withFreshSchema<T>(_ body: (String) throws -> T) throws -> T? {
        guard let url else { return nil }
        let schema = "cmg_cli_" + String(UInt64.random(in: .min ... .max), radix: 16)
        defer { dropSchema(schema, server: url) }
        return try body(url + "?schema=" + schema)
    }

    private static func dropSchema(_ schema: String, server url: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", "--quiet", "--no-psqlrc", "--dbname", url, "--command", "DROP SCHEMA IF EXISTS \(schema) CASCADE"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try? process.run()
        process.waitUntilExit()
    }
}
