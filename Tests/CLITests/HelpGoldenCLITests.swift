import Foundation
import Testing

/// The help of every command and subcommand, pinned: a change to what users read is a reviewed
/// change (swift-argument-parser's own `MathExampleTests` pattern, over the built binary).
///
/// Regenerate after an intended change, then read the diff:
/// `CMG_UPDATE_GOLDENS=1 swift test --skip-build --filter HelpGoldenCLITests`.
@Suite("cmg-history --help, every command")
struct HelpGoldenCLITests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/help")
    static let updating = ProcessInfo.processInfo.environment["CMG_UPDATE_GOLDENS"] == "1"
    static let regenerate = "regenerate with CMG_UPDATE_GOLDENS=1 swift test --skip-build --filter HelpGoldenCLITests and review the diff"
    /// Help is wrapped to COLUMNS: pinned so that the terminal a test runs in does not matter.
    static let environment = ["COLUMNS": "100"]

    /// Every command path (`[]` is the root), read from the command tree ArgumentParser builds
    /// from the root's configuration, so a command added later is found without listing it here.
    static func commandPaths() throws -> [[String]] {
        let scratch = try ScratchFolder()
        let dump = try CLIRunner.run(["--experimental-dump-help"], in: scratch.url)
        let json = try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any]
        guard let root = json?["command"] as? [String: Any] else { return [] }
        var paths: [[String]] = []
        func walk(_ command: [String: Any], _ path: [String]) {
            paths.append(path)
            for child in command["subcommands"] as? [[String: Any]] ?? [] {
                guard let name = child["commandName"] as? String, name != "help" else { continue }
                walk(child, path + [name])
            }
        }
        walk(root, [])
        return paths
    }

    /// `cmg-history.txt` for the root, `report/capacity.txt` below it, in `folder`.
    static func golden(for path: [String], in folder: URL = folder) -> URL {
        path.isEmpty ? folder.appendingPathComponent("cmg-history.txt")
            : path.dropLast().reduce(folder) { $0.appendingPathComponent($1) }.appendingPathComponent(path[path.count - 1] + ".txt")
    }

    /// What is wrong with the goldens in `folder` for `paths`: a help that differs, a command
    /// with no golden, a golden of a command that is gone. With `update`, rewrites them instead.
    static func problems(paths: [[String]], goldens folder: URL, update: Bool) throws -> [String] {
        let scratch = try ScratchFolder()
        var problems: [String] = []
        var expected: Set<String> = []
        for path in paths {
            let name = "`cmg-history\(path.map { " " + $0 }.joined())`"
            let result = try CLIRunner.run(path + ["--help"], in: scratch.url, environment: environment)
            if result.status != 0 { problems.append("\(name) --help exits \(result.status): \(result.stderr)") }
            let url = golden(for: path, in: folder)
            expected.insert(url.standardizedFileURL.path)
            if update {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(result.stdout.utf8).write(to: url)
            } else if let text = try? String(contentsOf: url, encoding: .utf8) {
                if text != result.stdout { problems.append("help of \(name) differs from \(url.path): \(regenerate)") }
            } else {
                problems.append("no help golden for \(name) at \(url.path): \(regenerate)")
            }
        }
        let stale = (FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?.allObjects as? [URL] ?? [])
            .filter { $0.pathExtension == "txt" }.map(\.standardizedFileURL.path).filter { !expected.contains($0) }.sorted()
        for path in stale {
            if update { try FileManager.default.removeItem(atPath: path) } else {
                problems.append("help golden \(path) belongs to no command: \(regenerate)")
            }
        }
        return problems
    }

    @Test func theCommandTreeIsReadAndHoldsTheKnownCommands() throws {
        // Given the built binary / When its command tree is read
        let paths = try Self.commandPaths()
        // Then it holds nested commands, so the goldens cover more than the root
        #expect(paths.contains([]) && paths.contains(["report", "capacity"]) && paths.contains(["logs", "events"]))
        #expect(paths.count >= 20)
    }

    @Test func everyCommandsHelpMatchesItsGolden() throws {
        // Given every command / When its help is printed / Then it is its golden, and every golden has its command
        for problem in try Self.problems(paths: Self.commandPaths(), goldens: Self.folder, update: Self.updating) {
            Issue.record(Comment(rawValue: problem))
        }
    }

    @Test func aCommandWithoutAGoldenFailsSayingHowToRegenerate() throws {
        // Given a goldens folder that lacks one command's help and holds one of no command
        let goldens = try ScratchFolder()
        _ = try Self.problems(paths: [[], ["db"]], goldens: goldens.url, update: true)
        try FileManager.default.removeItem(at: Self.golden(for: ["db"], in: goldens.url))
        try goldens.write("gone.txt", "old help\n")
        // When the goldens are checked
        let problems = try Self.problems(paths: [[], ["db"]], goldens: goldens.url, update: false)
        // Then the missing one and the stale one are failures that say how to regenerate; the root's passes
        #expect(problems.count == 2, "\(problems)")
        #expect(problems.contains { $0.hasPrefix("no help golden for `cmg-history db`") && $0.contains("CMG_UPDATE_GOLDENS=1") })
        #expect(problems.contains { $0.contains("gone.txt belongs to no command") })
    }
}
