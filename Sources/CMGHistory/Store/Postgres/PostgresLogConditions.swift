/// The WHERE conditions of a ``LogEntryFilter`` (its `limit` aside) over `log_entry e`,
/// `log_file f` and `gateway g` on PostgreSQL, with their parameters: `logs list`, `logs search`
/// and `logs events` filter alike, as SQLiteStore's `conditions(_:severity:gateways:)` does there.
///
/// Names and components compare through `lower()` on both sides (SQLite's `COLLATE NOCASE`
/// folds ASCII letters only; `lower()` folds others too, as the server's locale says).
struct PostgresLogConditions {
    /// The conditions, each a complete boolean SQL expression.
    var conditions: [String] = []
    /// The values of `$1`, `$2`, … in order.
    var parameters: [PGParameter] = []
    /// Whether the words can match no entry at all (a search for punctuation only).
    var matchesNothing = false

    /// Where an entry falls in time: UTC, else its local time.
    static let entryTime = "coalesce(e.utc_ms, e.local_ms)"

    /// The conditions of `filter`: `severity` names the column compared with the minimum,
    /// `gateways` the columns a gateway's name may match.
    init(_ filter: LogEntryFilter, severity: String, gateways: [String]) {
        let time = Self.entryTime
        if let from = filter.fromMilliseconds { conditions.append("\(time) >= \(bind(.int64(from)))") }
        if let to = filter.toMilliseconds { conditions.append("\(time) < \(bind(.int64(to)))") }
        if filter.minimumSeverity > .verbose {
            conditions.append("\(severity) >= \(bind(.int64(filter.minimumSeverity.rawValue)))")
        }
        if let component = filter.component { conditions.append("lower(e.component) = lower(\(bind(.text(component))))") }
        if let gateway = filter.gateway {
            // A gateway also answers to its aliases (a short log-file name folded into it, a rename).
            let name = bind(.text(gateway))
            conditions.append("("
                + gateways.map { "lower(\($0)) = lower(\(name))" }.joined(separator: " OR ")
                + " OR f.gateway_id IN (SELECT gateway_id FROM gateway_alias WHERE lower(alias) = lower(\(name))))")
        }
        if let text = filter.text {
            switch PostgresSearchVector.query(text) {
            case .none: break
            case .nothing: matchesNothing = true
            case .matching(let query): conditions.append("e.message_search @@ \(bind(.text(query)))::tsquery")
            }
        }
    }

    /// The next parameter's placeholder, after binding `value` to it.
    mutating func bind(_ value: PGParameter) -> String {
        parameters.append(value)
        return "$\(parameters.count)"
    }

    /// `WHERE …` of every condition, or nothing.
    var whereClause: String { conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ") }
}
