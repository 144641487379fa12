#if canImport(HummingbirdTesting)
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import CMGHistoryServer

/// `GET /api/v1/openapi.json`: a whole OpenAPI 3.1 document (every reference resolves), served
/// without a token, every documented operation routed; and the check that every test's answer
/// goes through (``OpenAPIConformance``) catches an answer that does not fit.
@Suite("The OpenAPI document")
struct OpenAPITests {
    static let checker = OpenAPIConformance.server

    /// Every `$ref` under `value`.
    static func references(_ value: JSONValue) -> [String] {
        switch value {
        case .object(let object): (object["$ref"]?.string.map { [$0] } ?? []) + object.values.flatMap(references)
        case .array(let array): array.flatMap(references)
        default: []
        }
    }

    @Test func theDocumentIsWholeAndServedWithoutAToken() async throws {
        let document = Self.checker.document
        #expect(document["openapi"]?.string == "3.1.0")
        let refs = Self.references(document)
        #expect(refs.count > 40)
        for ref in Set(refs) {
            #expect(Self.checker.resolve(.object(["$ref": .string(ref)])) != .null, "\(ref) resolves to nothing")
        }
        let fixture = try ServerTests.Fixture()
        try await fixture.application().test(.router) { client in
            try await client.checked(uri: "/api/v1/openapi.json", method: .get) { response in
                #expect(response.status == .ok)
                #expect(JSONValue.parse(String(buffer: response.body)) == document)
            }
        }
    }

    @Test func everyDocumentedOperationIsRouted() async throws {
        let fixture = try ServerTests.Fixture()
        let paths = try #require(Self.checker.document["paths"]?.object)
        try await fixture.application().test(.router) { client in
            for (template, item) in paths.sorted(by: { $0.key < $1.key }) {
                let uri = template.replacingOccurrences(of: "{name}", with: "GraniteFalls.contoso.com")
                for method in (item.object ?? [:]).keys.sorted() {
                    let verb = HTTPRequest.Method(rawValue: method.uppercased()) ?? .get
                    // Without a token: a route answers 401, 303 (a page) or its own answer; no route is 404
                    try await client.checked(uri: uri, method: verb, body: ByteBuffer(string: "")) { response in
                        #expect(response.status != .notFound || uri.hasPrefix("/gateway/"), "\(method) \(template): no route")
                        #expect(response.status != .methodNotAllowed, "\(method) \(template)")
                    }
                }
            }
        }
    }

    @Test func anAnswerThatDoesNotFitIsCaught() {
        let capacity = #"{"report":"capacity","month":"2026-10","time_zone":"UTC","from":"a","to":"b","gateways":[{"gateway":"G"}]}"#
        let problems = Self.checker.problems(method: "GET", uri: "/api/v1/reports/capacity?month=2026-10", status: 200,
                                             contentType: "application/json; charset=utf-8", body: capacity)
        #expect(problems.contains { $0.hasSuffix("gateways[0]: required key warnings is missing") }, "\(problems)")
        // A status the operation does not list, a content type it does not answer, a route not documented
        #expect(Self.checker.problems(method: "GET", uri: "/api/v1/gateways", status: 418, contentType: nil, body: "") ==
                ["GET /api/v1/gateways answered 418, which the document does not list"])
        #expect(Self.checker.problems(method: "GET", uri: "/api/v1/gateways", status: 200, contentType: "text/plain", body: "")
                    .first?.contains("content type text/plain is not one of") == true)
        #expect(Self.checker.problems(method: "DELETE", uri: "/api/v1/gateways", status: 200, contentType: nil, body: "") ==
                ["DELETE /api/v1/gateways is not in the OpenAPI document (answered 200)"])
        // Types are strict: a count as a string, an error status as a number with a fraction
        let error = #"{"error":{"status":401.5,"message":"no"}}"#
        #expect(!Self.checker.problems(method: "GET", uri: "/metrics", status: 401, contentType: "application/json", body: error).isEmpty)
        let fine = #"{"error":{"status":401,"message":"no"},"import":null}"#
        #expect(Self.checker.problems(method: "GET", uri: "/metrics", status: 401, contentType: "application/json", body: fine) == [])
    }
}
#endif
