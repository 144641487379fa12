#if canImport(Hummingbird)
import Hummingbird

/// `GET /api/v1/openapi.json`: the server's routes as an OpenAPI 3.1 document, written by hand
/// next to the handlers it describes. Every response of the server's tests is checked against it
/// (`OpenAPIConformance` in ServerTests): its status, content type and the JSON's shape.
struct OpenAPIController: Sendable {
    func addRoutes(to router: Router<ServerContext>) {
        router.get("api/v1/openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.json)))
        }
    }
}

enum OpenAPIDocument {
    /// The document: its head, the API's paths, the dashboard's, then the shared components.
    static let json = #"""
    {
      "openapi": "3.1.0",
      "info": {
        "title": "CMG History server",
        "version": "1",
        "summary": "The history of Configuration Manager cloud management gateways: ingest for collectors, reports, a dashboard and metrics.",
        "description": "Every route but /healthz, /api/v1/openapi.json, /login and /logout needs a token (cmg-history token create): ingest a Bearer header, the read API, /metrics and the dashboard's pages a Bearer header or the sign-in cookie (pages none under serve --open-dashboard). Reports answer the bytes `cmg-history report ... --reproducible` prints, in the format ?format= or Accept asks for. Errors are JSON for the API and pages for the dashboard."
      },
      "servers": [{"url": "http://127.0.0.1:8080"}],
      "security": [{"bearer": []}, {"cookie": []}],
      "paths": {
    \#(OpenAPIPaths.api),
    \#(OpenAPIPaths.pages)
      },
      "components": {
    \#(OpenAPIComponents.shared),
    \#(OpenAPIComponents.schemas)
      }
    }
    """#
}
#endif
