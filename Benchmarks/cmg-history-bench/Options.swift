import Foundation

/// `--name value` options, parsed by hand: the benchmark depends on CMGHistory only.
struct Options {
    private var values: [String: String] = [:]

    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    init(_ arguments: [String]) throws {
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            guard flag.hasPrefix("--"), flag.count > 2 else { throw Problem(description: "unexpected argument '\(flag)'") }
            let name = String(flag.dropFirst(2))
            if let eq = name.firstIndex(of: "=") {
                values[String(name[..<eq])] = String(name[name.index(after: eq)...])
                continue
            }
            guard let value = rest.popFirst() else { throw Problem(description: "\(flag) needs a value") }
            values[name] = value
        }
    }

    mutating func string(_ name: String) throws -> String {
        guard let value = values.removeValue(forKey: name) else { throw Problem(description: "--\(name) is required") }
        return value
    }

    mutating func int(_ name: String, default fallback: Int? = nil, min: Int) throws -> Int {
        guard let text = values.removeValue(forKey: name) else {
            guard let fallback else { throw Problem(description: "--\(name) is required") }
            return fallback
        }
        guard let value = Int(text), value >= min else {
            throw Problem(description: "--\(name) must be an integer ≥ \(min), not '\(text)'")
        }
        return value
    }

    /// Refuses options nobody asked for, so a typo is not silently ignored.
    func finish() throws {
        if let unknown = values.keys.sorted().first { throw Problem(description: "unknown option --\(unknown)") }
    }
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandle.standardError.write(Data(string.utf8))
    }
}
