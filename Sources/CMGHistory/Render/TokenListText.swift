/// `cmg-history token list`: one row per token, never its text or digest.
package enum TokenListText {
    package static func table(_ tokens: [APIToken]) -> String {
        var table = TextTable(headers: ["name", "scope", "created", "last used", "revoked"],
                              alignments: [.left, .left, .left, .left, .left])
        for token in tokens {
            table.rows.append([VisibleText.escape(token.name), token.scope.rawValue, Timestamp.format(token.createdAt),
                               token.lastUsedAt.map(Timestamp.format) ?? "never", token.revokedAt.map(Timestamp.format) ?? "-"])
        }
        return table.render()
    }
}
