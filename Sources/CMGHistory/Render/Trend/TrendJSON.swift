/// A trend report as JSON, written directly: the same bytes `JSONRender` gives (sorted keys,
/// snake_case, explicit nulls, two-space indent), a test checks it, at a fraction of the cost.
/// A three-year daily trend has tens of thousands of points, and `JSONEncoder` spent more time
/// on them than the report took to compute.
public enum TrendJSON {
    public static func render(_ r: TrendReport) -> String {
        var out = "{\n"
        out += field("bucket", string(r.bucket), 1)
        out += field("from", string(r.from), 1)
        out += field("metric", string(r.metric), 1)
        out += "  \"operations\" : " + array(r.operations.map(operation), indent: 1) + ",\n"
        out += field("percentile", string(r.percentile), 1)
        out += "  \"provenance\" : " + (r.provenance.map(provenance) ?? "null") + ",\n"
        out += field("report", string(r.report), 1)
        out += "  \"series\" : " + array(r.series.map(series), indent: 1) + ",\n"
        out += field("time_zone", string(r.timeZone), 1)
        out += "  \"to\" : " + string(r.to) + "\n}\n"
        return out
    }

    private static func pad(_ level: Int) -> String { String(repeating: "  ", count: level) }

    private static func field(_ key: String, _ value: String, _ level: Int, last: Bool = false) -> String {
        pad(level) + "\"" + key + "\" : " + value + (last ? "\n" : ",\n")
    }

    /// Elements already rendered at `indent + 1`; an empty array as JSONEncoder writes it.
    private static func array(_ elements: [(Int) -> String], indent: Int) -> String {
        guard !elements.isEmpty else { return "[\n\n" + pad(indent) + "]" }
        return "[\n" + elements.map { pad(indent + 1) + $0(indent + 1) }.joined(separator: ",\n") + "\n" + pad(indent) + "]"
    }

    private static func operation(_ o: OperationMark) -> (Int) -> String {
        { level in
            "{\n" + field("at", string(o.at), level + 1) + field("gateway", string(o.gateway), level + 1)
                + field("kind", string(o.kind), level + 1) + field("outcome", string(o.outcome), level + 1, last: true)
                + pad(level) + "}"
        }
    }

    private static func provenance(_ p: ReportProvenance) -> String {
        "{\n" + field("database", string(p.database), 2) + field("generated_at", string(p.generatedAt), 2, last: true) + "  }"
    }

    private static func series(_ s: TrendReport.Series) -> (Int) -> String {
        { level in
            "{\n" + field("endpoint", s.endpoint.map(string) ?? "null", level + 1)
                + field("gateway", string(s.gateway), level + 1)
                + pad(level + 1) + "\"points\" : " + array(s.points.map(point), indent: level + 1) + "\n"
                + pad(level) + "}"
        }
    }

    private static func point(_ p: TrendReport.Point) -> (Int) -> String {
        { level in
            let l = level + 1
            return "{\n" + field("count", String(p.count), l) + field("end", string(p.end), l) + field("max", number(p.max), l)
                + field("mean", p.mean.map(number) ?? "null", l) + field("min", number(p.min), l) + field("p95", number(p.p95), l)
                + field("start", string(p.start), l) + field("sum", number(p.sum), l, last: true) + pad(level) + "}"
        }
    }

    private static func number(_ value: Int64?) -> String { value.map { String($0) } ?? "null" }

    /// Doubles as JSONEncoder writes them: whole values without a fraction, others shortest.
    private static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    private static func string(_ text: String) -> String { Fields.jsonString(text) }
}
