#if canImport(Hummingbird)
import CMGHistory
import Foundation
import Hummingbird

/// An answer other than 200, with a JSON body that says why: `{"error": {"status": 413, "message": "…"}}`,
/// and for a refused import its summary (what was stored, and each rejected line).
struct APIError: HTTPResponseError {
    struct Body: Encodable {
        struct Detail: Encodable {
            let status: Int
            let message: String
        }
        let error: Detail
        var `import`: ImportSummary?

        private enum CodingKeys: String, CodingKey { case error, `import` }

        /// `import` only when there is one: most errors are of no import.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(error, forKey: .error)
            try container.encodeIfPresent(`import`, forKey: .import)
        }
    }

    var status: HTTPResponse.Status
    var message: String
    var summary: ImportSummary?
    var headers: HTTPFields = [:]

    init(_ status: HTTPResponse.Status, _ message: String, summary: ImportSummary? = nil, headers: HTTPFields = [:]) {
        (self.status, self.message, self.summary, self.headers) = (status, message, summary, headers)
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = Body(error: .init(status: status.code, message: VisibleText.escape(message)), import: summary)
        var response = Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                                body: .init(byteBuffer: ByteBuffer(string: try JSONRender.render(body))))
        response.headers.append(contentsOf: headers)
        return response
    }
}

/// Turns every error a route or middleware throws into a JSON answer: the library's errors by
/// what they mean (a report asked wrongly is 400, a store that cannot answer 503), Hummingbird's
/// own (404 for a path or method no route has), and anything else a 500 that says no more than
/// that, since its text may hold a path or a server's message.
struct ErrorMappingMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as HTTPError {
            throw APIError(error.status, error.body ?? error.status.reasonPhrase, headers: error.headers)
        } catch let error as ReportError {
            throw APIError(.badRequest, error.description)
        } catch let error as ImportError {
            throw APIError(.badRequest, error.description)
        } catch let error as StoreError {
            context.logger.error("store: \(VisibleText.escape(error.description))")
            throw APIError(.serviceUnavailable, "the history cannot answer now", headers: [.retryAfter: "30"])
        } catch {
            context.logger.error("unexpected error: \(VisibleText.escape(String(describing: error)))")
            throw APIError(.internalServerError, "the server failed to answer; its log says why")
        }
    }
}
#endif
