#if canImport(Hummingbird)
import CMGHistory
import Hummingbird

/// `GET /api/v1/gateways`: every gateway, as `gateway list --format json` prints them, or CSV
/// (`?format=csv` or `Accept: text/csv`); a list has no Markdown or HTML (406).
struct GatewaysController: Sendable {
    let store: HistoryStore
    let work: BlockingWork

    func addRoutes(to group: RouterGroup<ServerContext>) {
        group.get(use: list)
    }

    @Sendable func list(_ request: Request, context: ServerContext) async throws -> Response {
        let format = try ReportFormat.of(request)
        guard format == .json || format == .csv else { throw APIError(.notAcceptable, "the gateway list is JSON or CSV, not \(format.rawValue)") }
        let store = self.store
        let gateways = try await work.run { try store.gateways() }
        if format == .csv {
            return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: GatewayListText.csv(gateways))))
        }
        return try context.responseEncoder.encode(gateways, from: request, context: context)
    }
}
#endif
