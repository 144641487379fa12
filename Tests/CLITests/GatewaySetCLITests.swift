import Foundation
import Testing

/// `cmg-history gateway set`: the VM size exports cannot carry, recorded by hand (issue 12, problem 1).
@Suite("cmg-history gateway set")
struct GatewaySetCLITests {
    /// `Get-CMCloudManagementGateway | ConvertTo-Json | Out-File cmg.json` in Windows PowerShell
    /// 5.1: UTF-16LE with a BOM, CRLF, `\/Date(ms)\/`, and no VM size.
    static func writePS51Export(_ folder: ScratchFolder, name: String = "cmg.json", at milliseconds: Int64 = 1_790_856_000_000) throws {
        let text = "[\r\n    {\r\n        \"AzureServiceID\":  16777217,\r\n        \"ServiceCName\":  \"GraniteFalls.contoso.com\",\r\n"
            + "        \"ServiceType\":  \"CloudProxyService\",\r\n        \"State\":  0,\r\n        \"NumberOfInstances\":  2,\r\n"
            + "        \"StorageUsage\":  \"1.27\",\r\n        \"TrafficOutUsage\":  31.4,\r\n"
            + "        \"ExportedAt\":  \"\\/Date(\(milliseconds))\\/\"\r\n    }\r\n]\r\n"
        var data = Data([0xFF, 0xFE])
        for unit in text.utf16 { data.append(contentsOf: [UInt8(unit & 0xFF), UInt8(unit >> 8)]) }
        try data.write(to: folder.url.appendingPathComponent(name))
    }

    @Test func anExportOnlyHistoryPlusGatewaySetReportsAKnownCapacity() throws {
        // Given a PS 5.1 export with decimal GB figures, ingested
        let folder = try ScratchFolder()
        try Self.writePS51Export(folder)
        let ingest = try CLIRunner.run(["ingest", "--db", "h.sqlite", "cmg.json"], in: folder.url)
        #expect(ingest.status == 0 && ingest.stdout.hasPrefix("cmg.json (azure-service): 4 inserted, 0 duplicates, 0 rejected"),
                "\(ingest.stdout)\(ingest.stderr)")
        // When the VM size is set at the export's instant, in another spelling of both names
        let set = try CLIRunner.run(["gateway", "set", "granitefalls.contoso.com", "--vm-size", "standard_a2_v2",
                                     "--at", "2026-10-01T12:00:00Z", "--db", "h.sqlite"], in: folder.url)
        // Then it fills the export's record under the stored names, and capacity is known
        #expect(set.status == 0, "\(set.stderr)")
        #expect(set.stdout == "Recorded GraniteFalls.contoso.com: VM size Standard_A2_v2 from 2026-10-01T12:00:00Z.\n")
        let report = try CLIRunner.run(["report", "capacity", "--month", "2026-10", "--db", "h.sqlite"], in: folder.url)
        #expect(report.stdout.contains("12,000 clients (2 × Standard_A2_v2 at 6,000 each)"), "\(report.stdout)")
        #expect(!report.stdout.contains("unknown (VM size"))
        // And a second export (15 minutes later, no VM size) leaves it known
        try Self.writePS51Export(folder, name: "cmg-2.json", at: 1_790_856_900_000)
        _ = try CLIRunner.run(["ingest", "--db", "h.sqlite", "cmg-2.json"], in: folder.url)
        let json = try CLIRunner.run(["report", "capacity", "--month", "2026-10", "--format", "json", "--db", "h.sqlite"], in: folder.url)
        #expect(json.stdout.contains(#""capacity_clients" : 12000"#) && json.stdout.contains(#""vm_size" : "Standard_A2_v2""#), "\(json.stdout)")
        // Setting it again says so and stores nothing
        let again = try CLIRunner.run(["gateway", "set", "GraniteFalls.contoso.com", "--vm-size", "Standard_A2_v2",
                                       "--at", "2026-10-01T12:00:00Z", "--db", "h.sqlite"], in: folder.url)
        #expect(again.status == 0 && again.stdout.hasSuffix("was already recorded.\n"), "\(again.stdout)")
    }

    @Test func theFullNameOfAGatewayKnownOnlyFromItsLogsIsThatGateway() throws {
        // Given only a CMGService.log, which names the CMG GraniteFalls
        let folder = try ScratchFolder()
        try folder.write(GatewayCLITests.logName, GatewayCLITests.log)
        #expect(try CLIRunner.run(["ingest", "--db", "h.sqlite", GatewayCLITests.logName], in: folder.url).status == 0)
        // When gateway set and credential add name it in full, without --create-gateway
        let set = try CLIRunner.run(["gateway", "set", "GraniteFalls.contoso.com", "--vm-size", "Standard_A2_v2",
                                     "--at", "2026-09-01T00:00:00Z", "--db", "h.sqlite"], in: folder.url)
        let secret = try CLIRunner.run(["credential", "add", "--gateway", "GraniteFalls.contoso.com", "--kind", "app_secret",
                                        "--name", "CMG-ServerApp", "--expires", "2027-06-01T00:00:00Z", "--db", "h.sqlite"], in: folder.url)
        // Then both are that gateway: the short one folds into the full name, and one gateway remains
        #expect(set.status == 0 && set.stdout.contains("  folded gateway GraniteFalls into GraniteFalls.contoso.com: "), "\(set.stdout)\(set.stderr)")
        #expect(secret.status == 0 && secret.stdout.hasPrefix("Recorded CMG-ServerApp (app_secret) of GraniteFalls.contoso.com"), "\(secret.stderr)")
        let list = try CLIRunner.run(["gateway", "list", "--format", "csv", "--db", "h.sqlite"], in: folder.url)
        #expect(list.stdout.split(separator: "\r\n").count == 2 && list.stdout.contains("GraniteFalls.contoso.com,GraniteFalls,"), "\(list.stdout)")
        // And a name that is no gateway's is still refused
        let typo = try CLIRunner.run(["gateway", "set", "GranitFalls.contoso.com", "--vm-size", "Standard_A2_v2", "--db", "h.sqlite"], in: folder.url)
        #expect(typo.status != 0 && typo.stderr.hasPrefix("error: gateway GranitFalls.contoso.com is not known"), "\(typo.stderr)")
    }

    @Test func anUnknownGatewayIsRefusedUnlessCreateGatewayIsGiven() throws {
        // Given a database with one gateway
        let folder = try ScratchFolder()
        try Self.writePS51Export(folder)
        _ = try CLIRunner.run(["ingest", "--db", "h.sqlite", "cmg.json"], in: folder.url)
        // When a mistyped name is set, then the same with --create-gateway
        let typo = try CLIRunner.run(["gateway", "set", "GranitFalls.contoso.com", "--vm-size", "Standard_A2_v2", "--db", "h.sqlite"], in: folder.url)
        let created = try CLIRunner.run(["gateway", "set", "Lab.contoso.com", "--vm-size", "Standard_B2s", "--instances", "1",
                                         "--at", "2026-10-01T00:00:00Z", "--create-gateway", "--db", "h.sqlite"], in: folder.url)
        // Then the typo is refused naming the flag, and the new gateway is created on request
        #expect(typo.status == 2 && typo.stderr.hasPrefix("error: gateway GranitFalls.contoso.com is not known") && typo.stderr.contains("Did you mean GraniteFalls.contoso.com?"), "\(typo.stderr)")
        #expect(typo.stderr.contains("Use --create-gateway"))
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout == "Recorded Lab.contoso.com: VM size Standard_B2s, 1 instance from 2026-10-01T00:00:00Z (new gateway).\n")
        let info = try CLIRunner.run(["db", "info", "--db", "h.sqlite"], in: folder.url)
        #expect(!info.stdout.contains("GranitFalls") && info.stdout.contains("Lab.contoso.com"))
        // And no database is made for a refused name
        let none = try CLIRunner.run(["gateway", "set", "X.contoso.com", "--vm-size", "Standard_A2_v2", "--db", "none.sqlite"], in: folder.url)
        #expect(none.status == 2 && !FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("none.sqlite").path))
    }

    @Test(arguments: [
        (["--vm-size", "Basic_A1"], "--vm-size must be a VM size such as Standard_A2_v2"),
        (["--vm-size", "Standard_A2_v2", "--instances", "17"], "--instances must be from 1 to 16, not 17."),
        (["--vm-size", "Standard_A2_v2", "--instances", "0"], "--instances must be from 1 to 16, not 0."),
        (["--vm-size", "Standard_A2_v2", "--at", "yesterday"], "--at must be an RFC 3339 instant"),
        (["--vm-size", "Standard_" + String(repeating: "A", count: 300)], "--vm-size must be a VM size"),
    ])
    func badValuesAreRefusedBeforeAnythingIsOpened(arguments: [String], message: String) throws {
        let folder = try ScratchFolder()
        let result = try CLIRunner.run(["gateway", "set", "G.contoso.com", "--create-gateway", "--db", "h.sqlite"] + arguments, in: folder.url)
        #expect(result.status == 64 && result.stderr.contains(message), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("h.sqlite").path))
    }
}
