import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `Scripts/collect.ps1 -Server …`, its HTTP calls done as the script does them: each file the
/// script names posted to the address its `$uri` line builds, with the Bearer token, as
/// `application/octet-stream` and without `Expect: 100-continue`; a call that reaches no server
/// or gets a 5xx is made again with the same file. Against a real `cmg-history serve`, stopped
/// and started again mid-run; the history then holds what the CLI's ingest of the same files holds.
@Suite("The collect script, posting to the server")
struct CollectPostCLITests {
    /// The script's `foreach ($name in 'a', 'b')` file list and its `$uri = "…"` template.
    static func postPlan(of script: String) throws -> (files: [String], uri: String) {
        let lines = script.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let loop = try #require(lines.first { $0.hasPrefix("foreach ($name in ") })
        let files = loop.dropFirst("foreach ($name in ".count).split(separator: ",").map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: " '){"))
        }
        let uriLine = try #require(lines.first { $0.hasPrefix("$uri = \"") })
        let uri = String(uriLine.dropFirst("$uri = \"".count).dropLast())
        return (files, uri)
    }

    struct Answer {
        var status: Int?
        var body: String
    }

    /// One `Invoke-RestMethod -Method Post -InFile` equivalent.
    static func post(_ url: String, file: URL, token: String) -> Answer {
        guard let target = URL(string: url), let body = try? Data(contentsOf: file) else { return Answer(status: nil, body: "bad request") }
        var request = URLRequest(url: target, timeoutInterval: 60)
        request.httpMethod = "POST"
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        request.setValue("application/octet-stream", forHTTPHeaderField: "Content-Type")
        request.setValue("", forHTTPHeaderField: "Expect")
        request.httpBody = body
        final class Box: @unchecked Sendable { var answer = Answer(status: nil, body: "") }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { data, response, error in
            box.answer = Answer(status: (response as? HTTPURLResponse)?.statusCode, body: String(decoding: data ?? Data(), as: UTF8.self)
                                + (error.map { " \($0.localizedDescription)" } ?? ""))
            done.signal()
        }.resume()
        done.wait()
        return box.answer
    }

    /// The script's retry rule: again when no server answered, on 5xx, 408 and 429; not on other 4xx.
    static func final(_ status: Int?) -> Bool {
        guard let status else { return false }
        return status < 500 && status != 408 && status != 429
    }

    @Test func everyFileIsPostedRetriedOnFailureAndStoredOnce() throws {
        #if os(Linux) || os(macOS)
        let script = try String(contentsOf: CollectScriptCLITests.script, encoding: .utf8)
        let plan = try Self.postPlan(of: script)
        #expect(plan.files == ["cmg.json", "tasks.csv", "cp.csv", "bgb.csv"])
        #expect(script.contains("[System.Net.ServicePointManager]::Expect100Continue = $false"))
        #expect(script.contains("Invoke-RestMethod -Method Post -Uri $uri -Headers $headers -InFile \"$out\\$name\""))
        let folder = try ScratchFolder()
        for name in plan.files {
            try FileManager.default.copyItem(at: CollectScriptCLITests.fixtures.appendingPathComponent("ps51").appendingPathComponent(name),
                                             to: folder.url.appendingPathComponent(name))
        }
        #expect(try CLIRunner.run(["token", "create", "--db", "h.sqlite", "--name", "sccm01", "--scope", "ingest", "--out", "ingest.token"],
                                  in: folder.url).status == 0)
        let token = try String(contentsOf: folder.url.appendingPathComponent("ingest.token"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        var served = try ServedHistory(["--db", "h.sqlite", "--spool-dir", folder.url.path], in: folder.url)
        let port = served.port
        try #require(port > 0, "\(served.firstLine)")
        let server = "http://127.0.0.1:\(port)"

        var attempts: [String: Int] = [:]
        for (index, name) in plan.files.enumerated() {
            let url = plan.uri.replacingOccurrences(of: "$Server", with: server).replacingOccurrences(of: "$name", with: name)
            // Before the third file, the server goes down; it comes back on the same port after one failed attempt
            if index == 2 { #expect(served.stop()) }
            var answer = Answer(status: nil, body: "")
            for attempt in 1...5 {
                attempts[name] = attempt
                answer = Self.post(url, file: folder.url.appendingPathComponent(name), token: token)
                if answer.status == 200 || Self.final(answer.status) { break }
                if answer.status == nil, !served.process.isRunning {
                    served = try ServedHistory(["--db", "h.sqlite", "--spool-dir", folder.url.path], in: folder.url, listen: "127.0.0.1:\(port)")
                }
            }
            #expect(answer.status == 200, "\(name): \(answer.body)")
        }
        #expect(attempts == ["cmg.json": 1, "tasks.csv": 1, "cp.csv": 2, "bgb.csv": 1])

        // The whole run again (a lost answer, the next quarter hour): nothing is stored twice
        for name in plan.files {
            let url = plan.uri.replacingOccurrences(of: "$Server", with: server).replacingOccurrences(of: "$name", with: name)
            let again = Self.post(url, file: folder.url.appendingPathComponent(name), token: token)
            #expect(again.status == 200 && again.body.contains("\"inserted\" : 0"), "\(name): \(again.body)")
        }
        // A wrong token is final: 401, which the script does not retry
        let refused = Self.post("\(server)/api/v1/ingest?file=cp.csv", file: folder.url.appendingPathComponent("cp.csv"), token: "cmgh_wrong")
        #expect(refused.status == 401 && Self.final(refused.status))
        #expect(served.stop())

        // What the server stored is what the CLI's ingest of the same files stores, at the same UTC instants
        let dump = try CLIRunner.run(["sqlite3", "h.sqlite", CollectScriptCLITests.everyInstant], in: folder.url,
                                     executable: URL(fileURLWithPath: "/usr/bin/env"))
        try #require(dump.status == 0, "needs the sqlite3 shell: \(dump.stderr)")
        #expect(dump.stdout == CollectScriptCLITests.expected)
        #endif
    }
}
