/// A log message's `tsvector` in PostgreSQL's binary form, and a search's `tsquery`, both made
/// of ``LogSearchTokenizer``'s tokens.
///
/// `log_entry.message_search` holds the tokens FTS5 would index (Migrations/postgres/0002 makes
/// it a plain column the writer fills), so `@@` finds on PostgreSQL what `MATCH` finds on SQLite:
/// no server parser, no locale, no `unaccent` extension decides what a token is. The vector
/// travels in COPY's binary format (`tsvectorrecv`): the lexeme count, then per lexeme, in byte
/// order, its UTF-8 and a NUL, the number of positions and each position (1-based, ascending).
///
/// PostgreSQL's limits, kept as `to_tsvector` keeps them: a lexeme over 2,047 bytes is left out
/// (it cannot be found, where FTS5 would find it), positions past 16,383 count as 16,383 (a
/// phrase beyond that token may match loosely), at most 256 positions per lexeme are kept (the
/// lexeme is still found), and lexemes stop at 1 MB of text per message.
enum PostgresSearchVector {
    /// The longest lexeme a `tsvector` holds, in bytes (`MAXSTRLEN`).
    static let maximumLexemeBytes = 2047
    /// The last position a `tsvector` records (`MAXENTRYPOS - 1`).
    static let maximumPosition: UInt16 = 16383
    /// Positions kept per lexeme (`MAXNUMPOS`).
    static let maximumPositionsPerLexeme = 256
    /// The lexemes' total bytes a `tsvector` holds (`MAXSTRPOS`).
    static let maximumTotalBytes = (1 << 20) - 1

    /// The binary `tsvector` of the UTF-8 text `bytes`.
    static func binary(of bytes: UnsafeRawBufferPointer) -> [UInt8] {
        var positions: [[UInt8]: [UInt16]] = [:]
        var position: UInt16 = 0
        var total = 0
        LogSearchTokenizer.forEachToken(in: bytes) { token in
            if position < maximumPosition { position += 1 }
            guard token.count <= maximumLexemeBytes else { return }
            let lexeme = Array(token)
            if var list = positions[lexeme] {
                guard list.count < maximumPositionsPerLexeme, list.last != position else { return }
                list.append(position)
                positions[lexeme] = list
            } else {
                guard total + lexeme.count <= maximumTotalBytes else { return }
                total += lexeme.count
                positions[lexeme] = [position]
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(4 + total + positions.count * 5)
        append(UInt32(positions.count), to: &out)
        for lexeme in positions.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            out.append(contentsOf: lexeme)
            out.append(0)
            let list = positions[lexeme] ?? []
            append(UInt16(list.count), to: &out)
            for position in list { append(position, to: &out) }
        }
        return out
    }

    /// The binary `tsvector` of `text`.
    static func binary(of text: String) -> [UInt8] {
        var text = text
        return text.withUTF8 { binary(of: UnsafeRawBufferPointer($0)) }
    }

    /// The search's words as a `tsquery`, in its text form: each word's tokens a phrase
    /// (`'ccm' <-> 'sts'`), every word required (`&`). `.none` when the words set no condition
    /// (no words), `.nothing` when no entry can match (words, but none holding a token, as FTS5
    /// answers a query of only empty phrases; or a token too long to be a lexeme).
    static func query(_ text: String) -> Query {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
        guard !words.isEmpty else { return .none }
        var phrases: [String] = []
        for word in words {
            let tokens = LogSearchTokenizer.tokens(String(word))
            // FTS5 drops a phrase without tokens from a query that has others.
            guard !tokens.isEmpty else { continue }
            guard tokens.allSatisfy({ $0.count <= maximumLexemeBytes }) else { return .nothing }
            phrases.append(tokens.map(quoted).joined(separator: " <-> "))
        }
        guard !phrases.isEmpty else { return .nothing }
        return .matching(phrases.map { "(" + $0 + ")" }.joined(separator: " & "))
    }

    /// What a search's words ask of the index.
    enum Query: Equatable {
        /// No condition.
        case none
        /// No entry matches.
        case nothing
        /// Entries whose vector matches this `tsquery` text.
        case matching(String)
    }

    /// A lexeme as a quoted `tsquery` operand (tokens hold letters and digits only; quotes and
    /// backslashes are escaped all the same).
    private static func quoted(_ token: [UInt8]) -> String {
        let text = String(decoding: token, as: UTF8.self)
        return "'" + text.replacingAll("\\", with: "\\\\").replacingAll("'", with: "''") + "'"
    }

    private static func append<T: FixedWidthInteger>(_ value: T, to out: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { out.append(contentsOf: $0) }
    }
}
