#if canImport(Hummingbird)
import CMGHistory
import Hummingbird

/// `GET /api/v1/gateways`: every gateway, as `gateway list --format json` prints them (or CSV
/// for `Accept: text/csv`).
struct GatewaysController: Sendable {
    let store: HistoryStore
    let work: BlockingWork

    func addRoutes(to group: RouterGroup<ServerContext>) {
        group.get(use: list)
    }

    @Sendable func list(_ request: Request, context: ServerContext) async throws -> Response {
        let store = self.store
        let gateways = try await work.run { try store.gateways() }
        if request.headers[.accept]?.contains("text/csv") == true {
            return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: GatewayListText.csv(gateways))))
        }
        return try context.responseEncoder.encode(gateways, from: request, context: context)
    }
}
#endif
