/// The name of an Azure VM size, as a CMG's properties show it (`Standard_A2_v2`).
package enum VMSizeName {
    /// `size` in its canonical spelling when it is a VM size: one of the sizes the capacity
    /// policy knows (compared without regard to case, written as listed), or any Azure-looking
    /// name, `Standard_` then letters, digits and `_`, of at most 255 bytes (Azure adds sizes
    /// faster than this table: such a size is stored, its capacity just unknown). Nil otherwise.
    package static func canonical(_ size: String) -> String? {
        let trimmed = size.trimmingSpaces
        if let known = CapacityPolicy.clientsPerInstance.keys.first(where: { $0.caseInsensitiveCompare(trimmed) == .orderedSame }) {
            return known
        }
        guard trimmed.utf8.count <= ValueLimits.maximumNameBytes, trimmed.utf8.count > prefix.utf8.count,
              trimmed.lowercased().hasPrefix(prefix.lowercased()),
              trimmed.utf8.allSatisfy({ $0 < 0x80 && (Character(Unicode.Scalar($0)).isLetter || Character(Unicode.Scalar($0)).isNumber || $0 == UInt8(ascii: "_")) })
        else { return nil }
        return trimmed
    }

    static let prefix = "Standard_"

    /// Says what a VM size must look like, for messages.
    package static let expected = "a VM size such as Standard_A2_v2 (known: "
        + CapacityPolicy.clientsPerInstance.keys.sorted().joined(separator: ", ") + "; or any Standard_… name of at most 255 bytes)"
}
