import CMGHistory
import Foundation

struct GeneratorConfig {
    var outputDirectory: String
    var days: Int
    var gateways: Int
    var endpointsPerGateway: Int
    var seed: UInt64

    /// Fixed first instant, 2026-01-01T00:00:00Z: no clock is read, so a run is reproducible.
    static let start: Int64 = 1_767_225_600
    static let tick: Int64 = 300
    static let ticksPerDay = 288
}

extension SplitMix64 {
    /// Uniform in `range` (the tiny modulo bias is irrelevant here).
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }
}

/// Writes a large synthetic history: per 5-minute tick and gateway, one `online_clients` line
/// and one `endpoint_traffic` line per endpoint; plus the same rows as CSV (integer ids, Unix
/// seconds) and `parents.sql` (the gateway and endpoint rows) for the sqlite3 shell baseline.
///
/// Gateway ids are 1…G and endpoint ids 1…G·E in first-mention order, the order in which the
/// importer creates them too.
struct Generator {
    let config: GeneratorConfig

    init(_ config: GeneratorConfig) { self.config = config }

    static let towns = ["GraniteFalls", "CedarRapids", "MapleGrove", "IronMountain", "SilverLake",
                        "EagleRock", "PineBluff", "StoneHarbor", "RedWing", "BlueSprings"]
    static let fixedEndpoints = ["CCM_STS", "SMS_MP", "SMS_SUP", "SMS_DP_SMSPKG$", "SMS_DP_SMSSIG$", "AdminService"]

    static func gatewayName(_ g: Int) -> String {
        let town = towns[g % towns.count]
        return g < towns.count ? "\(town).contoso.com" : "\(town)\(g / towns.count + 1).contoso.com"
    }

    static func endpointName(_ k: Int) -> String {
        if k < fixedEndpoints.count { return fixedEndpoints[k] }
        // Proxy endpoints come in MutualAuth/ServerAuth pairs per site-system id.
        let n = k - fixedEndpoints.count
        let kind = n % 2 == 0 ? "CCM_Proxy_MutualAuth" : "CCM_Proxy_ServerAuth"
        return "/\(kind)/\(72_057_594_037_927_939 + n / 2)"
    }

    /// Percent of peak load by UTC hour: quiet nights, busy working days.
    static let hourlyLoad: [Int] = [35, 30, 28, 27, 28, 32, 45, 65, 85, 95, 100, 98,
                                    92, 95, 97, 93, 85, 72, 60, 52, 47, 43, 40, 37]

    func run() throws {
        let dir = config.outputDirectory
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let clock = ContinuousClock()
        let started = clock.now

        var ndjson = try BufferedOutput(path: dir + "/history.ndjson")
        var onlineCSV = try BufferedOutput(path: dir + "/online_clients.csv")
        var trafficCSV = try BufferedOutput(path: dir + "/endpoint_traffic.csv")
        onlineCSV.append("gateway_id,at,count\n")
        trafficCSV.append("endpoint_id,at,interval_s,request_count,request_bytes,unanswered_count,response_bytes,avg_elapsed_ms\n")

        let G = config.gateways, E = config.endpointsPerGateway
        var rng = SplitMix64(seed: config.seed)

        // Per-series constants, drawn once.
        let gatewayJSON: [[UInt8]] = (0..<G).map { Array("\"gateway\":\"\(Self.gatewayName($0))\"".utf8) }
        let endpointJSON: [[UInt8]] = (0..<E).map { Array("\"endpoint\":\"\(Self.endpointName($0))\"".utf8) }
        let clientBase: [Int] = (0..<G).map { _ in rng.int(800...3_300) }
        let requestPeak: [[Int]] = (0..<G).map { _ in (0..<E).map { _ in rng.int(150...950) } }
        let requestSize: [[Int]] = (0..<G).map { _ in (0..<E).map { _ in rng.int(1_100...1_700) } }
        let responseSize: [[Int]] = (0..<G).map { _ in (0..<E).map { _ in rng.int(30...60) } }
        let latency: [[Int]] = (0..<G).map { _ in (0..<E).map { _ in rng.int(50...3_000) } }

        try writeParents(to: dir + "/parents.sql")

        let ticks = config.days * GeneratorConfig.ticksPerDay
        let onlinePrefix = Array(#"{"type":"online_clients","#.utf8)
        let trafficPrefix = Array(#"{"type":"endpoint_traffic","#.utf8)
        var lines = 0
        for t in 0..<ticks {
            let at = GeneratorConfig.start + Int64(t) * GeneratorConfig.tick
            let atJSON = Array(",\"at\":\"".utf8) + RFC3339.format(at) + Array("\"".utf8)
            let load = Self.hourlyLoad[Int((at % 86_400) / 3_600)]
            for g in 0..<G {
                // online_clients
                let count = max(0, clientBase[g] * (40 + load * 60 / 100) / 100 + rng.int(-40...40))
                ndjson.append(onlinePrefix); ndjson.append(gatewayJSON[g]); ndjson.append(atJSON)
                ndjson.append(",\"count\":"); ndjson.append(count); ndjson.append("}\n")
                onlineCSV.append(g + 1); onlineCSV.append(UInt8(ascii: ","))
                onlineCSV.append(Int(at)); onlineCSV.append(UInt8(ascii: ","))
                onlineCSV.append(count); onlineCSV.append(UInt8(ascii: "\n"))
                lines += 1

                // endpoint_traffic, one per endpoint
                for k in 0..<E {
                    let requests = max(0, requestPeak[g][k] * load / 100 + rng.int(-25...25))
                    let requestBytes = requests * (requestSize[g][k] + rng.int(-150...150))
                    let responseBytes = requests * (responseSize[g][k] + rng.int(-5...5))
                    let elapsed = max(1, latency[g][k] * (80 + load / 2) / 100 + rng.int(-40...400))
                    ndjson.append(trafficPrefix); ndjson.append(gatewayJSON[g])
                    ndjson.append(UInt8(ascii: ",")); ndjson.append(endpointJSON[k]); ndjson.append(atJSON)
                    ndjson.append(",\"interval_s\":300,\"request_count\":"); ndjson.append(requests)
                    ndjson.append(",\"request_bytes\":"); ndjson.append(requestBytes)
                    ndjson.append(",\"response_count\":"); ndjson.append(requests)
                    ndjson.append(",\"response_bytes\":"); ndjson.append(responseBytes)
                    ndjson.append(",\"avg_elapsed_ms\":"); ndjson.append(elapsed)
                    ndjson.append("}\n")

                    trafficCSV.append(g * E + k + 1); trafficCSV.append(UInt8(ascii: ","))
                    trafficCSV.append(Int(at)); trafficCSV.append(",300,")
                    trafficCSV.append(requests); trafficCSV.append(UInt8(ascii: ","))
                    trafficCSV.append(requestBytes); trafficCSV.append(UInt8(ascii: ","))
                    // unanswered_count = request_count - response_count: every request is answered here.
                    trafficCSV.append("0,")
                    trafficCSV.append(responseBytes); trafficCSV.append(UInt8(ascii: ","))
                    trafficCSV.append(elapsed); trafficCSV.append(UInt8(ascii: "\n"))
                    lines += 1
                }
            }
            try ndjson.flushIfFull(); try onlineCSV.flushIfFull(); try trafficCSV.flushIfFull()
        }
        let ndjsonBytes = try ndjson.close()
        _ = try onlineCSV.close()
        _ = try trafficCSV.close()
        let seconds = (clock.now - started).seconds
        let last = GeneratorConfig.start + Int64(ticks - 1) * GeneratorConfig.tick
        print("generated \(dir)/history.ndjson: \(format(lines)) lines, \(format(ndjsonBytes)) bytes (\(megabytes(ndjsonBytes)))")
        print("  \(format(ticks * G)) online_clients + \(format(ticks * G * E)) endpoint_traffic samples; \(G) gateways × \(E) endpoints, \(ticks) ticks of 5 min from \(String(decoding: RFC3339.format(GeneratorConfig.start), as: UTF8.self)) to \(String(decoding: RFC3339.format(last), as: UTF8.self)), seed \(config.seed)")
        print("  baseline inputs: online_clients.csv, endpoint_traffic.csv, parents.sql; took \(String(format: "%.1f", seconds)) s")
    }

    /// The parent rows the CSVs refer to, for the baseline database.
    private func writeParents(to path: String) throws {
        var sql = "-- Generated by cmg-history-bench generate: gateway and endpoint rows for the CSV baseline.\n"
        for g in 0..<config.gateways {
            sql += "INSERT INTO gateway(id, name) VALUES (\(g + 1), '\(Self.gatewayName(g))');\n"
        }
        for g in 0..<config.gateways {
            for k in 0..<config.endpointsPerGateway {
                sql += "INSERT INTO endpoint(id, gateway_id, name, interval_s) VALUES (\(g * config.endpointsPerGateway + k + 1), \(g + 1), '\(Self.endpointName(k))', 300);\n"
            }
        }
        var out = try BufferedOutput(path: path)
        out.append(sql)
        _ = try out.close()
    }
}

/// A file written through a ~1 MB in-memory buffer.
struct BufferedOutput {
    static let chunk = 1 << 20
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private(set) var written = 0

    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw Options.Problem(description: "cannot create \(path)")
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw Options.Problem(description: "cannot open \(path) for writing")
        }
        self.handle = handle
        buffer.reserveCapacity(Self.chunk + 4096)
    }

    mutating func append(_ byte: UInt8) { buffer.append(byte) }
    mutating func append(_ bytes: [UInt8]) { buffer.append(contentsOf: bytes) }
    mutating func append(_ text: String) { buffer.append(contentsOf: text.utf8) }

    /// Appends a decimal integer without going through String.
    mutating func append(_ value: Int) {
        if value < 0 { buffer.append(UInt8(ascii: "-")) }
        var v = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[n] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
                n += 1
            } while v > 0
            while n > 0 { n -= 1; buffer.append(d[n]) }
        }
    }

    mutating func flushIfFull() throws {
        if buffer.count >= Self.chunk { try flush() }
    }

    mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        written += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and closes; returns the bytes written in all.
    mutating func close() throws -> Int {
        try flush()
        try handle.close()
        return written
    }
}

/// RFC 3339 UTC text for Unix seconds, as bytes.
enum RFC3339 {
    static func format(_ unix: Int64) -> [UInt8] { Array(Timestamp.format(unix).utf8) }
}

extension Duration {
    var seconds: Double {
        let (s, attos) = components
        return Double(s) + Double(attos) / 1e18
    }
}

func format(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (i, c) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
        out.append(c)
    }
    return n < 0 ? "-" + out : out
}

func megabytes(_ bytes: Int) -> String {
    String(format: "%.1f MB", Double(bytes) / 1_048_576)
}
