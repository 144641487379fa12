/// Text made safe inside Markdown: a name or a log message can neither open raw HTML, nor a code
/// span, nor end a table cell, nor break a table row.
package enum MarkdownText {
    /// Characters escaped with a backslash: `|` ends a table cell, `<` and `>` open HTML (a
    /// `<script>` or an `<img>` in a ticket), a backtick opens a code span. A character already
    /// escaped by an odd run of backslashes before it is left alone, so escaping twice is harmless.
    static let escaped: Set<Character> = ["|", "<", ">", "`"]

    /// `text` escaped for Markdown, control characters (line breaks too) made visible; `extra`
    /// characters are escaped as well (`*` where emphasis could start).
    package static func escape(_ text: String, also extra: Set<Character> = []) -> String {
        let text = VisibleText.escape(text)
        guard text.contains(where: { escaped.contains($0) || extra.contains($0) }) else { return text }
        var out = ""
        var backslashes = 0
        for c in text {
            if (escaped.contains(c) || extra.contains(c)) && backslashes % 2 == 0 { out.append("\\") }
            backslashes = c == "\\" ? backslashes + 1 : 0
            out.append(c)
        }
        return out
    }

    /// `text` as a code span: fenced by more backticks than it holds in a row, so none can end it.
    package static func code(_ text: String) -> String {
        let text = VisibleText.escape(text)
        var longest = 0, run = 0
        for c in text {
            run = c == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = text.hasPrefix("`") || text.hasSuffix("`") ? " " : ""
        return fence + pad + text + pad + fence
    }
}
