import CMGHistory
import Foundation

/// Writes a large CMTrace log that looks like a CMG's CMGService.log: a few components and
/// threads, messages of 30 to 250 bytes, one in 200 a request statistics line (which becomes a
/// traffic sample), one in 500 an error, a multi-line message now and then, CRLF line ends,
/// bias +0. Deterministic for a seed; no clock is read.
struct LogGenerator {
    var rng: SplitMix64

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    static let components = ["CMGService", "CMGHttpHandler", "ProxyServiceRole", "CMGContentService"]
    static let words = ["request", "forwarded", "to", "endpoint", "client", "token", "validated", "connection", "proxy",
                        "management", "point", "certificate", "channel", "received", "response", "latency", "ms",
                        "CCM_STS", "SMS_MP", "/CCM_Proxy_MutualAuth/72057594037927939", "HTTP/1.1", "200", "OK"]

    mutating func write(to path: String, megabytes: Int) throws -> (bytes: Int, entries: Int) {
        var clock = GeneratedLogClock()
        return try GeneratedLogClock.writeLines(to: path, megabytes: megabytes) { entries in
            let t = clock.advance(&rng)
            let message = nextMessage(entries)
            let time = String(format: "%02d:%02d:%02d.%03d+000", t.hour, t.minute, t.second, t.millisecond)
            let type = entries % 500 == 499 ? 3 : (entries % 97 == 0 ? 2 : 1)
            return "<![LOG[\(message)]LOG]!><time=\"\(time)\" date=\"\(String(format: "%02d-%02d-%04d", t.month, t.day, t.year))\" component=\"\(Self.components[entries % 4])\" context=\"\" type=\"\(type)\" thread=\"\(1000 + entries % 16)\" file=\"proxy.cs:\(entries % 900)\">\r\n"
        }
    }

    private mutating func nextMessage(_ n: Int) -> String {
        if n % 200 == 0 {
            let count = 100 + rng.below(900)
            return "RequestUri: /CCM_PROXY_SERVERAUTH/72057594037938216/\(["CCM_STS", "SMS_MP", "SMS_SUP"][n / 200 % 3])  RequestCount: \(count)  RequestSize: \(count * 1400) Bytes  ResponseCount: \(count)     ResponseSize: \(count * 47) Bytes  AverageElapsedTime: \(rng.below(4000)) ms"
        }
        var text = ""
        let length = 30 + Int(rng.below(220))
        while text.utf8.count < length {
            text += Self.words[Int(rng.below(Int64(Self.words.count)))] + " "
        }
        if n % 301 == 0 { text += "\r\n   at System.Net.HttpWebRequest.EndGetResponse(IAsyncResult asyncResult)" }
        return text
    }
}

/// The generated logs' clock: from 2026-10-01T00:00:00 local, 0 to 399 ms between entries.
struct GeneratedLogClock {
    private var ms: Int64 = 0
    private let day0 = CivilDateForBench.daysFrom1970(2026, 10, 1)

    mutating func advance(_ rng: inout SplitMix64) -> (year: Int64, month: Int64, day: Int64, hour: Int64, minute: Int64, second: Int64, millisecond: Int64) {
        ms += Int64(rng.below(400))
        let dayMs = ms % 86_400_000
        let (y, m, d) = CivilDateForBench.civil(day0 + ms / 86_400_000)
        return (y, m, d, dayMs / 3_600_000, dayMs / 60_000 % 60, dayMs / 1000 % 60, dayMs % 1000)
    }

    /// Writes the lines `line` makes (given the entry's number) to `path` until it holds
    /// `megabytes`, a megabyte at a time; returns the bytes and entries written.
    static func writeLines(to path: String, megabytes: Int, _ line: (Int) -> String) throws -> (bytes: Int, entries: Int) {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw CocoaError(.fileWriteUnknown)
        }
        defer { try? handle.close() }
        let target = megabytes * 1_000_000
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 21)
        var written = 0
        var entries = 0
        while written + buffer.count < target {
            buffer.append(contentsOf: line(entries).utf8)
            entries += 1
            if buffer.count >= 1 << 20 {
                try handle.write(contentsOf: buffer)
                written += buffer.count
                buffer.removeAll(keepingCapacity: true)
            }
        }
        try handle.write(contentsOf: buffer)
        written += buffer.count
        return (written, entries)
    }
}

/// Calendar arithmetic for the generator (the library's is internal).
enum CivilDateForBench {
    static func daysFrom1970(_ year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        return era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
    }

    static func civil(_ days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
