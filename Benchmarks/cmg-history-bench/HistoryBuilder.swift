import CMGHistory
import Foundation

struct HistoryConfig {
    var databasePath: String
    /// Calendar years from 2026-01-01T00:00:00Z; `days` overrides it for quick trials.
    var years: Int
    var days: Int?
    var gateways: Int
    var endpointsPerGateway: Int
    var seed: UInt64
    var batchSize: Int

    /// What the database was built from: a database is reused only when this matches.
    var stamp: String {
        let span = days.map { "days=\($0)" } ?? "years=\(years)"
        return "history \(span) gateways=\(gateways) endpoints=\(endpointsPerGateway) seed=\(seed)"
    }

    var start: Int64 { GeneratorConfig.start }
    var end: Int64 {
        if let days { return start + Int64(days) * 86_400 }
        return ReportZone.utc.month(year: 2026 + years, month: 1)?.start ?? start + Int64(years) * 365 * 86_400
    }
}

/// Builds a multi-year history straight into a database through the library's own write path
/// (`HistoryStore.importRecords` → `importBatch` → RecordWriter → state spans and rollups), in
/// time order and in batches, as a long-running scheduled import would have left it — without
/// writing and re-reading gigabytes of NDJSON.
///
/// Per gateway and 5-minute tick: a status snapshot (Ready, with a short Error incident every
/// ~45 days), an online-clients sample and one traffic sample per endpoint; per hour an egress
/// and a storage sample. At the start and on each 1 January: a configuration snapshot (one more
/// instance each year, with its `scale` operation), the alert thresholds, and a server
/// certificate valid for a year (its renewal recorded as an operation). Clients and traffic
/// follow the same daily rhythm as `generate` and grow 35 % a year.
struct HistoryBuilder {
    let config: HistoryConfig

    /// Record templates decoded once from JSON: the model types' memberwise initialisers are
    /// internal to the library, their properties public, so the builder copies and fills these.
    struct Templates {
        var gateway: GatewayConfig
        var alert: AlertConfig
        var status: StatusSnapshot
        var online: OnlineClientsSample
        var traffic: EndpointTrafficSample
        var egress: EgressSample
        var storage: StorageSample
        var operation: CMGHistory.GatewayOperation
        var credential: Credential

        init() throws {
            func decode<T: Decodable>(_ json: String) throws -> T { try JSONDecoder().decode(T.self, from: Data(json.utf8)) }
            gateway = try decode(#"{"gateway":"","at":0}"#)
            alert = try decode(#"{"gateway":"","at":0}"#)
            status = try decode(#"{"gateway":"","at":0,"stateCode":0,"state":"Ready","description":""}"#)
            online = try decode(#"{"gateway":"","at":0,"count":0}"#)
            traffic = try decode(#"{"gateway":"","endpoint":"","at":0,"intervalSeconds":300,"requestCount":0,"requestBytes":0,"responseCount":0,"responseBytes":0,"vmInstance":0}"#)
            egress = try decode(#"{"gateway":"","at":0,"intervalSeconds":3600,"bytes":0}"#)
            storage = try decode(#"{"gateway":"","at":0,"usedBytes":0}"#)
            operation = try decode(#"{"gateway":"","kind":"scale","requestedAt":0,"outcome":"succeeded","actor":"CONTOSO\\cmgadmin","note":""}"#)
            credential = try decode(#"{"gateway":"","kind":"server_certificate","name":"","subject":"","thumbprint":"","expiresAt":0,"issuer":"","serialNumber":"","subjectAlternativeNames":[]}"#)
        }
    }

    static let secondsPerYear: Double = 365.25 * 86_400

    /// Builds the database, or reuses it when it exists and was built with the same parameters.
    func run() throws {
        let path = config.databasePath
        let stampPath = path + ".params"
        if FileManager.default.fileExists(atPath: path),
           (try? String(contentsOfFile: stampPath, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) == config.stamp {
            let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
            print("reusing \(path) (\(config.stamp), \(megabytes(size)))")
            print("RESULT history reused=1 seconds=0 bytes=\(size)")
            return
        }
        for suffix in ["", "-wal", "-shm", "-journal", ".params"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }

        let G = config.gateways, E = config.endpointsPerGateway
        let start = config.start, end = config.end
        let tick = GeneratorConfig.tick
        let ticks = Int((end - start) / tick)
        print("building \(path): \(config.stamp), \(Timestamp.format(start)) to \(Timestamp.format(end)) (\(ticks) ticks of 5 min)")
        print("  expect \(format(ticks * G)) online_clients + \(format(ticks * G * E)) endpoint_traffic + \(format(ticks * G)) status"
              + " + \(format(ticks / 12 * G * 2)) egress/storage records, in batches of \(format(config.batchSize))")

        var rng = SplitMix64(seed: config.seed)
        let names = (0..<G).map(Generator.gatewayName)
        let endpoints = (0..<E).map(Generator.endpointName)
        let clientBase: [Int] = (0..<G).map { _ in rng.int(800...3_300) }
        let requestPeak: [[Int]] = (0..<G).map { _ in (0..<E).map { _ in rng.int(150...950) } }
        let requestSize: [[Int]] = (0..<G).map { _ in (0..<E).map { _ in rng.int(1_100...1_700) } }
        let responseSize: [[Int]] = (0..<G).map { _ in (0..<E).map { _ in rng.int(30...60) } }
        let latency: [[Int]] = (0..<G).map { _ in (0..<E).map { _ in rng.int(50...3_000) } }
        let storageStart: [Int64] = (0..<G).map { _ in Int64(rng.int(600...1_100)) * 1_000_000 }
        let storageGrowthPerHour: [Int64] = (0..<G).map { _ in Int64(rng.int(5_000...30_000)) }
        let egressPerClientHour: [Int] = (0..<G).map { _ in rng.int(90_000...160_000) }
        /// Ticks left in a gateway's current Error incident (0: Ready).
        var incidentLeft = [Int](repeating: 0, count: G)

        let t0 = try Templates()
        let store = try HistoryStore(path: path)
        var batch: [HistoryRecord] = []
        batch.reserveCapacity(config.batchSize + G * (E + 4))
        var totals: [String: Int] = [:]
        var stored = 0
        let clock = ContinuousClock()
        let started = clock.now
        var lastProgress = started
        var storeSeconds = 0.0

        func flush() throws {
            guard !batch.isEmpty else { return }
            let before = clock.now
            let summary = try store.importRecords(batch, source: "cmg-history-bench history")
            storeSeconds += (clock.now - before).seconds
            guard summary.rejected == 0 else {
                throw Options.Problem(description: "the store rejected \(summary.rejected) generated records: "
                                      + summary.rejections.prefix(5).map(\.description).joined(separator: "; "))
            }
            for (type, n) in summary.insertedByType { totals[type, default: 0] += n }
            stored += summary.inserted
            batch.removeAll(keepingCapacity: true)
        }

        /// The yearly records: configuration, thresholds, a certificate, and what changed.
        func yearly(_ g: Int, at: Int64, year: Int) {
            var snapshot = t0.gateway
            snapshot.gateway = names[g]; snapshot.at = at
            snapshot.azureServiceID = String(format: "%08x-0000-4000-8000-%012x", g + 1, g + 1)
            snapshot.site = "PS1"; snapshot.region = ["WestUS", "EastUS", "WestEurope", "NorthEurope"][g % 4]
            snapshot.vmSize = "Standard_A2_v2"; snapshot.instances = Int64(min(16, 1 + year))
            batch.append(.gateway(snapshot))
            if year > 0 {
                var op = t0.operation
                op.gateway = names[g]; op.kind = .scale; op.requestedAt = at - 1_800; op.completedAt = at - 600
                op.note = "scaled to \(1 + year) instances"
                batch.append(.operation(op))
                op.kind = .renewServerCertificate; op.requestedAt = at - 7 * 86_400; op.completedAt = at - 7 * 86_400 + 900
                op.note = ""
                batch.append(.operation(op))
            }
            var alert = t0.alert
            alert.gateway = names[g]; alert.at = at
            alert.egressThresholdBytes = 10_000_000_000_000; alert.egressWarningPct = 50; alert.egressCriticalPct = 90
            alert.stopOnCritical = false; alert.storageQuotaBytes = 2_000_000_000; alert.storageWarningPct = 50; alert.storageCriticalPct = 90
            batch.append(.alertConfig(alert))
            var cert = t0.credential
            cert.gateway = names[g]; cert.name = ""; cert.subject = "CN=\(names[g])"
            cert.thumbprint = String(format: "%016llX%016llX%08X", UInt64(g + 1), UInt64(year + 1), UInt32(config.seedless))
            cert.notBefore = at - 7 * 86_400; cert.expiresAt = at + 372 * 86_400
            batch.append(.credential(cert))
        }

        // 1 January of each year, 2026 first.
        let yearStarts: [Int64] = (0...200).compactMap { ReportZone.utc.month(year: 2026 + $0, month: 1)?.start }
        var year = 0
        for t in 0..<ticks {
            let at = start + Int64(t) * tick
            if year < yearStarts.count, at >= yearStarts[year] {
                for g in 0..<G { yearly(g, at: at, year: year) }
                year += 1
            }
            let elapsedYears = Double(at - start) / Self.secondsPerYear
            let growth = 1.0 + 0.35 * elapsedYears
            let load = Generator.hourlyLoad[Int((at % 86_400) / 3_600)]
            let onTheHour = at % 3_600 == 0 && t > 0
            for g in 0..<G {
                // Status: Ready, except a short Error incident now and then.
                var status = t0.status
                status.gateway = names[g]; status.at = at
                if incidentLeft[g] == 0, rng.below(288 * 45) == 0 { incidentLeft[g] = rng.int(2...12) }
                if incidentLeft[g] > 0 {
                    incidentLeft[g] -= 1
                    status.stateCode = 2; status.state = "Error"; status.description = "The server app secret could not be validated"
                }
                batch.append(.status(status))

                var online = t0.online
                online.gateway = names[g]; online.at = at
                let clients = max(0, Int(Double(clientBase[g] * (40 + load * 60 / 100) / 100) * growth) + rng.int(-40...40))
                online.count = Int64(clients)
                batch.append(.onlineClients(online))

                for k in 0..<E {
                    let requests = max(0, Int(Double(requestPeak[g][k] * load / 100) * growth) + rng.int(-25...25))
                    var traffic = t0.traffic
                    traffic.gateway = names[g]; traffic.endpoint = endpoints[k]; traffic.at = at
                    traffic.requestCount = Int64(requests)
                    traffic.requestBytes = Int64(requests * (requestSize[g][k] + rng.int(-150...150)))
                    traffic.responseCount = Int64(requests)
                    traffic.responseBytes = Int64(requests * (responseSize[g][k] + rng.int(-5...5)))
                    traffic.averageElapsedMilliseconds = Int64(max(1, latency[g][k] * (80 + load / 2) / 100 + rng.int(-40...400)))
                    batch.append(.endpointTraffic(traffic))
                }

                if onTheHour {
                    var egress = t0.egress
                    egress.gateway = names[g]; egress.at = at
                    egress.bytes = Int64(clients * egressPerClientHour[g] / 10 * (80 + rng.int(0...40)) / 100)
                    batch.append(.egress(egress))
                    var storage = t0.storage
                    storage.gateway = names[g]; storage.at = at
                    storage.usedBytes = storageStart[g] + storageGrowthPerHour[g] * (at - start) / 3_600 + Int64(rng.int(0...50_000_000))
                    batch.append(.storage(storage))
                }
            }
            if batch.count >= config.batchSize { try flush() }
            let now = clock.now
            if now - lastProgress >= .seconds(30) {
                lastProgress = now
                let seconds = (now - started).seconds
                print(String(format: "  %@  %@ records stored, %.0f records/s, %.0f s (%.0f%%)",
                             String(Timestamp.format(at).prefix(10)), format(stored), Double(stored) / seconds, seconds,
                             100 * Double(t) / Double(ticks)))
                fflush(nil)
            }
        }
        try flush()
        let beforeCheckpoint = clock.now
        try store.checkpoint()
        let checkpointSeconds = (clock.now - beforeCheckpoint).seconds
        let seconds = (clock.now - started).seconds
        try config.stamp.write(toFile: stampPath, atomically: true, encoding: .utf8)
        let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0

        print("built \(path) in \(String(format: "%.1f", seconds)) s: \(format(stored)) records stored, "
              + "\(format(Int((Double(stored) / seconds).rounded()))) records/s; \(megabytes(size)) on disk")
        print("  by type: " + totals.sorted { $0.key < $1.key }.map { "\($0.key) \(format($0.value))" }.joined(separator: ", "))
        print(String(format: "  time in importRecords %.1f s, generating %.1f s, final checkpoint %.1f s",
                     storeSeconds, seconds - storeSeconds - checkpointSeconds, checkpointSeconds))
        print("RESULT history reused=0 seconds=\(String(format: "%.3f", seconds)) records=\(stored) bytes=\(size)")
    }
}

private extension HistoryConfig {
    /// A stable number for the certificate thumbprints of this build.
    var seedless: UInt32 { UInt32(truncatingIfNeeded: seed &* 2_654_435_761) }
}
