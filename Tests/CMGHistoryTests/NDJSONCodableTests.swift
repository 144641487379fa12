import Foundation
import GRDB
import Testing
@testable import CMGHistory

/// The model values' `Codable` shape is NDJSON v1: a value encodes to the line the importer
/// reads back as that value, and a line decodes to the value the importer builds (issue 13).
@Suite("Model values coded as NDJSON v1")
struct NDJSONCodableTests {
    static let t0: UnixSeconds = 1_790_812_800  // 2026-10-01T00:00:00Z

    /// One value of every NDJSON v1 record type, with optional fields both set and left out,
    /// GB figures that are not whole, and unknown fields kept in `extra`.
    static let records: [HistoryRecord] = [
        .gateway(GatewayConfig(gateway: "GraniteFalls.contoso.com", at: t0, azureServiceID: "a1b2c3d4-0000-4000-8000-000000000001",
                               site: "PS1", region: "WestUS", vmSize: "Standard_A2_v2", instances: 2, extra: #"{"owner":"Team CM"}"#)),
        .gateway(GatewayConfig(gateway: "Quarry.contoso.com", at: t0 + 60)),
        .alertConfig(AlertConfig(gateway: "GraniteFalls.contoso.com", at: t0, egressThresholdBytes: 10_000_750_000_000,
                                 egressWarningPct: 50, egressCriticalPct: 90, stopOnCritical: true,
                                 storageQuotaBytes: 1_270_000_001, storageWarningPct: 50, storageCriticalPct: 90)),
        .status(StatusSnapshot(gateway: "GraniteFalls.contoso.com", at: t0 + 300, stateCode: 2, state: "Error",
                               description: "Deployment failed", extra: #"{"detail":{"code":7,"kind":"x","tags":["a","b"],"zone":"eu"}}"#)),
        .status(StatusSnapshot(gateway: "GraniteFalls.contoso.com", at: t0 + 600, stateCode: nil, state: "Upgrading")),
        .connectionPoint(ConnectionPointStatus(gateway: "GraniteFalls.contoso.com", server: "cmgcp1.contoso.com", at: t0 + 300, status: 1)),
        .onlineClients(OnlineClientsSample(gateway: "GraniteFalls.contoso.com", at: t0 + 300, count: 1834)),
        .endpointTraffic(EndpointTrafficSample(gateway: "GraniteFalls.contoso.com", endpoint: "CCM_STS", at: t0 + 300,
                                               intervalSeconds: 300, requestCount: 769, requestBytes: 1_081_595,
                                               responseCount: 769, responseBytes: 36_143, averageElapsedMilliseconds: 3945)),
        .endpointTraffic(EndpointTrafficSample(gateway: "GraniteFalls.contoso.com", endpoint: "SMS_MP", at: t0 + 300,
                                               intervalSeconds: 300, requestCount: 0, requestBytes: 0, responseCount: 0, responseBytes: 0)),
        .egress(EgressSample(gateway: "GraniteFalls.contoso.com", at: t0 + 3600, intervalSeconds: 3600, bytes: 73_400_320)),
        .storage(StorageSample(gateway: "GraniteFalls.contoso.com", at: t0 + 3600, usedBytes: 1_288_490_188)),
        .operation(GatewayOperation(gateway: "GraniteFalls.contoso.com", kind: .start, requestedAt: t0 + 7200, completedAt: t0 + 7950,
                                    outcome: .succeeded, actor: "CONTOSO\\admin", note: "after maintenance", extra: #"{"ticket":42}"#)),
        .operation(GatewayOperation(gateway: "GraniteFalls.contoso.com", kind: .syncConfig, requestedAt: t0 + 9000, outcome: .inProgress)),
        .credential(Credential(gateway: "GraniteFalls.contoso.com", kind: .serverCertificate, subject: "CN=GraniteFalls.contoso.com",
                               thumbprint: "3A5F9C1022AABBCCDDEEFF001122334455667788", notBefore: t0 - 86_400 * 320, expiresAt: t0 + 86_400 * 45)),
        .credential(Credential(gateway: "GraniteFalls.contoso.com", kind: .appSecret, name: "cmg-server-app", expiresAt: t0 + 86_400 * 400)),
    ]

    static func line(_ record: HistoryRecord) throws -> String {
        String(decoding: try JSONEncoder().encode(record), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ line: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(line.utf8))
    }

    /// Every row of every table the records go to, as text, in key order: what a store holds.
    static func storedFigures(_ path: String) throws -> [String: [String]] {
        let queue = try DatabaseQueue(path: path)
        return try queue.read { db in
            var figures: [String: [String]] = [:]
            for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            where table != "grdb_migrations" {
                figures[table] = try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"").map(\.description).sorted()
            }
            return figures
        }
    }

    @Test func eachRecordEncodesToALineThatDecodesAndImportsAsTheSameValue() throws {
        // Given one value of every record type, built with the public initialisers
        let folder = try TemporaryFolder()
        // When each is encoded, by a plain JSONEncoder and as its canonical line
        let lines = try Self.records.map { try $0.ndjsonLine() }
        // Then each line is NDJSON v1: it decodes to the value, through Codable and as the importer reads it
        for (record, line) in zip(Self.records, lines) {
            #expect(try Self.decode(HistoryRecord.self, try Self.line(record)) == record)
            #expect(try Self.decode(HistoryRecord.self, line) == record, "\(line)")
            #expect(try HistoryRecord(ndjsonLine: line) == record, "\(line)")
            #expect(line.hasPrefix("{") && !line.contains("\n") && line.contains(#""type":"\#(record.typeName)""#))
        }
        // and importing the lines with the NDJSON importer stores what importing the values does
        let fromLines = try folder.store("lines.sqlite")
        let summary = try importNDJSON(lines.joined(separator: "\n") + "\n", into: fromLines, folder: folder)
        #expect(summary.rejected == 0 && summary.inserted == Self.records.count, "\(summary.rejections)")
        let fromValues = try folder.store("values.sqlite")
        let entered = try fromValues.importRecords(Self.records, source: "values")
        #expect(entered.rejected == 0 && entered.inserted == Self.records.count, "\(entered.rejections)")
        let stored = try Self.storedFigures(folder.path("lines.sqlite"))
        #expect(stored["storage_sample"]?.count == 1 && stored["credential"]?.count == 2)
        #expect(stored == (try Self.storedFigures(folder.path("values.sqlite"))))
    }

    @Test func theEncodedLineSpellsTheFieldsAsDESIGNDoes() throws {
        // Given a storage sample and an alert configuration with a fractional GB quota
        let storage = HistoryRecord.storage(StorageSample(gateway: "G", at: Self.t0, usedBytes: 1_288_490_188))
        let alert = AlertConfig(gateway: "G", at: Self.t0, storageQuotaBytes: 1_270_000_000)
        // When they are encoded
        // Then the keys, times and GB figures are NDJSON v1's, keys sorted
        #expect(try storage.ndjsonLine() == #"{"at":"2026-10-01T00:00:00Z","gateway":"G","type":"storage","used_bytes":1288490188}"#)
        #expect(try JSONEncoding.text(alert, .compact, keys: .asDeclared)
                == #"{"at":"2026-10-01T00:00:00Z","gateway":"G","storage_quota_gb":1.27,"type":"alert_config"}"#)
    }

    @Test func everyFixtureLineDecodesToTheValueTheImporterBuilds() throws {
        // Given the fixture with one line of each record type
        let url = try #require(NDJSONImportTests.fixture)
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.count == 10)
        for line in lines {
            // When a line is decoded through Codable
            let decoded = try Self.decode(HistoryRecord.self, line)
            // Then it is the record the importer's decoder makes of the same bytes
            var bytes = Array(line.utf8)
            var importer = NDJSONRecordDecoder()
            let imported = try bytes.withUnsafeMutableBufferPointer { buffer throws(LineRejection) in
                try importer.decode(UnsafeBufferPointer(buffer))
            }
            #expect(decoded == imported, "\(line)")
            // and each type decodes to its own payload, and only from its own type of line
            switch imported {
            case .gateway(let r): #expect(try Self.decode(GatewayConfig.self, line) == r)
            case .alertConfig(let r): #expect(try Self.decode(AlertConfig.self, line) == r)
            case .status(let r): #expect(try Self.decode(StatusSnapshot.self, line) == r)
            case .connectionPoint(let r): #expect(try Self.decode(ConnectionPointStatus.self, line) == r)
            case .onlineClients(let r): #expect(try Self.decode(OnlineClientsSample.self, line) == r)
            case .endpointTraffic(let r): #expect(try Self.decode(EndpointTrafficSample.self, line) == r)
            case .egress(let r): #expect(try Self.decode(EgressSample.self, line) == r)
            case .storage(let r): #expect(try Self.decode(StorageSample.self, line) == r)
            case .operation(let r): #expect(try Self.decode(GatewayOperation.self, line) == r)
            case .credential(let r): #expect(try Self.decode(Credential.self, line) == r)
            case .onlineClientsByNetwork, .reportedEgress: Issue.record("NDJSON v1 has no \(imported.typeName) line")
            }
            if case .storage = imported {} else {
                #expect(throws: DecodingError.self) { try Self.decode(StorageSample.self, line) }
            }
        }
    }

    @Test(arguments: [
        (#"{"type":"online_clients","gateway":"G","at":"2026-10-01T00:05:00Z","count":-1}"#, "count"),
        (#"{"type":"online_clients","gateway":"G","at":"2026-10-01T00:05:00Z","count":99999999999999999999}"#, "count"),
        (#"{"type":"egress","gateway":"G","at":"2026-10-01T00:05:00Z","interval_s":0,"bytes":1}"#, "interval_s"),
        (#"{"type":"alert_config","gateway":"G","at":"2026-10-01T00:05:00Z","egress_warning_pct":101}"#, "egress_warning_pct"),
        (#"{"type":"status","gateway":"G","at":"2026-10-01T23:59:60Z","state":"Ready"}"#, "at"),
        (#"{"type":"storage","gateway":"G","at":"2026-10-01T00:05:00Z"}"#, "used_bytes"),
        (#"{"type":"sample","gateway":"G"}"#, "type"),
    ])
    func aValueOutOfRangeIsADecodingErrorCarryingTheImportersRejection(line: String, field: String) throws {
        // Given a line the importer rejects
        // When it is decoded
        // Then decoding throws (never traps), with the importer's rejection naming the field
        let error = try #require(throws: DecodingError.self) { try Self.decode(HistoryRecord.self, line) }
        guard case .dataCorrupted(let context) = error else {
            Issue.record("expected dataCorrupted, got \(error)")
            return
        }
        let rejection = try #require(context.underlyingError as? LineRejection)
        #expect(rejection.field == field, "\(rejection.message)")
        #expect(context.debugDescription == rejection.message)
        #expect(throws: LineRejection.self) { try HistoryRecord(ndjsonLine: line) }
    }

    @Test func aDecodedSecretIsNeverKept() throws {
        // Given lines with a secret-named unknown member, nested and at the top, and a secret in free text
        let line = #"{"type":"operation","gateway":"G","kind":"start","requested_at":"2026-10-01T02:00:00Z","#
            + #""client_secret":"s3cr3t-value-1","meta":{"password":"hunter2-hunter2","ok":1},"note":"password=hunter2-hunter2"}"#
        // When it is decoded
        let record = try Self.decode(HistoryRecord.self, line)
        // Then neither the secret members nor the secret value are in the value, nor in its line
        guard case .operation(let operation) = record else {
            Issue.record("not an operation: \(record)")
            return
        }
        let encoded = try Self.line(record)
        for text in [operation.extra ?? "", operation.note, encoded] {
            #expect(!text.contains("s3cr3t") && !text.contains("hunter2"), "\(text)")
        }
        #expect(operation.extra?.contains(#""ok":1"#) == true)
    }

    @Test func aValueNDJSONV1CannotSayDoesNotEncode() throws {
        // Given values with fields that only exports and logs fill
        let traffic = EndpointTrafficSample(gateway: "G", endpoint: "CCM_STS", at: Self.t0, intervalSeconds: 300, requestCount: 1,
                                            requestBytes: 1, responseCount: 1, responseBytes: 1, vmInstance: 2)
        let task = GatewayOperation(gateway: "", kind: .start, requestedAt: Self.t0, outcome: .inProgress, taskKey: "PS1/7", azureServiceID: "a1")
        let certificate = Credential(gateway: "G", kind: .serverCertificate, expiresAt: Self.t0, issuer: "CN=Contoso CA")
        let split = HistoryRecord.onlineClientsByNetwork(OnlineClientsByNetwork(gateway: "G", at: Self.t0, internetCount: 3))
        // When they are encoded
        // Then encoding refuses them rather than write a line that imports as another value
        #expect(throws: EncodingError.self) { try Self.line(.endpointTraffic(traffic)) }
        #expect(throws: EncodingError.self) { try Self.line(.operation(task)) }
        #expect(throws: EncodingError.self) { try Self.line(.credential(certificate)) }
        #expect(throws: EncodingError.self) { try Self.line(split) }
    }
}
