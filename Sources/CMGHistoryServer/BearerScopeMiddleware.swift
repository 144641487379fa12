#if canImport(Hummingbird)
import CMGHistory
import Foundation
import Hummingbird

/// Lets a request through only with `Authorization: Bearer TOKEN` for a valid token whose scope
/// allows `required`: 401 (with `WWW-Authenticate: Bearer`) without one or with an unknown or
/// revoked one, 403 for a token of another scope. The token never reaches a log. Read routes
/// take the dashboard's sign-in cookie as well.
struct BearerScopeMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let tokens: TokenCheck
    let required: TokenScope

    func handle(_ request: Request, context: ServerContext,
                next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        // A dashboard's reader may follow a link to the read API (a CSV) with the sign-in cookie;
        // writing always takes the header, so another site's form cannot post with the cookie.
        let presented = required == .read ? DashboardAccess.presented(request) : DashboardAccess.bearer(request)
        guard let presented else {
            throw APIError(.unauthorized, "send Authorization: Bearer TOKEN (cmg-history token create)", headers: [.wwwAuthenticate: "Bearer"])
        }
        guard let token = try await tokens.check(presented) else {
            throw APIError(.unauthorized, "the bearer token is unknown or revoked",
                           headers: [.wwwAuthenticate: "Bearer error=\"invalid_token\""])
        }
        guard token.scope.allows(required) else {
            throw APIError(.forbidden, "token \(token.name) has scope \(token.scope.rawValue); this needs \(required.rawValue)")
        }
        var context = context
        context.token = token
        return try await next(request, context)
    }
}

/// Looks a presented token up in the store, on the read pool: a lookup is a read, and now and
/// then a stamp of its use.
struct TokenCheck: Sendable {
    let store: HistoryStore
    let work: BlockingWork

    func check(_ presented: String) async throws -> APIToken? {
        let store = self.store
        return try await work.run { try store.authenticate(presented, now: Int64(Date().timeIntervalSince1970)) }
    }
}
#endif
