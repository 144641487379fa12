#if canImport(Hummingbird)
import CMGHistory
import Foundation
import HTTPTypes
import Hummingbird

/// A dashboard page: the report renderers' self-contained HTML with the dashboard's navigation
/// on top, links that carry the page's zone, and no scripts. Cards and tables fit 1400 px and
/// 390 px alike: the cards flow into columns, wide tables scroll, charts scale down whole.
enum DashboardPage {
    static let style = """
        header.nav { display: flex; flex-wrap: wrap; gap: 0.4em 1.2em; align-items: baseline; border-bottom: 2px solid #0063b1; padding-bottom: 0.4em; }
        header.nav a { color: #0063b1; text-decoration: none; font-weight: 600; } header.nav a.here { color: #1b1b1b; border-bottom: 2px solid #1b1b1b; }
        header.nav .brand { font-weight: 700; margin-right: 0.6em; } header.nav form { margin-left: auto; }
        .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 1em; margin: 1em 0; }
        .card { border: 1px solid #ccc; border-left: 6px solid #107c10; padding: 0.6em 0.9em; border-radius: 4px; }
        .card.warning { border-left-color: #ca5010; } .card.critical { border-left-color: #a4262c; } .card.unknown { border-left-color: #8a8886; }
        .card h2 { margin: 0 0 0.3em 0; font-size: 1.05em; border: 0; overflow-wrap: anywhere; } .card h2 a { color: #1b1b1b; }
        .card dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 0.15em 0.8em; margin: 0.3em 0; font-size: 0.92em; }
        .card dt { color: #555; } .card dd { margin: 0; font-variant-numeric: tabular-nums; min-width: 0; overflow-wrap: anywhere; }
        .card ul { margin: 0.3em 0; padding-left: 1.2em; font-size: 0.9em; }
        .gauge { display: block; height: 6px; background: #eee; margin-top: 2px; width: 100%; max-width: 14em; } .gauge span { display: block; height: 6px; background: #107c10; }
        .gauge.warning span { background: #ca5010; } .gauge.critical span { background: #a4262c; }
        li.critical { color: #a4262c; font-weight: 600; } li.warning { color: #8a3b00; }
        .state { font-weight: 600; } .state.critical { color: #a4262c; } .state.unknown { color: #8a8886; }
        form.query { display: flex; flex-wrap: wrap; gap: 0.5em 1em; align-items: end; margin: 0.8em 0; padding: 0.6em; background: #f6f6f6; }
        form.query label { display: flex; flex-direction: column; font-size: 0.85em; color: #444; }
        input, select, button { font: inherit; padding: 0.2em 0.4em; }
        """

    enum Section: String { case fleet, capacity, timeline, expiry }

    /// `path` with `query` (names repeat for lists), percent-encoded: the link a page is mailed as.
    static func link(_ path: String, _ query: [(String, String)]) -> String {
        let pairs = query.filter { !$0.1.isEmpty }.map { "\(encode($0.0))=\(encode($0.1))" }
        return pairs.isEmpty ? path : path + "?" + pairs.joined(separator: "&")
    }

    /// RFC 3986's unreserved characters: everything else in a query word is percent-encoded.
    static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    /// The navigation: each section's link keeps the zone the page is in.
    static func header(_ here: Section?, zone: ReportZone, signedIn: Bool) -> String {
        let tz = zone.identifier == "UTC" ? [] : [("tz", zone.identifier)]
        var out = "<header class=\"nav\"><span class=\"brand\">CMG History</span>"
        for (section, label, path) in [(Section.fleet, "Fleet", "/"), (.capacity, "Capacity", "/capacity"),
                                       (.timeline, "Timeline", "/timeline"), (.expiry, "Expiry", "/expiry")] {
            let mark = section == here ? " class=\"here\" aria-current=\"page\"" : ""
            out += "<a href=\"\(HTMLPage.escape(link(path, tz)))\"\(mark)>\(label)</a>"
        }
        if signedIn {
            out += "<form method=\"post\" action=\"/logout\"><button type=\"submit\">Sign out</button></form>"
        }
        return out + "</header>\n"
    }

    /// `2026-10-31 23:05` in the page's zone (which the page names once).
    static func local(_ instant: UnixSeconds, _ zone: ReportZone) -> String {
        String(zone.format(instant).prefix(16)).replacingOccurrences(of: "T", with: " ")
    }

    static func render(title: String, body: String, here: Section?, zone: ReportZone, signedIn: Bool) -> String {
        HTMLPage.render(title: title + " · CMG History", body: body, header: header(here, zone: zone, signedIn: signedIn), style: style)
    }

    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!

    static func response(_ html: String, status: HTTPResponse.Status = .ok, headers extra: HTTPFields = [:]) -> Response {
        // No scripts, nothing fetched: the policy says so, and a page cannot be framed elsewhere.
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
                                   .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
                                   .xContentTypeOptions: "nosniff", referrerPolicy: "same-origin"]
        headers.append(contentsOf: extra)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
#endif
