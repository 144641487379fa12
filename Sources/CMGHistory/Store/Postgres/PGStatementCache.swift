import CLibPQ

/// The statements one connection runs more than once, prepared on the server under a name of
/// their own so that each later run skips parsing and planning (GRDB's cached statements, on
/// PostgreSQL).
///
/// A statement sent once runs unnamed, as before: a command that reads a gateway's name once
/// pays no extra round trip. The second run of the same text with the same parameter types
/// prepares it; every run after that executes it by name. A report reads the same few
/// statements per gateway and month, a batch import the same upserts per batch, so the cache
/// stays small; it is bounded all the same, and past the bound statements run unnamed.
///
/// Prepared statements outlive transactions and follow DDL (the server re-plans a statement
/// whose tables changed), and they end with the connection: a connection the pool drops takes
/// its cache along.
struct PGStatementCache {
    /// The SQL text and parameter types a prepared statement was made for.
    struct Key: Hashable {
        let sql: String
        let types: [Oid]
    }

    /// How a statement is to run this time.
    enum Use: Equatable {
        /// Parsed and planned for this run only (`PQexecParams`).
        case unnamed
        /// Prepared now under this name, then run by it.
        case prepare(String)
        /// Run by the name it was prepared under.
        case prepared(String)
    }

    /// Statements prepared at most; beyond, statements run unnamed.
    static let capacity = 256
    /// Distinct statements counted at most (a statement whose text embeds values would
    /// otherwise grow the counts without end).
    static let countedLimit = 4_096

    private var names: [Key: String] = [:]
    private var seen: Set<Key> = []

    /// How to run `key`'s statement, counting this run.
    mutating func use(_ key: Key) -> Use {
        if let name = names[key] { return .prepared(name) }
        guard Self.isPreparable(key.sql), names.count < Self.capacity else { return .unnamed }
        if seen.contains(key) { return .prepare("cmg_s\(names.count + 1)") }
        if seen.count < Self.countedLimit { seen.insert(key) }
        return .unnamed
    }

    /// Records that `key` was prepared as `name` (after the server accepted it).
    mutating func prepared(_ key: Key, as name: String) {
        names[key] = name
        seen.remove(key)
    }

    /// Queries and data changes; not transaction control, DDL or anything else a name would not help.
    static func isPreparable(_ sql: String) -> Bool {
        let head = sql.utf8.drop(while: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\n") }).prefix(7)
        let word = String(decoding: head, as: UTF8.self).uppercased()
        return ["SELECT", "INSERT", "UPDATE", "DELETE", "WITH"].contains { word.hasPrefix($0) }
    }
}
