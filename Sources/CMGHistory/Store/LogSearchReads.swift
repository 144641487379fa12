/// Searching stored log entries: `logs list` and `logs search` (``HistoryStore/logEntries(_:)``).
///
/// A requirement of its own because each backend answers the words with its own full-text
/// index (SQLite FTS5 over `log_entry.message`, PostgreSQL a `tsvector` column with a GIN
/// index), and both must find the same entries:
///
/// - **Tokens.** A message is cut into tokens at every character that is not a letter or a
///   digit (Unicode categories L* and N*; FTS5's `unicode61` tokenizer): `(403) Forbidden.`
///   holds `403` and `forbidden`, `CCM_STS` holds `ccm` and `sts`.
/// - **Case and accents.** Tokens compare without regard to case (Unicode case folding) and
///   without diacritics (`échoué` is found by `echoue`).
/// - **Words.** ``LogEntryFilter/text`` is split at spaces, tabs and newlines; every word must
///   occur (AND). A word is cut into tokens the same way and matches where those tokens occur in
///   that order, next to each other (a phrase): `CCM_STS` finds `CCM_STS` and `CCM STS`. `(403)`
///   needs no escaping: its punctuation separates, it is never query syntax.
/// - **No prefixes, no stemming.** A token matches only a whole equal token: `forbid` does not
///   find `Forbidden`, nor `forbidden` find `forbiddenness`. No stop words are dropped.
/// - Text with no words (empty, only spaces) sets no condition.
///
/// The other conditions of the filter (time, gateway, component, severity) and the order (UTC
/// time, else local time; then file and offset) and `limit` are plain comparisons.
protocol LogSearchReads {
    /// The stored entries matching every condition of `filter`, in time order (UTC, else local),
    /// then file and offset, at most `filter.limit` of them.
    func logEntries(matching filter: LogEntryFilter) throws -> [ListedLogEntry]
}
