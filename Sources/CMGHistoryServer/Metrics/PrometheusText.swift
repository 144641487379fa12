/// Gauges in Prometheus's text exposition format (version 0.0.4): each family's `# HELP` and
/// `# TYPE` once, then its series in the order added, integers exact (no float rounding of a
/// byte count past 2^53), label values escaped as the format says.
struct PrometheusText {
    private var families: [(name: String, help: String, series: [(labels: [(String, String)], value: Int64)])] = []

    /// Adds the gauge `name` (documented by `help`) for `labels`; a nil value adds no series.
    mutating func gauge(_ name: String, _ help: String, _ labels: [(String, String)], _ value: Int64?) {
        let index = families.firstIndex { $0.name == name } ?? {
            families.append((name, help, []))
            return families.count - 1
        }()
        if let value { families[index].series.append((labels, value)) }
    }

    var text: String {
        var out = ""
        for family in families {
            out += "# HELP \(family.name) \(Self.escapeHelp(family.help))\n# TYPE \(family.name) gauge\n"
            for series in family.series {
                let labels = series.labels.map { "\($0.0)=\"\(Self.escapeLabel($0.1))\"" }.joined(separator: ",")
                out += "\(family.name){\(labels)} \(series.value)\n"
            }
        }
        return out
    }

    /// A label value: `\`, `"` and line feeds escaped; other control characters (which no name
    /// the history stores holds) become spaces rather than break the line.
    static func escapeLabel(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(scalar.properties.generalCategory == .control ? " " : scalar)
            }
        }
        return out
    }

    /// Help text: `\` and line feeds escaped.
    static func escapeHelp(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }
}
