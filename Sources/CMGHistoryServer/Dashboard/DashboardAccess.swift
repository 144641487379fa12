#if canImport(Hummingbird)
import CMGHistory
import Foundation
import HTTPTypes
import Hummingbird

/// Who may see the dashboard. A browser cannot send `Authorization: Bearer` on a link, so a read
/// token is entered once on `/login` and kept in an HttpOnly cookie (a tab's scripts never see
/// it; `SameSite=Lax` sends it on a mailed link but not on another site's form post); the server
/// still stores only the token's hash. `serve --open-dashboard` lets pages through without one,
/// for a proxy that signs users in itself. The read API and `/metrics` take the cookie as well
/// (a page's CSV link); ingest only ever takes a Bearer header.
struct DashboardAccess: Sendable {
    static let cookie = "cmgh_token"
    static let forwardedProto = HTTPField.Name("X-Forwarded-Proto")!
    let tokens: TokenCheck
    let open: Bool

    enum Verdict {
        case allowed(APIToken?)
        case signIn(reason: String?)
        case forbidden(String)
    }

    /// The token a request carries: a Bearer header (a script), else the sign-in cookie (a browser).
    static func presented(_ request: Request) -> String? {
        if let bearer = bearer(request) { return bearer }
        if let cookie = request.cookies[Self.cookie]?.value, !cookie.isEmpty { return cookie }
        return nil
    }

    /// `Authorization: Bearer TOKEN`; the scheme in any case (RFC 9110 §11.1: PowerShell and
    /// proxies send "bearer" too).
    static func bearer(_ request: Request) -> String? {
        guard let header = request.headers[.authorization], header.utf8.count > 7, header.prefix(7).lowercased() == "bearer " else { return nil }
        return header.dropFirst(7).trimmingCharacters(in: .whitespaces)
    }

    func verdict(_ presented: String?) async throws -> Verdict {
        if open { return .allowed(nil) }
        guard let presented else { return .signIn(reason: nil) }
        guard let token = try await tokens.check(presented) else { return .signIn(reason: "That token is unknown or was revoked.") }
        guard token.scope.allows(.read) else {
            return .forbidden("Token \(token.name) has scope \(token.scope.rawValue); the dashboard needs a read or admin token.")
        }
        return .allowed(token)
    }

    /// Where to go after signing in: a path of this server only (never `//host` or a scheme).
    static func safeNext(_ text: String?) -> String {
        guard let text, text.hasPrefix("/"), !text.hasPrefix("//"), !text.hasPrefix("/\\"),
              !text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return "/" }
        return text
    }

    /// The cookie a sign-in sets: `Secure` unless the browser asked this server itself on a
    /// loopback address over plain HTTP (a TLS proxy in front, whatever it forwards, gets `Secure`).
    static func cookie(_ value: String, for request: Request, clearing: Bool = false) throws -> Cookie {
        try Cookie.validated(name: Self.cookie, value: value, maxAge: clearing ? 0 : nil, path: "/", secure: secure(request),
                             httpOnly: true, sameSite: .lax)
    }

    static func secure(_ request: Request) -> Bool {
        secure(authority: request.head.authority, forwardedProto: request.headers[forwardedProto])
    }

    static func secure(authority: String?, forwardedProto: String?) -> Bool {
        if forwardedProto?.lowercased().hasPrefix("https") == true { return true }
        guard let authority, !authority.isEmpty else { return false }
        let host = authority.hasPrefix("[") ? String(authority.prefix { $0 != "]" }.dropFirst()) : String(authority.prefix { $0 != ":" })
        return !(host.lowercased() == "localhost" || host == "::1" || host.hasPrefix("127."))
    }
}

/// Lets a page request through when ``DashboardAccess`` allows it; sends a browser without a
/// token to the sign-in form with the page it asked for.
struct DashboardMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let access: DashboardAccess

    func handle(_ request: Request, context: ServerContext,
                next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        switch try await access.verdict(DashboardAccess.presented(request)) {
        case .allowed(let token):
            var context = context
            context.token = token
            return try await next(request, context)
        case .signIn(let reason):
            let here = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
            var query = [("next", here)]
            if reason != nil { query.append(("expired", "1")) }
            var headers: HTTPFields = [.location: DashboardPage.link("/login", query)]
            if reason != nil { headers[.setCookie] = try DashboardAccess.cookie("", for: request, clearing: true).description }
            return Response(status: .seeOther, headers: headers)
        case .forbidden(let message):
            throw APIError(.forbidden, message)
        }
    }
}

/// Every error of a page route (the sign-in check's included) as a page with its status and
/// headers (`Retry-After` on a 503), mapped as the API maps them.
struct PageErrorMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let signedIn: Bool

    func handle(_ request: Request, context: ServerContext,
                next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        do {
            return try await ErrorMappingMiddleware<ServerContext>().handle(request, context: context, next: next)
        } catch let error as APIError {
            let zone = request.uri.queryParameters.get("tz").flatMap { try? ReportZone(identifier: $0) } ?? .utc
            return ErrorPage.response(error, signedIn: signedIn, zone: zone)
        }
    }
}

/// An error as a page: the status, the reason in words, and the way back.
enum ErrorPage {
    static func response(_ error: APIError, signedIn: Bool, zone: ReportZone = .utc) -> Response {
        let body = "<h1>\(error.status.code) \(HTMLPage.escape(error.status.reasonPhrase))</h1>\n"
            + "<p class=\"warn\">\(HTMLPage.escape(error.message))</p>\n<p><a href=\"/\">Back to the fleet</a></p>\n"
        return DashboardPage.response(DashboardPage.render(title: error.status.reasonPhrase, body: body, here: nil, zone: zone, signedIn: signedIn),
                                      status: error.status, headers: error.headers)
    }
}
#endif
