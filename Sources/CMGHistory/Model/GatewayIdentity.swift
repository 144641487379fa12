/// One stored gateway with the names it answers to and what is stored for it
/// (`cmg-history gateway list`).
public struct GatewayListing: Sendable, Equatable, Codable {
    /// The stored name.
    public var name: String
    /// Other names that resolve to it (old names, folded short names, admins' aliases), sorted.
    public var aliases: [String]
    /// ConfigMgr's key, when an export brought it; it resolves to the gateway too.
    public var azureServiceID: String?
    /// The earliest and latest instant of its observations (UTC, ISO 8601), nil with none.
    public var firstSeen: String?
    /// The latest instant of its observations (UTC, ISO 8601), nil with none.
    public var lastSeen: String?
    /// Stored rows by kind (``GatewayRecordKind``); kinds without rows are left out.
    public var records: [String: Int]

    enum CodingKeys: String, CodingKey {
        case name, aliases, azureServiceID = "azure_service_id", firstSeen = "first_seen", lastSeen = "last_seen", records
    }
}

/// What merging one gateway into another did (`gateway merge`, or a fold on import).
public struct GatewayMergeSummary: Sendable, Equatable, Codable {
    /// The gateway merged away; its name is now an alias of `into`.
    public var from: String
    /// The gateway the others were folded into.
    public var into: String
    /// Rows moved to `into`, by kind.
    public var moved: [String: Int] = [:]
    /// Rows `into` held already with the same values: dropped, nothing lost.
    public var duplicates = 0
    /// Rows `into` held with the same key and other values: `into`'s row is kept, the other is kept
    /// in `gateway_merge_conflict` and listed in `conflictRows` (the first ``maximumListedConflicts``).
    public var conflicts = 0
    /// Rows that disagreed with one already stored under the target, as text (at most ``maximumListedConflicts``).
    public var conflictRows: [String] = []

    /// The most conflicting rows listed: enough to see what disagrees, few enough to read.
    public static let maximumListedConflicts = 20

    /// Rows moved, over every kind.
    public var movedTotal: Int { moved.values.reduce(0, +) }

    /// One sentence for an import summary or the command line.
    public var sentence: String {
        var text = "\(NumberFormat.grouped(movedTotal)) record\(movedTotal == 1 ? "" : "s") moved"
        if duplicates > 0 { text += ", \(NumberFormat.grouped(duplicates)) duplicate\(duplicates == 1 ? "" : "s") dropped" }
        if conflicts > 0 {
            text += ", \(NumberFormat.grouped(conflicts)) conflicting row\(conflicts == 1 ? "" : "s") kept apart (gateway_merge_conflict; \(into)'s rows kept)"
        }
        return text
    }

    enum CodingKeys: String, CodingKey {
        case from, into, moved, duplicates, conflicts, conflictRows = "conflict_rows"
    }
}

/// What removing a gateway deletes, counted before anything is deleted (`gateway remove`).
public struct GatewayRemovalPlan: Sendable, Equatable, Codable {
    /// The gateway that would be removed.
    public var gateway: String
    /// Rows to delete, by kind; kinds without rows are left out.
    public var deletes: [String: Int]
    /// Log files read for the gateway: kept with their entries, no longer linked to it.
    public var logFilesUnlinked: Int

    /// Whether the gateway has no data (only its name and aliases, no log files).
    public var isEmpty: Bool { logFilesUnlinked == 0 && deletes.keys.allSatisfy { $0 == GatewayRecordKind.aliases } }

    enum CodingKeys: String, CodingKey {
        case gateway, deletes, logFilesUnlinked = "log_files_unlinked"
    }
}

/// The names of record kinds in gateway listings, merges and removals.
public enum GatewayRecordKind {
    /// The kind that counts the gateway's aliases.
    public static let aliases = "aliases"
}

/// Why a gateway command was refused.
public enum GatewayError: Error, Equatable, CustomStringConvertible {
    /// No gateway has this name, alias or AzureServiceID.
    case unknown(String, known: [String])
    /// The name is the first DNS label of several gateways.
    case ambiguous(String, matches: [String])
    /// The name is taken by a gateway (a name, alias or AzureServiceID).
    case nameTaken(String, by: String)
    case sameGateway(String)
    case invalidName(String, reason: String)
    /// A row of a table this version does not know the key of could not be moved.
    case cannotMove(table: String, reason: String)

    /// The message, as a sentence an admin can act on.
    public var description: String {
        switch self {
        case .unknown(let name, let known):
            let hint = GatewayNameSuggestion.closest(to: name, among: known).map { " Did you mean \($0)?" } ?? ""
            let list = known.isEmpty ? "no gateway is stored yet" : "known gateways: " + known.joined(separator: ", ")
            return "gateway \(name) is not known (\(list)).\(hint)"
        case .ambiguous(let name, let matches):
            return "gateway \(name) is ambiguous: it is the short name of \(matches.joined(separator: " and ")); name one of them in full"
        case .nameTaken(let name, let owner):
            return "the name \(name) already stands for gateway \(owner)"
        case .sameGateway(let name):
            return "\(name) and the gateway to merge into are the same gateway"
        case .invalidName(let name, let reason):
            return "\(name) cannot name a gateway: \(reason)"
        case .cannotMove(let table, let reason):
            return "the gateway's rows in \(table) could not be moved (\(reason)); nothing was changed"
        }
    }
}

/// The known gateway name closest to a mistyped one, for "did you mean".
package enum GatewayNameSuggestion {
    /// The name within a third of its length in edits (case ignored), or whose first DNS label
    /// the typed name is; nil when none is close.
    package static func closest(to typed: String, among names: [String]) -> String? {
        let wanted = Array(typed.lowercased())
        var best: (name: String, distance: Int)?
        for name in names {
            let candidate = name.lowercased()
            if candidate.hasPrefix(typed.lowercased() + ".") { return name }
            let distance = editDistance(wanted, Array(candidate))
            if distance <= max(1, candidate.count / 3), distance < best?.distance ?? Int.max { best = (name, distance) }
        }
        return best?.name
    }

    /// Levenshtein distance, two rows at a time.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
