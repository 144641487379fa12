#if canImport(Hummingbird)
import Foundation
import Hummingbird
import NIOConcurrencyHelpers

/// Where an upload waits while it arrives: a fresh folder per request, holding the file under its
/// own name (so that format detection and messages see the name the collector sent), removed
/// when the request ends. The importers read files; spooling first also means an upload that
/// breaks off or grows past the limit stores nothing.
struct UploadSpool: Sendable {
    let directory: String

    /// A new folder for one upload; the caller removes it.
    func folder() throws -> String {
        let path = (directory as NSString).appendingPathComponent("cmg-upload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        return path
    }

    /// The file name an upload goes by: its last path component, 1 to 255 bytes of visible text.
    static func fileName(_ sent: String?) throws -> String {
        guard let sent else { return "upload" }
        let last = sent.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        guard !last.isEmpty, last != ".", last != "..", last.utf8.count <= 255,
              !last.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw APIError(.badRequest, "X-CMG-File-Name must be a file name of 1 to 255 bytes without control characters")
        }
        return last
    }
}

/// Counts an upload's bytes as they arrive; past the limit the body sequence throws.
final class BodyCounter: Sendable {
    let limit: Int
    private let count = NIOLockedValueBox(0)

    init(limit: Int) { self.limit = limit }

    /// Whether the body grew past the limit.
    var exceeded: Bool { count.withLockedValue { $0 > limit } }

    func add(_ bytes: Int) throws {
        let total = count.withLockedValue { total in
            total += bytes
            return total
        }
        if total > limit { throw APIError(.contentTooLarge, "the upload is larger than \(limit) bytes") }
    }
}

/// A request body that stops with 413 at the limit, whatever Content-Length said (or did not:
/// a chunked upload).
struct LimitedBody<Base: AsyncSequence & Sendable>: AsyncSequence, Sendable where Base.Element == ByteBuffer {
    typealias Element = ByteBuffer
    let base: Base
    let counter: BodyCounter

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: Base.AsyncIterator
        let counter: BodyCounter

        mutating func next() async throws -> ByteBuffer? {
            guard let chunk = try await base.next() else { return nil }
            try counter.add(chunk.readableBytes)
            return chunk
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(base: base.makeAsyncIterator(), counter: counter) }
}
#endif
