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
        if let done: Void = bytes.withContiguousStorageIfAvailable({ decode(UnsafeRawBufferPointer($0), into: &values) }) { return done }
        Array(bytes).withUnsafeBytes { decode($0, into: &values) }
    }

    /// The same over raw bytes: room for every value is made at once (a value ends at each
    /// byte without its high bit), then filled through a pointer. A year's daily trend of ten
    /// gateways decodes a million values; appended one at a time they cost 40 instructions each.
    static func decode(_ bytes: UnsafeRawBufferPointer, into values: inout [Int64]) {
        var ends = 0
        for byte in bytes where byte & 0x80 == 0 { ends += 1 }
        guard ends > 0 else { return }
        let start = values.count
        values.append(contentsOf: repeatElement(0, count: ends))
        let written = values.withUnsafeMutableBufferPointer { out -> Int in
            var previous: Int64 = 0
            var delta: UInt64 = 0
            var shift: UInt64 = 0
            var at = start
            for byte in bytes {
                guard shift < 64 else { break }
                delta |= UInt64(byte & 0x7F) << shift
                if byte & 0x80 == 0 {
                    previous &+= Int64(bitPattern: delta)
                    out[at] = previous
                    at += 1
                    delta = 0
                    shift = 0
                } else {
                    shift += 7
                }
            }
            return at - start
        }
        if written < ends { values.removeLast(ends - written) }
    }
}
