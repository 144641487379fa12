import Foundation

/// JSON as `JSONEncoder` writes it with `.prettyPrinted` (`"key" : value`, two-space indent),
/// appended as bytes to memory it owns. A year's daily trend of ten gateways is 1.6 MB of
/// JSON in some 500,000 pieces; appended to an `[UInt8]` each piece cost about 120
/// instructions of bounds, uniqueness and capacity checks (a third of the whole report,
/// callgrind), here a capacity test and a copy.
struct JSONBytes: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int

    init(capacity: Int = 4096) {
        self.capacity = max(64, capacity)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    var text: String { String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self) }

    /// Room for `n` more bytes.
    @inline(__always) private mutating func ensure(_ n: Int) {
        if capacity - count < n { grow(n) }
    }

    private mutating func grow(_ n: Int) {
        let larger = max(capacity * 2, count + n)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        moved.initialize(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = larger
    }

    @inline(__always) private mutating func byte(_ b: UInt8) {
        ensure(1)
        base[count] = b
        count += 1
    }

    private mutating func bytes(_ source: UnsafeBufferPointer<UInt8>) {
        guard let start = source.baseAddress, !source.isEmpty else { return }
        ensure(source.count)
        (base + count).initialize(from: start, count: source.count)
        count += source.count
    }

    mutating func append(_ literal: StaticString) {
        literal.withUTF8Buffer { bytes($0) }
    }

    /// Two spaces a level.
    mutating func indent(_ level: Int) {
        let n = 2 * max(0, level)
        ensure(n)
        (base + count).initialize(repeating: UInt8(ascii: " "), count: n)
        count += n
    }

    mutating func open() { append("{\n") }
    mutating func close(_ level: Int) {
        indent(level)
        byte(UInt8(ascii: "}"))
    }
    mutating func next() { append(",\n") }
    mutating func last() { byte(UInt8(ascii: "\n")) }
    mutating func null() { append("null") }
    mutating func bool(_ value: Bool) { value ? append("true") : append("false") }

    mutating func key(_ name: StaticString, _ level: Int) {
        indent(level)
        byte(UInt8(ascii: "\""))
        append(name)
        append("\" : ")
    }

    /// Elements at `indent + 1`, separated by commas; an empty array as JSONEncoder writes it.
    mutating func array<Element>(_ elements: [Element], indent level: Int, _ element: (inout JSONBytes, Element, Int) -> Void) {
        guard !elements.isEmpty else {
            append("[\n\n")
            indent(level)
            byte(UInt8(ascii: "]"))
            return
        }
        append("[\n")
        for (index, value) in elements.enumerated() {
            if index > 0 { append(",\n") }
            indent(level + 1)
            element(&self, value, level + 1)
        }
        byte(UInt8(ascii: "\n"))
        indent(level)
        byte(UInt8(ascii: "]"))
    }

    mutating func string(_ text: String?) {
        guard var text else { return null() }
        // Most strings (instants, names) need no escaping: copy their bytes as they are.
        let plain = text.withUTF8 { utf8 in
            guard !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else { return false }
            byte(UInt8(ascii: "\""))
            bytes(utf8)
            byte(UInt8(ascii: "\""))
            return true
        }
        if !plain {
            var escaped = Fields.jsonString(text)
            escaped.withUTF8 { bytes($0) }
        }
    }

    mutating func integer(_ value: Int64?) {
        guard let value else { return null() }
        var magnitude = value.magnitude
        var digits = 1
        var rest = magnitude
        while rest >= 10 {
            rest /= 10
            digits += 1
        }
        ensure(digits + 1)
        if value < 0 { byte(UInt8(ascii: "-")) }
        // Least significant first, from the end of the number's room.
        var at = count + digits
        repeat {
            at -= 1
            base[at] = UInt8(48 + magnitude % 10)
            magnitude /= 10
        } while magnitude > 0
        count += digits
    }

    /// Doubles as JSONEncoder writes them: whole values without a fraction, others shortest.
    mutating func double(_ value: Double?) {
        guard let value else { return null() }
        if value == value.rounded(), abs(value) < 1e15 { return integer(Int64(value)) }
        var shortest = String(value)
        shortest.withUTF8 { bytes($0) }
    }
}
