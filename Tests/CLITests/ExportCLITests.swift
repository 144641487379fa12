import Foundation
import Testing

@Suite("cmg-history ingest of ConfigMgr exports, and credential add")
struct ExportCLITests {
    static let serviceJSON = """
        [{"ServiceCName":"GraniteFalls.contoso.com","ServiceType":"CloudProxyService","AzureServiceID":16777217,"State":0,
          "NumberOfInstances":2,"StorageUsage":1,"ManagementCertificate":"PRIVATE-KEY-MATERIAL","ExportedAt":"\\/Date(1790856000000)\\/"},
         {"ServiceCName":"cdp.contoso.com","ServiceType":"CloudService","State":0}]
        """

    @Test func ingestNamesTheFormatTheExportTimeAndTheSkippedDistributionPoints() throws {
        let folder = try ScratchFolder()
        try folder.write("cmg.txt", Self.serviceJSON)
        let first = try CLIRunner.run(["ingest", "cmg.txt"], in: folder.url)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == """
            cmg.txt (azure-service): 3 inserted, 0 duplicates, 0 rejected, 1 secret fields dropped
              read as JSON array, UTF-8; export time: field ExportedAt (2026-10-01T12:00:00Z); 1 cloud distribution point skipped

            """)
        #expect(!first.stdout.contains("PRIVATE-KEY-MATERIAL") && !first.stderr.contains("PRIVATE-KEY-MATERIAL"))
        let again = try CLIRunner.run(["ingest", "cmg.txt"], in: folder.url)
        #expect(again.stdout.hasPrefix("cmg.txt (azure-service): 0 inserted, 3 duplicates, 0 rejected"))
    }

    @Test func bgbStatisticsTakeSourceZoneAndGatewayOptions() throws {
        let folder = try ScratchFolder()
        try folder.write("bgb.csv", "TimeStamp,CMGOnlineClients,InternetOnlineClients,IntranetOnlineClients\n2026-10-01 08:00:00.000,10,20,30\n")
        let noGateway = try CLIRunner.run(["ingest", "bgb.csv"], in: folder.url)
        #expect(noGateway.status == 2)
        #expect(noGateway.stderr == "error: bgb.csv: BGB_Statistics rows name no gateway; no gateway is stored yet: import the SMS_AzureService export first, or name the gateway with --gateway.\n")
        let ok = try CLIRunner.run(["ingest", "--gateway", "G1.contoso.com", "--source-tz", "Europe/Berlin", "bgb.csv"], in: folder.url)
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout == """
            bgb.csv (bgb-statistics): 2 inserted, 0 duplicates, 0 rejected
              read as CSV, UTF-8; TimeStamp values carry no zone; read as Europe/Berlin (--source-tz)

            """)
        let badZone = try CLIRunner.run(["ingest", "--source-tz", "Mars/Olympus", "bgb.csv"], in: folder.url)
        #expect(badZone.status != 0 && badZone.stderr.contains("--source-tz must be an IANA time zone"))
    }

    @Test func anUnknownFileListsTheKnownFormatsAndFormatOverridesDetection() throws {
        let folder = try ScratchFolder()
        try folder.write("notes.txt", "Name,Colour\nfoo,blue\n")
        let unknown = try CLIRunner.run(["ingest", "notes.txt"], in: folder.url)
        #expect(unknown.status == 2)
        #expect(unknown.stderr == "error: notes.txt: not a format cmg-history knows. Known formats: ndjson, azure-service, azure-service-task, proxy-connectors, bgb-statistics, certificate. If it is one of them, name it with --format.\n")
        try folder.write("cp.csv", "ServerName,ConnectionStatus\nCMGCP1,2\n")
        let forced = try CLIRunner.run(["ingest", "--format", "proxy-connectors", "--gateway", "G1", "--at", "2026-10-01T00:00:00Z", "cp.csv"], in: folder.url)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(forced.stdout.contains("export time: --at 2026-10-01T00:00:00Z"))
    }

    @Test func credentialAddRecordsTheExpiryAndRenewalOnce() throws {
        let folder = try ScratchFolder()
        let arguments = ["credential", "add", "--gateway", "GraniteFalls.contoso.com", "--kind", "app_secret",
                         "--name", "CMG-ServerApp", "--expires", "2027-06-01T00:00:00Z", "--renewed", "2026-05-20T09:30:00Z",
                         "--create-gateway"]
        let first = try CLIRunner.run(arguments, in: folder.url)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == "Recorded CMG-ServerApp (app_secret) of GraniteFalls.contoso.com: expires 2027-06-01T00:00:00Z, renewed 2026-05-20T09:30:00Z.\n")
        let again = try CLIRunner.run(arguments, in: folder.url)
        #expect(again.stdout == "CMG-ServerApp (app_secret) of GraniteFalls.contoso.com expiring 2027-06-01T00:00:00Z was already recorded.\n")
        let badKind = try CLIRunner.run(["credential", "add", "--gateway", "G", "--kind", "password", "--name", "x", "--expires", "2027-01-01T00:00:00Z"], in: folder.url)
        #expect(badKind.status != 0 && badKind.stderr.contains("--kind must be one of server_certificate, app_secret"))
    }
}
