/// The longest plain text that every match of a regular expression contains, found by reading
/// the pattern, so that a rule can skip its regex on messages without that text.
///
/// Most entries match no rule: a byte search that rules an entry out costs a fraction of an ICU
/// match. A rule's `contains` texts already do this for the default rules; this gives a rule
/// written with `match` alone the same test. It only has to be a necessary condition, so the
/// reading is conservative: anything it does not fully understand gives no literal (and the
/// regex runs on every entry, as before), never a wrong one.
enum RegexLiteral {
    /// The shortest literal worth a search.
    static let minimumLength = 3

    /// The literal as lowercase ASCII bytes (compared ignoring ASCII case), or nil when the
    /// pattern has no safe one.
    ///
    /// Only the top level of the pattern is read: characters outside groups and classes that
    /// no quantifier makes optional or repeatable. A top-level `|` means no text is common to
    /// all matches; inline flags (`(?i)`, `(?x)` …) change what characters mean, and ICU's
    /// case folding matches non-ASCII look-alikes (the Kelvin sign for `k`), so both give nil.
    static func required(in pattern: String) -> [UInt8]? {
        let p = Array(pattern.utf8)
        var best: [UInt8] = []
        var run: [UInt8] = []
        func endRun() {
            if run.count > best.count { best = run }
            run.removeAll()
        }
        var i = 0
        while i < p.count {
            let c = p[i]
            switch c {
            case UInt8(ascii: "|"):
                return nil
            case UInt8(ascii: "("):
                if i + 2 < p.count, p[i + 1] == UInt8(ascii: "?"), isFlag(p[i + 2]) { return nil }
                guard let close = closing(p, from: i) else { return nil }
                endRun()
                i = close + 1
                continue
            case UInt8(ascii: "["):
                guard let close = closing(p, from: i) else { return nil }
                endRun()
                i = close + 1
                continue
            case UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"), UInt8(ascii: "{"):
                // The previous character may be absent or repeated: it ends the run, unkept.
                if !run.isEmpty { run.removeLast() }
                endRun()
                if c == UInt8(ascii: "{") {
                    guard let close = p[i...].firstIndex(of: UInt8(ascii: "}")) else { return nil }
                    i = close
                }
            case UInt8(ascii: "\\"):
                guard i + 1 < p.count else { return nil }
                let next = p[i + 1]
                if isASCIIPunctuationOrSpace(next) {
                    run.append(lowercased(next))
                } else if argumentFreeEscapes.contains(next) {
                    endRun()  // \d, \s, \b, \n …: a class, an anchor or one control character
                } else {
                    return nil  // \x41, \u…, \cA, \pL, \0101, \1, \Q…\E: what follows is not literal text
                }
                i += 2
                continue
            case UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "$"):
                endRun()
            default:
                if c < 0x80, c >= 0x20 { run.append(lowercased(c)) } else { endRun() }
            }
            i += 1
        }
        endRun()
        return best.count >= minimumLength ? best : nil
    }

    /// Letters that, after a backslash, stand for a class, an anchor or one control character,
    /// and take no argument.
    private static let argumentFreeEscapes = Set("dDsSwWbBAzZGhHvVRXntrfea".utf8)

    /// `(?i)`, `(?x-s:`, …: the characters that start inline flags after `(?`.
    private static func isFlag(_ c: UInt8) -> Bool {
        c == UInt8(ascii: "-") || (c | 0x20 >= UInt8(ascii: "a") && c | 0x20 <= UInt8(ascii: "z"))
    }

    private static func isASCIIPunctuationOrSpace(_ c: UInt8) -> Bool {
        c < 0x80 && !(c | 0x20 >= UInt8(ascii: "a") && c | 0x20 <= UInt8(ascii: "z")) && !(c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
    }

    private static func lowercased(_ c: UInt8) -> UInt8 {
        c &- UInt8(ascii: "A") < 26 ? c | 0x20 : c
    }

    /// The index of the bracket closing the `(` or `[` at `start`, skipping escapes and the
    /// classes inside a group. ICU sets nest; in a set, a `]` right after `[` or `[^` is literal.
    private static func closing(_ p: [UInt8], from start: Int) -> Int? {
        let inClass = p[start] == UInt8(ascii: "[")
        var depth = 0
        var i = start
        while i < p.count {
            switch p[i] {
            case UInt8(ascii: "\\"): i += 1
            case UInt8(ascii: "[") where inClass:
                depth += 1
                if i + 1 < p.count, p[i + 1] == UInt8(ascii: "^") { i += 1 }
                if i + 1 < p.count, p[i + 1] == UInt8(ascii: "]") { i += 1 }
            case UInt8(ascii: "["):
                guard let close = closing(p, from: i) else { return nil }
                i = close
            case UInt8(ascii: "(") where !inClass: depth += 1
            case UInt8(ascii: "]") where inClass, UInt8(ascii: ")") where !inClass:
                depth -= 1
                if depth == 0 { return i }
            default: break
            }
            i += 1
        }
        return nil
    }
}
