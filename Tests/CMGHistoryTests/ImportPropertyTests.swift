import Foundation
import GRDB
import PropertyBased
import Testing
@testable import CMGHistory

/// Rules that hold for every input, checked over generated ones (swift-property-based).
struct ImportPropertyTests {
    // MARK: - Import twice = import once

    /// One generated NDJSON line: few gateways, instants and values, so that files repeat keys
    /// with the same and with other values, as overlapping exports do.
    struct LineSpec: Sendable, CustomStringConvertible {
        var type: Int
        var gateway: Int
        var minute: Int
        var value: Int

        var description: String { line }

        var line: String {
            let gateway = ["GraniteFalls.contoso.com", "BlueRidge.contoso.com", "graniteFALLS.contoso.com"][gateway % 3]
            let at = Timestamp.format(ExportFixtures.october1 + Int64(minute) * 300)
            let prefix = #"{"gateway":"\#(gateway)","at":"\#(at)","#
            switch type % 9 {
            case 0: return prefix + #""type":"online_clients","count":\#(value)}"#
            case 1: return prefix + #""type":"endpoint_traffic","endpoint":"CCM_STS","interval_s":300,"request_count":\#(value),"request_bytes":\#(value * 1000),"response_count":\#(value),"response_bytes":\#(value * 40)}"#
            case 2: return prefix + #""type":"egress","interval_s":3600,"bytes":\#(value * 1_000_000)}"#
            case 3: return prefix + #""type":"storage","used_bytes":\#(value * 1_000_000)}"#
            case 4: return prefix + #""type":"status","state":"\#(["Ready", "Error", "Stopped"][value % 3])"}"#
            case 5: return prefix + #""type":"connection_point","server":"cmgcp1.contoso.com","status":\#(value % 3)}"#
            case 6: return prefix + #""type":"gateway","vm_size":"Standard_A2_v2","instances":\#(value % 4 + 1)}"#
            case 7: return #"{"type":"operation","gateway":"\#(gateway)","kind":"start","requested_at":"\#(at)","outcome":"\#(["in_progress", "succeeded", "failed"][value % 3])","completed_at":"\#(at)"}"#
            default: return prefix + #""type":"online_clients","count":-\#(value)}"# // rejected
            }
        }
    }

    static let lines = zip(Gen.int(in: 0...8), Gen.int(in: 0...2), Gen.int(in: 0...30), Gen.int(in: 0...5))
        .map { LineSpec(type: $0, gateway: $1, minute: $2, value: $3) }
        .array(of: 1...60)

    /// Every row of every table, in a fixed order: what "changes nothing" is compared on.
    static func contents(of store: HistoryStore) throws -> [String] {
        try store.read { db in
            let tables = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                    AND name NOT LIKE 'log_entry_fts%' ORDER BY name
                """)
            return try tables.flatMap { table in
                try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"").map { "\(table) \($0)" }.sorted()
            }
        }
    }

    @Test func importingAFileTwiceChangesNothingTheSecondTime() async throws {
        await propertyCheck(count: 40, input: Self.lines) { specs in
            // Given a generated file
            let folder = try TemporaryFolder()
            let text = specs.map(\.line).joined(separator: "\n") + "\n"
            let store = try folder.store()
            // When it is imported once, then again
            let first = try importNDJSON(text, into: store, folder: folder)
            let once = try Self.contents(of: store)
            let second = try importNDJSON(text, into: store, folder: folder)
            // Then the second import stores and changes nothing, and accounts for every line
            #expect(try Self.contents(of: store) == once)
            #expect(second.inserted == 0 && second.updated == 0)
            #expect(first.inserted + first.updated + first.duplicates + first.rejected + first.conflicts == specs.count)
            #expect(second.duplicates + second.rejected + second.conflicts == specs.count)
        }
    }

    @Test func aFileImportedInTwoPartsEqualsItImportedWhole() async throws {
        await propertyCheck(count: 25, input: Self.lines, Gen.int(in: 0...60)) { specs, cut in
            // Given a generated file, and the same lines split in two files at any line
            let folder = try TemporaryFolder()
            let lines = specs.map(\.line)
            let split = min(cut, lines.count)
            let whole = try folder.store("whole.sqlite")
            let parts = try folder.store("parts.sqlite")
            // When one store imports it whole and the other in two parts
            try importNDJSON(lines.joined(separator: "\n"), into: whole, folder: folder, name: "whole.ndjson")
            try importNDJSON(lines[..<split].joined(separator: "\n"), into: parts, folder: folder, name: "a.ndjson")
            try importNDJSON(lines[split...].joined(separator: "\n"), into: parts, folder: folder, name: "b.ndjson")
            // Then both hold the same rows
            #expect(try Self.contents(of: whole) == Self.contents(of: parts))
        }
    }

    // MARK: - No input traps

    static let bytes = Gen<UInt8>.value(in: 0...255).array(of: 0...300)

    /// Bytes that are nearly a valid line: a valid line with a few bytes replaced, so the
    /// decoders get past their first checks.
    static let nearlyValid = zip(Self.lines, Gen.int(in: 0...10_000).array(of: 1...4), Gen<UInt8>.value(in: 0...255))
        .map { specs, positions, byte -> [UInt8] in
            var line = Array(specs[0].line.utf8)
            for p in positions where !line.isEmpty { line[p % line.count] = byte }
            return line
        }

    @Test func anyBytesAreDecodedOrRejectedNeverTrapped() async throws {
        await propertyCheck(count: 400, input: Self.bytes, Self.nearlyValid) { random, mutated in
            for input in [random, mutated] {
                // When any bytes go through every reader (a trap would end the test process)
                let line = FuzzEntryPoints.ndjsonLine(input)
                for format in [ExportFormat?.none, .azureService, .azureServicesTask, .proxyConnectors, .bgbStatistics, .certificate] {
                    _ = FuzzEntryPoints.exportFile(input, format: format)
                }
                _ = LogParser.entries(in: input)
                // Then each line gives one record or one reason
                #expect(line.records.count + line.messages.count == 1)
                #expect(line.messages.allSatisfy { !$0.isEmpty })
            }
        }
    }
}
