/// A trend report as JSON, written directly: the same bytes `JSONRender` gives (sorted keys,
/// snake_case, explicit nulls, two-space indent), a test checks it, at a fraction of the cost.
/// A three-year daily trend has tens of thousands of points: `JSONEncoder`, and then string
/// concatenation, spent more time on them than the report took to compute, so this writes bytes.
package enum TrendJSON {
    package static func render(_ r: TrendReport) -> String {
        var out = JSONBytes()
        out.reserve(512 + r.series.reduce(0) { $0 + $1.points.count } * 300)
        out.open()
        out.key("bucket", 1); out.string(r.bucket); out.next()
        out.key("from", 1); out.string(r.from); out.next()
        out.key("metric", 1); out.string(r.metric); out.next()
        out.key("operations", 1)
        out.array(r.operations, indent: 1) { out, o, level in
            out.open()
            out.key("at", level + 1); out.string(o.at); out.next()
            out.key("gateway", level + 1); out.string(o.gateway); out.next()
            out.key("kind", level + 1); out.string(o.kind); out.next()
            out.key("outcome", level + 1); out.string(o.outcome); out.last()
            out.close(level)
        }
        out.next()
        out.key("percentile", 1); out.string(r.percentile); out.next()
        out.key("provenance", 1)
        if let p = r.provenance {
            out.open()
            out.key("arguments", 2)
            if let arguments = p.arguments { out.string(arguments) } else { out.null() }
            out.next()
            out.key("database", 2); out.string(p.database); out.next()
            out.key("generated_at", 2); out.string(p.generatedAt); out.last()
            out.close(1)
        } else {
            out.null()
        }
        out.next()
        out.key("report", 1); out.string(r.report); out.next()
        out.key("series", 1)
        out.array(r.series, indent: 1) { out, s, level in
            out.open()
            out.key("endpoint", level + 1); out.string(s.endpoint); out.next()
            out.key("gateway", level + 1); out.string(s.gateway); out.next()
            out.key("points", level + 1)
            out.array(s.points, indent: level + 1) { out, p, level in
                let l = level + 1
                out.open()
                out.key("count", l); out.integer(p.count.map(Int64.init)); out.next()
                out.key("coverage", l); out.double(p.coverage); out.next()
                out.key("end", l); out.string(p.end); out.next()
                out.key("expected_samples", l); out.integer(p.expectedSamples); out.next()
                out.key("max", l); out.integer(p.max); out.next()
                out.key("mean", l); out.double(p.mean); out.next()
                out.key("min", l); out.integer(p.min); out.next()
                out.key("p95", l); out.integer(p.p95); out.next()
                out.key("partial", l); out.bool(p.partial); out.next()
                out.key("pruned", l); out.bool(p.pruned); out.next()
                out.key("samples", l); out.integer(p.samples); out.next()
                out.key("start", l); out.string(p.start); out.next()
                out.key("sum", l); out.integer(p.sum); out.next()
                out.key("unknown_seconds", l); out.integer(p.unknownSeconds); out.last()
                out.close(level)
            }
            out.last()
            out.close(level)
        }
        out.next()
        out.key("time_zone", 1); out.string(r.timeZone); out.next()
        out.key("to", 1); out.string(r.to); out.last()
        out.append("}\n")
        return out.text
    }
}

/// JSON as `JSONEncoder` writes it with `.prettyPrinted` (`"key" : value`, two-space indent),
/// appended as bytes.
struct JSONBytes {
    private var bytes: [UInt8] = []

    var text: String { String(decoding: bytes, as: UTF8.self) }

    mutating func reserve(_ count: Int) { bytes.reserveCapacity(count) }

    mutating func append(_ literal: StaticString) {
        literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func indent(_ level: Int) {
        for _ in 0..<level { append("  ") }
    }

    mutating func open() { append("{\n") }
    mutating func close(_ level: Int) {
        indent(level)
        append("}")
    }
    mutating func next() { append(",\n") }
    mutating func last() { append("\n") }
    mutating func null() { append("null") }
    mutating func bool(_ value: Bool) { value ? append("true") : append("false") }

    mutating func key(_ name: StaticString, _ level: Int) {
        indent(level)
        append("\"")
        append(name)
        append("\" : ")
    }

    /// Elements at `indent + 1`, separated by commas; an empty array as JSONEncoder writes it.
    mutating func array<Element>(_ elements: [Element], indent level: Int, _ element: (inout JSONBytes, Element, Int) -> Void) {
        guard !elements.isEmpty else {
            append("[\n\n")
            indent(level)
            append("]")
            return
        }
        append("[\n")
        for (index, value) in elements.enumerated() {
            if index > 0 { append(",\n") }
            indent(level + 1)
            element(&self, value, level + 1)
        }
        append("\n")
        indent(level)
        append("]")
    }

    mutating func string(_ text: String?) {
        guard var text else { return null() }
        // Most strings (instants, names) need no escaping: copy their bytes as they are.
        let plain = text.withUTF8 { utf8 in
            guard !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else { return false }
            bytes.append(UInt8(ascii: "\""))
            bytes.append(contentsOf: utf8)
            bytes.append(UInt8(ascii: "\""))
            return true
        }
        if !plain { bytes.append(contentsOf: Fields.jsonString(text).utf8) }
    }

    mutating func integer(_ value: Int64?) {
        guard let value else { return null() }
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        // Digits come out least significant first: append them, then turn them round.
        let first = bytes.count
        var magnitude = value.magnitude
        repeat {
            bytes.append(UInt8(48 + magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        bytes[first...].reverse()
    }

    /// Doubles as JSONEncoder writes them: whole values without a fraction, others shortest.
    mutating func double(_ value: Double?) {
        guard let value else { return null() }
        if value == value.rounded(), abs(value) < 1e15 { return integer(Int64(value)) }
        bytes.append(contentsOf: String(value).utf8)
    }
}
