import Foundation
import PackagePlugin

/// Generates one Swift file of embedded migrations per backend from the package's top-level
/// `Migrations/<backend>/` folders.
///
/// The SQL files stay the schema's only source of truth; the plugin re-runs whenever one of
/// them changes. A new file is listed when SwiftPM plans the build again, which an incremental
/// build of unchanged targets may not do: after adding a migration, `touch Package.swift`. Each
/// backend has its own ordered list, so an SQLite file and a PostgreSQL schema each record only
/// the identifiers of their own folder.
@main
struct EmbedMigrationsPlugin: BuildToolPlugin {
    /// The folder under `Migrations/` and the Swift constant its list becomes.
    ///
    /// `embeddedMigrations` keeps its name from before the split: SQLite's identifiers, and the
    /// code reading them, are unchanged, so existing databases still match.
    static let backends: [(folder: String, constant: String)] = [
        ("sqlite", "embeddedMigrations"),
        ("postgres", "embeddedPostgresMigrations"),
    ]

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL.appending(path: "Migrations")
        return try Self.backends.map { backend in
            let folder = root.appending(path: backend.folder)
            let sqlFiles = try FileManager.default
                .contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
                .filter { $0.pathExtension == "sql" }
                .sorted { $0.lastPathComponent < $1.lastPathComponent }
            let output = context.pluginWorkDirectoryURL.appending(path: "Embedded-\(backend.folder)-Migrations.swift")
            return .buildCommand(
                displayName: "Embedding \(sqlFiles.count) \(backend.folder) SQL migrations",
                executable: try context.tool(named: "embed-migrations").url,
                arguments: [output.path, backend.constant, backend.folder] + sqlFiles.map(\.path),
                inputFiles: sqlFiles,
                outputFiles: [output]
            )
        }
    }
}
