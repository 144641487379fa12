/// Text made safe to show: control characters become visible escapes, so that a name or a log
/// message can never move the cursor, clear the screen, retitle the window or ring the bell of
/// the terminal it is printed on, nor split a `FILE:LINE:` message or a table row.
///
/// The escapes are Swift's (and PowerShell's `` `u{1B} ``): `\u{1B}` for ESC, `\u{7}` for BEL,
/// `\u{9B}` for the C1 CSI; line feed, carriage return and tab are `\n`, `\r` and `\t`. Escaped are
/// the C0 controls, DEL, the C1 controls, and the bidirectional overrides and isolates
/// (U+202A–U+202E, U+2066–U+2069), which reorder what a reader sees ("Trojan Source").
/// A backslash itself is left as it is: the text is for reading, not for parsing back.
package enum VisibleText {
    /// `text` with its control characters escaped; `\n` is kept when `keepingLineBreaks`.
    package static func escape(_ text: String, keepingLineBreaks: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { needsEscape($0, keepingLineBreaks) }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar, keepingLineBreaks) else {
                out.append(scalar)
                continue
            }
            let escaped = switch scalar {
            case "\n": "\\n"
            case "\r": "\\r"
            case "\t": "\\t"
            default: "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
            out.append(contentsOf: escaped.unicodeScalars)
        }
        return String(out)
    }

    @inline(__always)
    static func needsEscape(_ scalar: Unicode.Scalar, _ keepingLineBreaks: Bool) -> Bool {
        switch scalar.value {
        case 0x0A: !keepingLineBreaks
        case 0x00..<0x20, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
