/// A multiset of non-negative integers stored compactly: sorted, as unsigned LEB128 deltas.
///
/// Rollups keep every sample value of their hour this way, so that percentiles computed from
/// rollups are exact (the nearest-rank p95 of DESIGN §4) and rollups merge by concatenation.
/// Twelve 5-minute samples of a few thousand clients take about 20 bytes.
enum ValueList {
    static func encode(_ values: [Int64]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(values.count * 2)
        var previous: Int64 = 0
        for value in values.sorted() {
            var delta = UInt64(bitPattern: value &- previous)
            previous = value
            while delta >= 0x80 {
                out.append(UInt8(delta & 0x7F) | 0x80)
                delta >>= 7
            }
            out.append(UInt8(delta))
        }
        return out
    }

    /// Appends the decoded values to `values`; stops quietly at a truncated final value.
    static func decode<Bytes: Collection<UInt8>>(_ bytes: Bytes, into values: inout [Int64]) {
        var previous: Int64 = 0
        var delta: UInt64 = 0
        var shift: UInt64 = 0
        for byte in bytes {
            guard shift < 64 else { return }
            delta |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 {
                previous &+= Int64(bitPattern: delta)
                values.append(previous)
                delta = 0
                shift = 0
            } else {
                shift += 7
            }
        }
    }
}
