/// A trend report as JSON, written directly: the same bytes `JSONRender` gives (sorted keys,
/// snake_case, explicit nulls, two-space indent), a test checks it, at a fraction of the cost.
/// A three-year daily trend has tens of thousands of points: `JSONEncoder`, and then string
/// concatenation, spent more time on them than the report took to compute, so this writes bytes.
package enum TrendJSON {
    package static func render(_ r: TrendReport) -> String {
        var out = JSONBytes(capacity: 512 + r.series.reduce(0) { $0 + $1.points.count } * 480)
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
