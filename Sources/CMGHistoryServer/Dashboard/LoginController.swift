#if canImport(Hummingbird)
import CMGHistory
import Foundation
import Hummingbird

/// `GET /login` (the form), `POST /login` (a read token: the cookie, then the page asked for)
/// and `POST /logout` (the cookie cleared).
struct LoginController: Sendable {
    let access: DashboardAccess
    /// A sign-in form is a token and a path; anything longer is not one.
    static let formLimit = 4096

    func addRoutes(to router: RouterGroup<ServerContext>) {
        router.get("login", use: form)
        router.post("login", use: signIn)
        router.post("logout", use: signOut)
    }

    static func page(next: String, message: String?, status: HTTPResponse.Status = .ok) -> Response {
        var body = "<h1>Sign in</h1>\n"
        if let message { body += "<p class=\"warn\" role=\"alert\">\(HTMLPage.escape(message))</p>\n" }
        body += """
            <p>Paste a token of scope <b>read</b>. An administrator makes one with
            <code>cmg-history token create --name NAME --scope read --out FILE</code>.</p>
            <form class="query" method="post" action="/login">
            <label>Token <input type="password" name="token" autocomplete="current-password" required size="50"></label>
            <input type="hidden" name="next" value="\(HTMLPage.escape(next))">
            <button type="submit">Sign in</button>
            </form>
            <p class="note">The browser keeps the token in a cookie scripts cannot read, until it closes or you sign out.</p>

            """
        return DashboardPage.response(DashboardPage.render(title: "Sign in", body: body, here: nil, zone: .utc, signedIn: false), status: status)
    }

    @Sendable func form(_ request: Request, context: ServerContext) async throws -> Response {
        let query = request.uri.queryParameters
        let next = DashboardAccess.safeNext(query.get("next"))
        return Self.page(next: next, message: query.get("expired") == "1" ? "The token this browser had is unknown or was revoked: sign in again." : nil)
    }

    @Sendable func signIn(_ request: Request, context: ServerContext) async throws -> Response {
        var request = request
        let buffer: ByteBuffer
        do { buffer = try await request.collectBody(upTo: Self.formLimit) } catch {
            return Self.page(next: "/", message: "The sign-in form was too long.", status: .contentTooLarge)
        }
        let fields = FormFields(String(buffer: buffer))
        let next = DashboardAccess.safeNext(fields["next"])
        guard let token = fields["token"]?.trimmingCharacters(in: .whitespacesAndNewlines), !token.isEmpty else {
            return Self.page(next: next, message: "Paste a token.", status: .badRequest)
        }
        if access.open { return Response(status: .seeOther, headers: [.location: next]) }
        switch try await access.verdict(token) {
        case .allowed:
            var response = Response(status: .seeOther, headers: [.location: next])
            response.setCookie(try DashboardAccess.cookie(token, for: request))
            return response
        case .signIn(let reason):
            var page = Self.page(next: next, message: reason ?? "That token is unknown or was revoked.", status: .unauthorized)
            page.headers[.wwwAuthenticate] = "Bearer"
            return page
        case .forbidden(let message):
            return Self.page(next: next, message: message, status: .forbidden)
        }
    }

    @Sendable func signOut(_ request: Request, context: ServerContext) async throws -> Response {
        var response = Response(status: .seeOther, headers: [.location: "/login"])
        response.setCookie(try DashboardAccess.cookie("", for: request, clearing: true))
        return response
    }
}

/// The fields of an `application/x-www-form-urlencoded` body (`+` is a space); the first of a
/// repeated name counts.
struct FormFields {
    private var values: [String: String] = [:]

    init(_ body: String) {
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String? { s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding }
            guard let name = parts.first.flatMap(decode) else { continue }
            let value = parts.count > 1 ? decode(parts[1]) : ""
            if values[name] == nil, let value { values[name] = value }
        }
    }

    subscript(_ name: String) -> String? { values[name] }
}
#endif
