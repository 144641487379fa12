/// Finds where bytes stop being UTF-8, so that a message can point at the byte.
///
/// Text that is not UTF-8 is rejected, never decoded with U+FFFD in place of the bad bytes:
/// two different garbled names would otherwise become one name.
enum UTF8Check {
    /// The offset of the first byte that does not belong to valid UTF-8, or nil when all do.
    static func firstInvalidByte(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var start = 0
        while start < bytes.count, bytes[start] < 0x80 { start += 1 }
        guard start < bytes.count else { return nil }
        var offset = start
        var iterator = UnsafeBufferPointer(rebasing: bytes[start...]).makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    /// `invalid UTF-8 (byte 0xFF at column 23)`, as a rejection of `field`.
    static func rejection(field: String, bytes: UnsafeBufferPointer<UInt8>, offset: Int, column: Int?) -> LineRejection {
        let byte = offset < bytes.count ? bytes[offset] : 0
        let hex = String(byte, radix: 16, uppercase: true)
        let position = column.map { " at column \($0)" } ?? ""
        return LineRejection(field: field, value: "invalid UTF-8",
                             "(byte 0x\(hex.count == 1 ? "0" : "")\(hex)\(position)): text must be UTF-8; save the file as UTF-8")
    }
}
