import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `cmg-history serve` stopped while collectors upload. `kill -9`: every file it answered 200 for
/// is whole in the history (the answer comes after the commit), the history is sound, and posting
/// every file again after a restart stores each line exactly once. SIGTERM: the imports it had
/// begun finish and are answered, then it exits 0.
@Suite("cmg-history serve stopped during uploads")
struct ServerKillCLITests {
    static let lanes = 3, filesPerLane = 12, linesPerFile = 4_000

    /// File `n`: its own gateway, `linesPerFile` online-client samples five minutes apart.
    static func file(_ n: Int) -> String {
        let start: Int64 = 1_790_000_000
        var text = ""
        text.reserveCapacity(linesPerFile * 110)
        for i in 0..<linesPerFile {
            let at = Date(timeIntervalSince1970: TimeInterval(start + Int64(i) * 300))
            text += #"{"type":"online_clients","gateway":"Kill-\#(n).contoso.com","at":"\#(ISO8601DateFormatter().string(from: at))","count":\#(i)}"# + "\n"
        }
        return text
    }

    final class Acks: @unchecked Sendable {
        private let lock = NSLock()
        private var files: Set<Int> = []
        func add(_ n: Int) { lock.lock(); files.insert(n); lock.unlock() }
        var all: Set<Int> { lock.lock(); defer { lock.unlock() }; return files }
    }

    /// A history with an ingest token and the files, a server on it, and three collectors
    /// posting until `signal` is sent after four answers; the files answered 200 and what is
    /// stored per gateway afterwards.
    static func postUntil(_ signal: Int32, in folder: ScratchFolder) throws -> (served: ServedHistory, token: String, acknowledged: Set<Int>, stored: [String: Int]) {
        #expect(try CLIRunner.run(["token", "create", "--db", "h.sqlite", "--name", "c", "--scope", "ingest", "--out", "t"], in: folder.url).status == 0)
        let token = try String(contentsOf: folder.url.appendingPathComponent("t"), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let count = lanes * filesPerLane
        for n in 0..<count { try file(n).write(to: folder.url.appendingPathComponent("f\(n).ndjson"), atomically: true, encoding: .utf8) }
        let served = try ServedHistory(["--db", "h.sqlite", "--spool-dir", folder.url.path], in: folder.url)
        try #require(served.port > 0, "\(served.firstLine)")
        let server = "http://127.0.0.1:\(served.port)"
        let acks = Acks()
        let base = folder.url
        let group = DispatchGroup()
        for lane in 0..<lanes {
            DispatchQueue.global().async(group: group) {
                for k in 0..<filesPerLane {
                    let n = lane * filesPerLane + k
                    let answer = CollectPostCLITests.post("\(server)/api/v1/ingest?file=f\(n).ndjson",
                                                          file: base.appendingPathComponent("f\(n).ndjson"), token: token)
                    guard answer.status == 200 else { return }
                    acks.add(n)
                }
            }
        }
        let deadline = Date().addingTimeInterval(120)
        while acks.all.count < 4, Date() < deadline { usleep(20_000) }
        kill(served.process.processIdentifier, signal)
        group.wait()
        let stop = Date().addingTimeInterval(30)
        while served.process.isRunning, Date() < stop { usleep(50_000) }
        let query = "SELECT g.name, count(*) FROM online_clients_sample s JOIN gateway g ON g.id = s.gateway_id GROUP BY g.name"
        let dump = try CLIRunner.run(["sqlite3", "h.sqlite", query], in: folder.url, executable: URL(fileURLWithPath: "/usr/bin/env"))
        try #require(dump.status == 0, "\(dump.stderr)")
        var stored: [String: Int] = [:]
        for line in dump.stdout.split(separator: "\n") {
            let parts = line.split(separator: "|")
            if parts.count == 2 { stored[String(parts[0])] = Int(parts[1]) }
        }
        return (served, token, acks.all, stored)
    }

    @Test func sigtermLetsRunningUploadsFinishAndAnswers() throws {
        #if os(Linux) || os(macOS)
        let folder = try ScratchFolder()
        let run = try Self.postUntil(SIGTERM, in: folder)
        // It stops by itself, exit 0, after answering what it had begun
        #expect(!run.served.process.isRunning)
        if !run.served.process.isRunning { #expect(run.served.process.terminationStatus == 0) }
        print("ServerKillCLITests: SIGTERM: \(run.acknowledged.count) files acknowledged, \(run.stored.count) stored")
        // Every import it began finished and was answered: what is stored is exactly what was acknowledged, each whole
        #expect(Set(run.stored.keys) == Set(run.acknowledged.map { "Kill-\($0).contoso.com" }))
        for (name, rows) in run.stored { #expect(rows == Self.linesPerFile, "\(name): \(rows) rows") }
        #endif
    }

    @Test func nothingAcknowledgedIsLostAndRepostingStoresNothingTwice() throws {
        #if os(Linux) || os(macOS)
        let folder = try ScratchFolder()
        let count = Self.lanes * Self.filesPerLane
        let (_, token, acknowledged, stored) = try Self.postUntil(SIGKILL, in: folder)
        #expect(acknowledged.count >= 4 && acknowledged.count < count, "\(acknowledged.count) of \(count) acknowledged before the kill")

        // Every acknowledged file is whole; every other is whole or absent (never half a batch)
        for n in acknowledged { #expect(stored["Kill-\(n).contoso.com"] == Self.linesPerFile, "file \(n) was acknowledged") }
        for (name, rows) in stored { #expect(rows == Self.linesPerFile, "\(name): \(rows) rows") }
        print("ServerKillCLITests: \(acknowledged.count) files acknowledged, \(stored.count) stored whole when the server was killed")
        let check = try CLIRunner.run(["db", "check", "--db", "h.sqlite"], in: folder.url)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")

        // Restarted, every file posted again: each line stored once
        let again = try ServedHistory(["--db", "h.sqlite", "--spool-dir", folder.url.path], in: folder.url)
        try #require(again.port > 0, "\(again.firstLine)")
        for n in 0..<count {
            let answer = CollectPostCLITests.post("http://127.0.0.1:\(again.port)/api/v1/ingest?file=f\(n).ndjson",
                                                  file: folder.url.appendingPathComponent("f\(n).ndjson"), token: token)
            #expect(answer.status == 200, "f\(n): \(answer.body)")
            let inserted = acknowledged.contains(n) ? "\"inserted\" : 0," : "\"inserted\" : "
            #expect(answer.body.contains(inserted), "f\(n)")
        }
        #expect(again.stop())
        let total = try CLIRunner.run(["sqlite3", "h.sqlite", "SELECT count(*), count(DISTINCT gateway_id) FROM online_clients_sample"], in: folder.url,
                                      executable: URL(fileURLWithPath: "/usr/bin/env"))
        #expect(total.stdout == "\(count * Self.linesPerFile)|\(count)\n")
        #endif
    }
}
