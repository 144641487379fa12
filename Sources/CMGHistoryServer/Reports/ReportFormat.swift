#if canImport(Hummingbird)
import Hummingbird

/// The shape a report is answered in: `?format=` when given (a link carries it), else the first
/// of `Accept` the server writes, else JSON. Each is what `report … --format F --reproducible`
/// prints for the same history.
enum ReportFormat: String, CaseIterable {
    case json, csv, markdown, html

    var contentType: String {
        switch self {
        case .json: "application/json; charset=utf-8"
        case .csv: "text/csv; charset=utf-8"
        case .markdown: "text/markdown; charset=utf-8"
        case .html: "text/html; charset=utf-8"
        }
    }

    static func of(_ request: Request) throws -> ReportFormat {
        if let asked = request.uri.queryParameters.get("format") {
            guard let format = ReportFormat(rawValue: asked) else {
                throw APIError(.badRequest, "format must be json, csv, markdown or html, not \(asked)")
            }
            return format
        }
        let accept = request.headers[.accept] ?? ""
        for range in accept.split(separator: ",") {
            let type = range.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            switch type {
            case "application/json": return .json
            case "text/csv": return .csv
            case "text/markdown": return .markdown
            case "text/html": return .html
            default: continue
            }
        }
        return .json
    }

    func response(_ text: String) -> Response {
        Response(status: .ok, headers: [.contentType: contentType], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
#endif
