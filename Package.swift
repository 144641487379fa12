// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "cmg-history",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "CMGHistory", targets: ["CMGHistory"]),
        .executable(name: "cmg-history", targets: ["cmg-history"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // The library: the store, importers and (later) reports. Depends on GRDB only.
        .target(
            name: "CMGHistory",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                // The raw SQLite C API, for the bulk-insert hot path (bind and step without boxing).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            plugins: ["EmbedMigrationsPlugin"]
        ),
        // The command-line tool: argument parsing and printing only.
        .executableTarget(
            name: "cmg-history",
            dependencies: [
                "CMGHistory",
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
            dependencies: ["CMGHistory"],
            resources: [.copy("Fixtures")]
        ),
        // Runs the built `cmg-history` binary end to end, so it depends on the executable.
        .testTarget(
            name: "CLITests",
            dependencies: ["cmg-history"]
        ),
    ]
)
