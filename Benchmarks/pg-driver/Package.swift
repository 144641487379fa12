// swift-tools-version:6.1
// The PostgreSQL driver benchmark (README, "PostgreSQL driver"): our libpq COPY path against
// postgres-nio's COPY and psql's \copy. A package of its own so that postgres-nio never becomes a
// dependency of cmg-history. Build it with its own scratch path:
//   swift build -c release --package-path Benchmarks/pg-driver --scratch-path .build-pgdriver
import PackageDescription

let package = Package(
    name: "pg-driver-bench",
    platforms: [.macOS(.v13)],
    dependencies: [
        // Our libpq wrapper (Store/Postgres/), from the package two folders up.
        .package(name: "cmg-history", path: "../.."),
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
    ],
    targets: [
        .executableTarget(
            name: "pg-driver-bench",
            dependencies: [
                .product(name: "CMGHistory", package: "cmg-history"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            path: "Sources",
            // A timing loop over closures that share one connection, run on one task: Swift 5's
            // checking, so that no Sendable ceremony sits between the clock and the work.
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
    ]
)
