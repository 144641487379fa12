/// Reads a run of ASCII digits as a number, never trapping: the CLI's one digit reader.
///
/// `Int("+5")` and `Int("-0")` succeed, and `Int` of a long run of digits is nil only past its
/// range; a month, a day count or `COLUMNS` takes `0`–`9` only, at most `maximumDigits` of them,
/// so the value always fits and needs no range check of its own to be safe.
enum ASCIIDigits {
    /// `text` as a number when it is 1 to `maximumDigits` ASCII digits; nil otherwise.
    static func value(_ text: Substring, maximumDigits: Int = 9) -> Int? {
        guard !text.isEmpty, text.utf8.count <= maximumDigits else { return nil }
        var value = 0
        for byte in text.utf8 {
            guard (0x30...0x39).contains(byte) else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }
}
