import Foundation

// Usage: embed-migrations OUTPUT.swift CONSTANT BACKEND NNNN_name.sql…
// Writes one Swift array named CONSTANT of (identifier, sql) pairs, in file-name order, from the
// files of Migrations/BACKEND/. The SQL is embedded as a raw string literal with enough `#`
// delimiters that no file content can close it early.

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count >= 3, let outputPath = arguments.first,
      arguments[1].allSatisfy({ $0.isLetter || $0.isNumber }), arguments[2].allSatisfy({ $0.isLetter || $0.isNumber })
else {
    FileHandle.standardError.write(Data("usage: embed-migrations OUTPUT CONSTANT BACKEND FILE.sql...\n".utf8))
    exit(2)
}
let constant = arguments[1]
let backend = arguments[2]

func rawLiteral(_ text: String) -> String {
    var hashes = "#"
    while text.contains("\"" + hashes) || text.contains(hashes + "\"") { hashes += "#" }
    return "\(hashes)\"\"\"\n\(text)\n\"\"\"\(hashes)"
}

var entries: [String] = []
for path in arguments.dropFirst(3).sorted(by: { ($0 as NSString).lastPathComponent < ($1 as NSString).lastPathComponent }) {
    let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
    guard let sql = try? String(contentsOfFile: path, encoding: .utf8) else {
        FileHandle.standardError.write(Data("embed-migrations: cannot read \(path) as UTF-8\n".utf8))
        exit(1)
    }
    entries.append("    (identifier: \"\(name)\", sql: \(rawLiteral(sql))),")
}

let source = """
// Generated at build time from Migrations/\(backend)/*.sql by the EmbedMigrationsPlugin. Do not edit.

/// The \(backend) schema migrations shipped inside this binary, in the order they apply.
let \(constant): [(identifier: String, sql: String)] = [
\(entries.joined(separator: "\n"))
]

"""
do {
    try source.write(toFile: outputPath, atomically: true, encoding: .utf8)
} catch {
    FileHandle.standardError.write(Data("embed-migrations: cannot write \(outputPath): \(error)\n".utf8))
    exit(1)
}

// `swift build -Xswiftc -sanitize=fuzzer` (the log parser's fuzz build, see the README) compiles
// every executable with libFuzzer's main, this build tool included; libFuzzer then needs this
// entry point to link. It is never called: the tool runs as a plain program.
@_cdecl("LLVMFuzzerTestOneInput")
public func llvmFuzzerTestOneInputUnused(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt { 0 }
