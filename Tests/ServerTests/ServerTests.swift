#if canImport(HummingbirdTesting)
@testable import CMGHistory
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import CMGHistoryServer

/// `cmg-history serve` in-process: routes, token scopes and their answers, and the ingest API's
/// statuses and summaries, over a real SQLite history in a temporary folder.
@Suite("The server: auth, ingest and gateways")
struct ServerTests {
    /// A history with an ingest, a read and an admin token, and a spool folder, for one test.
    struct Fixture {
        let folder: URL
        let store: HistoryStore
        let ingest: String
        let read: String
        let admin: String
        var spool: String { folder.appendingPathComponent("spool").path }

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("cmg-server-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("spool"), withIntermediateDirectories: true)
            store = try HistoryStore(path: folder.appendingPathComponent("h.sqlite").path)
            ingest = try store.createToken(name: "collector", scope: .ingest, now: 1_000).token
            read = try store.createToken(name: "dashboard", scope: .read, now: 1_000).token
            admin = try store.createToken(name: "admin", scope: .admin, now: 1_000).token
        }

        func application(maxUploadBytes: Int = 1 << 20) -> some ApplicationProtocol {
            buildApplication(store: store, options: ServerOptions(port: 0, maxUploadBytes: maxUploadBytes, spoolDirectory: spool))
        }

        func bearer(_ token: String) -> HTTPFields { [.authorization: "Bearer \(token)"] }

        func post(_ name: String, _ token: String) -> HTTPFields {
            var fields = bearer(token)
            fields[IngestController.fileNameHeader] = name
            return fields
        }
    }

    static func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any])
    }

    static let lines = """
        {"type":"online_clients","gateway":"GraniteFalls.contoso.com","at":"2026-11-01T00:00:00Z","count":5}
        {"type":"online_clients","gateway":"GraniteFalls.contoso.com","at":"2026-11-01T00:05:00Z","count":7}

        """

    @Test func healthNeedsNoTokenAndEveryAPIRouteNeedsTheRightOne() async throws {
        let fixture = try Fixture()
        try await fixture.application().test(.router) { client in
            try await client.checked(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            // Without a token, with a malformed or unknown one: 401, saying how, with WWW-Authenticate
            for headers: HTTPFields in [[:], [.authorization: "Basic dXNlcjpwdw=="], fixture.bearer("cmgh_" + String(repeating: "A", count: 43))] {
                try await client.checked(uri: "/api/v1/gateways", method: .get, headers: headers) { response in
                    #expect(response.status == .unauthorized)
                    #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
                    let error = try Self.json(response)["error"] as? [String: Any]
                    #expect(error?["status"] as? Int == 401)
                }
            }
            // An ingest token cannot read, a read token cannot ingest: 403 naming both scopes
            try await client.checked(uri: "/api/v1/gateways", method: .get, headers: fixture.bearer(fixture.ingest)) { response in
                #expect(response.status == .forbidden)
                #expect(String(buffer: response.body).contains("token collector has scope ingest; this needs read"))
            }
            try await client.checked(uri: "/api/v1/ingest", method: .post, headers: fixture.post("a.ndjson", fixture.read),
                                     body: ByteBuffer(string: Self.lines)) { #expect($0.status == .forbidden) }
            // The scheme in any case, and spaces around the token, are the same token
            for header in ["bearer \(fixture.read)", "BEARER  \(fixture.read) "] {
                try await client.checked(uri: "/api/v1/gateways", method: .get, headers: [.authorization: header]) { #expect($0.status == .ok) }
            }
            // Admin may do both
            try await client.checked(uri: "/api/v1/gateways", method: .get, headers: fixture.bearer(fixture.admin)) { #expect($0.status == .ok) }
            // An unknown path is a JSON 404, not an empty body
            try await client.checked(uri: "/api/v1/nothing", method: .get, headers: fixture.bearer(fixture.admin)) { response in
                #expect(response.status == .notFound)
                let body = try Self.json(response)
                #expect(body["error"] != nil)
            }
        }
        // And a revoked token lets nobody in
        try fixture.store.revokeToken(name: "dashboard", now: 2_000)
        try await fixture.application().test(.router) { client in
            try await client.checked(uri: "/api/v1/gateways", method: .get, headers: fixture.bearer(fixture.read)) { #expect($0.status == .unauthorized) }
        }
    }

    @Test func anUploadIsStoredOnceAndAnsweredWithTheCLIsCounts() async throws {
        let fixture = try Fixture()
        try await fixture.application().test(.router) { client in
            // When two good lines are posted, then posted again
            try await client.checked(uri: "/api/v1/ingest", method: .post, headers: fixture.post("site1/a.ndjson", fixture.ingest),
                                     body: ByteBuffer(string: Self.lines)) { response in
                #expect(response.status == .ok)
                let summary = try Self.json(response)
                #expect(summary["inserted"] as? Int == 2 && summary["rejected"] as? Int == 0 && summary["file"] as? String == "a.ndjson")
            }
            try await client.checked(uri: "/api/v1/ingest", method: .post, headers: fixture.post("a.ndjson", fixture.ingest),
                                     body: ByteBuffer(string: Self.lines)) { response in
                #expect(response.status == .ok)
                let summary = try Self.json(response)
                #expect(summary["duplicates"] as? Int == 2)
            }
            // When a file has a bad line: 422, the good line stored, the bad one listed by the upload's name and line
            let mixed = Self.lines.replacingOccurrences(of: "\"count\":7", with: "\"count\":-7").replacingOccurrences(of: "00:00:00", with: "00:20:00")
            try await client.checked(uri: "/api/v1/ingest", method: .post, headers: fixture.post("b.ndjson", fixture.ingest),
                                     body: ByteBuffer(string: mixed)) { response in
                #expect(response.status == .unprocessableContent)
                let summary = try #require(try Self.json(response)["import"] as? [String: Any])
                #expect(summary["inserted"] as? Int == 1 && summary["rejected"] as? Int == 1)
                let rejection = (summary["rejections"] as? [[String: Any]])?.first
                #expect(rejection?["file"] as? String == "b.ndjson" && rejection?["line"] as? Int == 2)
            }
            // When a file is in no known format: 400 naming the upload, never the spool path
            try await client.checked(uri: "/api/v1/ingest", method: .post, headers: fixture.post("junk.bin", fixture.ingest),
                                     body: ByteBuffer(bytes: [0, 1, 2, 255, 254])) { response in
                #expect(response.status == .badRequest)
                let text = String(buffer: response.body)
                #expect(text.contains("junk.bin: not a format cmg-history knows") && !text.contains("cmg-upload-"), "\(text)")
            }
            // When a query option is wrong: 400
            try await client.checked(uri: "/api/v1/ingest?format=yaml", method: .post, headers: fixture.post("a.ndjson", fixture.ingest),
                                     body: ByteBuffer(string: Self.lines)) { #expect($0.status == .badRequest) }
            // When a name is not a file name: 400
            try await client.checked(uri: "/api/v1/ingest", method: .post, headers: fixture.post("..", fixture.ingest),
                                     body: ByteBuffer(string: Self.lines)) { #expect($0.status == .badRequest) }
        }
        // Then the history holds the three samples, and the spool is empty again
        let count = try fixture.store.snapshot { try $0.rowCount(HistoryTable.all.first { $0.name == "online_clients_sample" }!) }
        #expect(count == 3)
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.spool).isEmpty)
    }

    @Test func anUploadOverTheLimitIs413AndStoresNothing() async throws {
        let fixture = try Fixture()
        let big = String(repeating: Self.lines, count: 100)
        try await fixture.application(maxUploadBytes: 1_000).test(.router) { client in
            try await client.checked(uri: "/api/v1/ingest", method: .post, headers: fixture.post("big.ndjson", fixture.ingest),
                                     body: ByteBuffer(string: big)) { response in
                #expect(response.status == .contentTooLarge)
                #expect(String(buffer: response.body).contains("1000-byte limit"))
            }
        }
        #expect(try fixture.store.gateways().isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.spool).isEmpty)
    }

    @Test func aBodyWithoutALengthStopsAtTheLimit() async throws {
        // A chunked upload has no Content-Length: the body itself stops at the limit
        let chunks = (0..<5).map { _ in ByteBuffer(repeating: 65, count: 400) }
        let counter = BodyCounter(limit: 1_000)
        var read = 0
        await #expect(throws: APIError.self) {
            for try await chunk in LimitedBody(base: AsyncStream { continuation in
                for chunk in chunks { continuation.yield(chunk) }
                continuation.finish()
            }, counter: counter) { read += chunk.readableBytes }
        }
        #expect(read == 800 && counter.exceeded)
    }

    @Test func overARealSocketAnUploadArrivesInPiecesAndIsStoredWhole() async throws {
        // Live: HTTP over loopback, the body in many reads (the spool writes each as it comes)
        let fixture = try Fixture()
        var text = ""
        for i in 0..<6_000 {
            text += #"{"type":"online_clients","gateway":"Live.contoso.com","at":"\#(Timestamp.format(1_790_000_000 + Int64(i) * 300))","count":\#(i)}"# + "\n"
        }
        let body = text
        try await fixture.application(maxUploadBytes: 1 << 20).test(.live) { client in
            try await client.checked(uri: "/api/v1/ingest", method: .post, headers: fixture.post("live.ndjson", fixture.ingest),
                                     body: ByteBuffer(string: body)) { response in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
                #expect(String(buffer: response.body).contains("\"inserted\" : 6000,"))
            }
            // Twice the limit over the socket: 413, nothing stored
            try await client.checked(uri: "/api/v1/ingest", method: .post, headers: fixture.post("twice.ndjson", fixture.ingest),
                                     body: ByteBuffer(string: body + body + body)) { response in
                #expect(response.status == .contentTooLarge)
            }
        }
        #expect(body.utf8.count > 1 << 19 && body.utf8.count < 1 << 20)
        #expect(try fixture.store.gateways().map(\.records["online_client_samples"]) == [6_000])
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.spool).isEmpty)
    }

    @Test func gatewaysAreListedAsJSONAndCSV() async throws {
        let fixture = try Fixture()
        try await fixture.application().test(.router) { client in
            try await client.checked(uri: "/api/v1/ingest", method: .post, headers: fixture.post("a.ndjson", fixture.ingest),
                                     body: ByteBuffer(string: Self.lines)) { #expect($0.status == .ok) }
            try await client.checked(uri: "/api/v1/gateways", method: .get, headers: fixture.bearer(fixture.read)) { response in
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                let list = try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [[String: Any]]
                #expect(list?.map { $0["name"] as? String } == ["GraniteFalls.contoso.com"])
            }
            var csv = fixture.bearer(fixture.read)
            csv[.accept] = "text/csv"
            try await client.checked(uri: "/api/v1/gateways", method: .get, headers: csv) { response in
                #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
                #expect(String(buffer: response.body).contains("GraniteFalls.contoso.com"))
            }
        }
        // And the read token's use was stamped
        #expect(try fixture.store.tokens().first { $0.name == "dashboard" }?.lastUsedAt != nil)
    }
}
#endif

#if canImport(HummingbirdTesting)
extension ServerTests {
    static let logName = "CMG-GraniteFalls-ProxyService_IN_0-CMGService.log"
    static func logLine(_ minute: Int, _ count: Int) -> String {
        #"<![LOG[RequestUri: /CCM_PROXY_SERVERAUTH/72057594037938216/CCM_STS  RequestCount: \#(count)  RequestSize: 1081595 Bytes  ResponseCount: \#(count)     ResponseSize: 36143 Bytes  AverageElapsedTime: 39 ms]LOG]!><time="10:\#(minute < 10 ? "0" : "")\#(minute):00.000+0" date="10-01-2026" component="CMGService" context="" type="1" thread="7" file="x.cpp:1">"#
            + "\n"
    }

    @Test func aLogIsKeptUnderTheCollectorsNameAndAGrownCopyAddsOnlyItsNewEntries() async throws {
        let fixture = try Fixture()
        var posted = fixture.post(Self.logName, fixture.ingest)
        posted[IngestController.fileModifiedHeader] = "2026-10-01T11:00:00Z"
        let headers = posted
        let first = Self.logLine(5, 769) + Self.logLine(10, 770)
        try await fixture.application().test(.router) { client in
            try await client.checked(uri: "/api/v1/ingest", method: .post, headers: headers, body: ByteBuffer(string: first)) { response in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
                let summary = try Self.json(response)
                #expect(summary["file"] as? String == "collector/\(Self.logName)" && summary["entries_read"] as? Int == 2)
                #expect(summary["resumed"] as? Bool == false)
            }
            // When the same log, grown by one entry, is posted again
            try await client.checked(uri: "/api/v1/ingest", method: .post, headers: headers,
                                     body: ByteBuffer(string: first + Self.logLine(15, 771))) { response in
                #expect(response.status == .ok)
                let summary = try Self.json(response)
                #expect(summary["entries_read"] as? Int == 1 && summary["resumed"] as? Bool == true, "\(summary)")
            }
            // And a bad file time is refused
            var bad = headers
            bad[IngestController.fileModifiedHeader] = "yesterday"
            try await client.checked(uri: "/api/v1/ingest", method: .post, headers: bad, body: ByteBuffer(string: first)) { #expect($0.status == .badRequest) }
        }
        // Then the history holds three entries of one file, named as the collector knows it
        let table = try #require(HistoryTable.all.first { $0.name == "log_file" })
        let files = try fixture.store.snapshot { try $0.rows(table, after: nil, limit: 10) }
        #expect(files.map { $0[1] } == [.text("collector/\(Self.logName)")])
        #expect(try fixture.store.snapshot { try $0.rowCount(try #require(HistoryTable.all.first { $0.name == "log_entry" })) } == 3)
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.spool).isEmpty)
    }
}
#endif
