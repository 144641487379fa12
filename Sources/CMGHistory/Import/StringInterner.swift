import Foundation

/// Hands back one shared `String` for bytes it has seen before.
///
/// Gateway, endpoint and server names repeat on nearly every import line; building a new string
/// for each costs an allocation and a UTF-8 validation, and comparing shared strings later is
/// nearly free. A fixed-size table, so memory stays bounded whatever the input: a slot simply
/// keeps the latest name that hashed to it.
///
/// A name is redacted (``SecretRedactor``) when it is first seen, so a name holding a secret (an
/// endpoint with `?sig=…`) is never stored; what it found is counted again on every line that
/// repeats the name, at no cost to the others.
final class StringInterner {
    private struct Slot {
        var bytes: [UInt8]
        var string: String
        var redactions: Int
    }

    /// Slots in the table: far more than the distinct names of a large hierarchy (10 gateways ×
    /// 20 endpoints), so collisions are rare.
    private static let slotCount = 4096
    private var slots: [Slot?] = Array(repeating: nil, count: slotCount)

    /// The shared string of `bytes`, redacted, or nil when they are not UTF-8 (never cached);
    /// adds the values it redacted to `redactions`.
    func string(_ bytes: UnsafeBufferPointer<UInt8>, redactions: inout Int) -> String? {
        // FNV-1a: cheap, and good enough to spread short ASCII names.
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        let index = Int(hash % UInt64(Self.slotCount))
        if let slot = slots[index], Self.equal(slot.bytes, bytes) {
            redactions += slot.redactions
            return slot.string
        }
        guard let plain = String(validating: bytes, as: UTF8.self) else { return nil }
        let found = SecretRedactor.redact(bytes: bytes)
        let string = found?.text ?? plain
        slots[index] = Slot(bytes: Array(bytes), string: string, redactions: found?.count ?? 0)
        redactions += found?.count ?? 0
        return string
    }

    private static func equal(_ stored: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard stored.count == bytes.count else { return false }
        return stored.withUnsafeBufferPointer { mine in
            guard let a = mine.baseAddress, let b = bytes.baseAddress else { return true }  // both empty
            return memcmp(a, b, bytes.count) == 0
        }
    }
}
