#if canImport(HummingbirdTesting)
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import CMGHistoryServer

/// A JSON value as decoded strictly (a number is never a boolean), for checking schemas.
indirect enum JSONValue: Decodable, Equatable {
    case null, bool(Bool), integer(Int64), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null; return }
        if let v = try? c.decode(Bool.self) { self = .bool(v); return }
        if let v = try? c.decode(Int64.self) { self = .integer(v); return }
        if let v = try? c.decode(Double.self) { self = .number(v); return }
        if let v = try? c.decode(String.self) { self = .string(v); return }
        if let v = try? c.decode([JSONValue].self) { self = .array(v); return }
        self = .object(try c.decode([String: JSONValue].self))
    }

    static func parse(_ text: String) -> JSONValue? { try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) }

    subscript(_ key: String) -> JSONValue? { if case .object(let o) = self { o[key] } else { nil } }
    var string: String? { if case .string(let s) = self { s } else { nil } }
    var object: [String: JSONValue]? { if case .object(let o) = self { o } else { nil } }
    var array: [JSONValue]? { if case .array(let a) = self { a } else { nil } }
}

/// Checks an answer against the server's OpenAPI document: the path and method are documented
/// (or the answer is the JSON 404 of a path no route has), the status is one the operation lists,
/// the content type one its response lists, and a JSON body fits the schema (type, required,
/// properties, items, additionalProperties, enum, const, oneOf, allOf, $ref).
struct OpenAPIConformance {
    let document: JSONValue

    static let server = OpenAPIConformance(document: JSONValue.parse(OpenAPIDocument.json) ?? .null)

    func resolve(_ value: JSONValue) -> JSONValue {
        guard let ref = value["$ref"]?.string, ref.hasPrefix("#/") else { return value }
        var node = document
        for part in ref.dropFirst(2).split(separator: "/") { node = node[String(part)] ?? .null }
        return resolve(node)
    }

    /// The documented path template `path` answers to, if any.
    func template(for path: String) -> String? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return document["paths"]?.object?.keys.sorted().first { template in
            let pattern = template.split(separator: "/", omittingEmptySubsequences: false)
            return pattern.count == parts.count && zip(pattern, parts).allSatisfy { p, s in
                (p.hasPrefix("{") && p.hasSuffix("}") && !s.isEmpty) || p == s
            }
        }
    }

    func problems(method: String, uri: String, status: Int, contentType: String?, body: String) -> [String] {
        let path = String(uri.prefix { $0 != "?" })
        let base = contentType.map { String($0.prefix { $0 != ";" }).trimmingCharacters(in: .whitespaces).lowercased() }
        guard let template = template(for: path), let operation = document["paths"]?[template]?[method.lowercased()] else {
            // Not a route: only the JSON 404 (or 405) of no route is allowed
            guard status == 404 || status == 405 else { return ["\(method) \(path) is not in the OpenAPI document (answered \(status))"] }
            return base == "application/json" ? check(JSONValue.parse(body) ?? .string(body), against: .object(["$ref": .string("#/components/schemas/Error")]), at: "body") : ["\(method) \(path) \(status): not JSON"]
        }
        guard let responses = operation["responses"]?.object, let documented = responses[String(status)] ?? responses["default"] else {
            return ["\(method) \(template) answered \(status), which the document does not list"]
        }
        let response = resolve(documented)
        guard let content = response["content"]?.object else { return [] }
        guard let base, let media = content[base] else {
            return ["\(method) \(template) \(status): content type \(contentType ?? "none") is not one of \(content.keys.sorted())"]
        }
        guard base == "application/json", let schema = media["schema"] else { return [] }
        guard let json = JSONValue.parse(body) else { return ["\(method) \(template) \(status): the body is not JSON"] }
        return check(json, against: schema, at: "\(method) \(template) \(status)")
    }

    func check(_ value: JSONValue, against schemaNode: JSONValue, at where_: String) -> [String] {
        let schema = resolve(schemaNode)
        var problems: [String] = []
        if let all = schema["allOf"]?.array { for s in all { problems += check(value, against: s, at: where_) } }
        if let one = schema["oneOf"]?.array {
            let fitting = one.filter { check(value, against: $0, at: where_).isEmpty }.count
            if fitting != 1 { problems.append("\(where_): fits \(fitting) of oneOf's \(one.count) schemas") }
        }
        if let const = schema["const"], const != value { problems.append("\(where_): is not \(const)") }
        if let options = schema["enum"]?.array, !options.contains(value) { problems.append("\(where_): \(value) is not one of the enum") }
        if let type = schema["type"] {
            let types = type.array?.compactMap(\.string) ?? [type.string].compactMap { $0 }
            if !types.contains(where: { fits(value, $0) }) { problems.append("\(where_): is not of type \(types.joined(separator: " or "))") }
        }
        if case .object(let object) = value {
            for key in schema["required"]?.array?.compactMap(\.string) ?? [] where object[key] == nil {
                problems.append("\(where_): required key \(key) is missing")
            }
            let properties = schema["properties"]?.object ?? [:]
            for (key, child) in object {
                if let property = properties[key] {
                    problems += check(child, against: property, at: "\(where_).\(key)")
                } else if let extra = schema["additionalProperties"], extra.object != nil {
                    problems += check(child, against: extra, at: "\(where_).\(key)")
                }
            }
        }
        if case .array(let items) = value, let itemSchema = schema["items"] {
            for (index, item) in items.enumerated() { problems += check(item, against: itemSchema, at: "\(where_)[\(index)]") }
        }
        return problems
    }

    func fits(_ value: JSONValue, _ type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("integer", .integer), ("number", .integer), ("number", .number),
             ("string", .string), ("array", .array), ("object", .object): true
        default: false
        }
    }
}

extension TestClientProtocol {
    /// `execute`, with the answer checked against the OpenAPI document first: every in-process
    /// answer of the server's tests goes through here.
    @discardableResult
    func checked<Return>(uri: String, method: HTTPRequest.Method, headers: HTTPFields = [:], body: ByteBuffer? = nil,
                         testCallback: @escaping (TestResponse) async throws -> Return = { $0 }) async throws -> Return {
        try await execute(uri: uri, method: method, headers: headers, body: body) { response in
            for problem in OpenAPIConformance.server.problems(method: method.rawValue, uri: uri, status: response.status.code,
                                                              contentType: response.headers[.contentType], body: String(buffer: response.body)) {
                Issue.record("OpenAPI: \(problem)")
            }
            return try await testCallback(response)
        }
    }
}
#endif
