#if canImport(Hummingbird)
import CMGHistory
import Hummingbird

/// What a request carries through the middleware to its handler: Hummingbird's own storage and
/// the token it was let in with.
public struct ServerContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The token the request was let in with; nil before ``BearerScopeMiddleware`` ran.
    public var token: APIToken?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        token = nil
    }

    /// JSON as the CLI writes it (keys in order, `/` unescaped).
    public var responseEncoder: CLIJSONEncoder { CLIJSONEncoder() }
}
#endif

#if canImport(Hummingbird)
import Foundation

/// Encodes a handler's value as the CLI's `--format json` writes it (``JSONRender``).
public struct CLIJSONEncoder: ResponseEncoder {
    public init() {}

    public func encode(_ value: some Encodable, from request: Request, context: some RequestContext) throws -> Response {
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: try JSONRender.render(value))))
    }
}
#endif
