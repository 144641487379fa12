// swift-tools-version:6.1
import PackageDescription

/// Where the server builds: Hummingbird and SwiftNIO do not support Windows yet, where the CLI
/// (without `serve`) still builds and runs.
let serverPlatforms: [Platform] = [.linux, .macOS]

let package = Package(
    name: "cmg-history",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "CMGHistory", targets: ["CMGHistory"]),
        .executable(name: "cmg-history", targets: ["cmg-history"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        // The server (`cmg-history serve`): HTTP on SwiftNIO, graceful shutdown on SIGTERM/SIGINT.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        // Tests only: generators and shrinking for the property tests.
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // The library: the store, importers and (later) reports. Depends on GRDB, on libpq for
        // PostgreSQL, and on swift-certificates for certificate files.
        .target(
            name: "CMGHistory",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                // The raw SQLite C API, for the bulk-insert hot path (bind and step without boxing).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                // Certificate files: X.509 parsing (X509), PEM documents (SwiftASN1), SHA-1 thumbprints (Crypto).
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
                // PostgreSQL's C client library, the driver of Store/Postgres/ (README, "PostgreSQL driver").
                "CLibPQ",
            ],
            plugins: ["EmbedMigrationsPlugin"]
        ),
        // libpq, the system's PostgreSQL client library: synchronous like the SQLite path, binary
        // COPY, and it builds on Windows, where admins run the CLI. Loaded when a PostgreSQL
        // history is opened, not linked (Sources/CLibPQ/include/CLibPQ.h says why); its header
        // comes from Debian's libpq-dev.
        .target(name: "CLibPQ"),
        // The server: routes, auth, the ingest spool, the dashboard and /metrics over the library's
        // store API. Empty where Hummingbird does not build (every file is inside `#if canImport`).
        .target(
            name: "CMGHistoryServer",
            dependencies: [
                "CMGHistory",
                .product(name: "Hummingbird", package: "hummingbird", condition: .when(platforms: serverPlatforms)),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle", condition: .when(platforms: serverPlatforms)),
                .product(name: "NIOCore", package: "swift-nio", condition: .when(platforms: serverPlatforms)),
                .product(name: "NIOPosix", package: "swift-nio", condition: .when(platforms: serverPlatforms)),
                .product(name: "HTTPTypes", package: "swift-http-types", condition: .when(platforms: serverPlatforms)),
            ]
        ),
        // The command-line tool: argument parsing and printing only.
        .executableTarget(
            name: "cmg-history",
            dependencies: [
                "CMGHistory",
                .target(name: "CMGHistoryServer", condition: .when(platforms: serverPlatforms)),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Turns Migrations/*.sql into Swift string literals at build time, so the schema lives
        // inside the binary and a lone copied `cmg-history` can still create a database.
        .executableTarget(name: "embed-migrations", path: "Sources/embed-migrations"),
        .plugin(
            name: "EmbedMigrationsPlugin",
            capability: .buildTool(),
            dependencies: ["embed-migrations"],
            path: "Sources/EmbedMigrationsPlugin"
        ),
        // Ingest benchmark: a deterministic large-history generator and timed imports.
        .executableTarget(
            name: "cmg-history-bench",
            dependencies: ["CMGHistory", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Benchmarks/cmg-history-bench"
        ),
        .testTarget(
            name: "CMGHistoryTests",
            dependencies: ["CMGHistory", .product(name: "PropertyBased", package: "swift-property-based")],
            resources: [.copy("Fixtures")]
        ),
        // The server's handlers in-process (HummingbirdTesting's router and live clients).
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "CMGHistoryServer",
                .product(name: "HummingbirdTesting", package: "hummingbird", condition: .when(platforms: serverPlatforms)),
            ]
        ),
        // Runs the built `cmg-history` binary end to end, so it depends on the executable.
        .testTarget(
            name: "CLITests",
            dependencies: ["cmg-history"],
            // Help goldens, read through #filePath (the tests run the binary, not a bundle).
            exclude: ["Fixtures"]
        ),
        // libFuzzer target for the log parser (see README, "Fuzzing the log parser"); in a plain
        // build it replays the inputs named on its command line. FuzzDriver links libFuzzer's
        // driver weakly, so the plain build needs no sanitizer.
        .target(name: "FuzzDriver", path: "Tests/Fuzz/FuzzDriver"),
        .target(name: "FuzzSupport", dependencies: ["FuzzDriver"], path: "Tests/Fuzz/FuzzSupport"),
        .executableTarget(name: "cmg-history-fuzz-logs", dependencies: ["CMGHistory", "FuzzSupport"], path: "Tests/Fuzz/LogParserFuzz"),
        // libFuzzer targets for the other readers (README, "Fuzzing"): NDJSON lines, export files, certificates.
        .executableTarget(name: "cmg-history-fuzz-ndjson", dependencies: ["CMGHistory", "FuzzSupport"], path: "Tests/Fuzz/NDJSONFuzz"),
        .executableTarget(name: "cmg-history-fuzz-exports", dependencies: ["CMGHistory", "FuzzSupport"], path: "Tests/Fuzz/ExportFuzz"),
        .executableTarget(name: "cmg-history-fuzz-certificates", dependencies: ["CMGHistory", "FuzzSupport"], path: "Tests/Fuzz/CertificateFuzz"),
        // Log benchmark: a generated CMTrace log, parsed and ingested (Benchmarks/logs.sh).
        .executableTarget(name: "cmg-history-log-bench", dependencies: ["CMGHistory"], path: "Benchmarks/cmg-history-log-bench"),
    ]
)
