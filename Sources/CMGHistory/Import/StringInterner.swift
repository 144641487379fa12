import Foundation

/// Hands back one shared `String` for bytes it has seen before.
///
/// Gateway, endpoint and server names repeat on nearly every import line; building a new string
/// for each costs an allocation and a UTF-8 validation, and comparing shared strings later is
/// nearly free. A fixed-size table, so memory stays bounded whatever the input: a slot simply
/// keeps the latest name that hashed to it.
final class StringInterner {
    private struct Slot {
        var bytes: [UInt8]
        var string: String
    }

    /// Slots in the table: far more than the distinct names of a large hierarchy (10 gateways ×
    /// 20 endpoints), so collisions are rare.
    private static let slotCount = 4096
    private var slots: [Slot?] = Array(repeating: nil, count: slotCount)

    /// The shared string for `bytes`, or nil when they are not UTF-8 (never cached).
    func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        // FNV-1a: cheap, and good enough to spread short ASCII names.
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        let index = Int(hash % UInt64(Self.slotCount))
        if let slot = slots[index], Self.equal(slot.bytes, bytes) {
            return slot.string
        }
        guard let string = String(validating: bytes, as: UTF8.self) else { return nil }
        slots[index] = Slot(bytes: Array(bytes), string: string)
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
