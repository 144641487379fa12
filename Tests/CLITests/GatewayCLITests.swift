import Foundation
import Testing

/// `cmg-history gateway …`, the one-gateway-per-CMG rule at the command line, and
/// `credential add`'s refusal of unknown gateways.
@Suite("cmg-history gateway")
struct GatewayCLITests {
    static let logName = "CMG-GraniteFalls-ProxyService_IN_0-CMGService.log"
    static let log = """
        <![LOG[RequestUri: /CCM_PROXY_SERVERAUTH/72057594037938216/CCM_STS  RequestCount: 769  RequestSize: 1081595 Bytes  ResponseCount: 769     ResponseSize: 36143 Bytes  AverageElapsedTime: 3945 ms]LOG]!><time="10:05:00.000+0" date="10-01-2026" component="CMGService" context="" type="1" thread="7" file="x.cpp:1">
        <![LOG[RequestUri: /CCM_PROXY_MUTUALAUTH/72057594037938216/SMS_MP  RequestCount: 12  RequestSize: 3400 Bytes  ResponseCount: 11  ResponseSize: 99000 Bytes  AverageElapsedTime: 20 ms]LOG]!><time="10:05:00.000+0" date="10-01-2026" component="CMGService" context="" type="1" thread="7" file="x.cpp:1">

        """
    /// `Get-CMCloudManagementGateway | ConvertTo-Json` in PowerShell 7, one gateway.
    static let export = """
        {
          "ServiceCName": "GraniteFalls.contoso.com",
          "State": 0,
          "AzureServiceID": 16777217,
          "ServiceType": "CloudProxyService",
          "SiteCode": "PS1",
          "NumberOfInstances": 2,
          "ExportedAt": "2026-10-01T12:00:00Z"
        }
        """

    func run(_ arguments: [String], _ folder: ScratchFolder) throws -> CLIRunner.Result {
        try CLIRunner.run(arguments + ["--db", "h.sqlite"], in: folder.url)
    }

    /// The gateway names `report trend` lists, and their request totals.
    func trend(_ folder: ScratchFolder) throws -> [String: Int] {
        let result = try run(["report", "trend", "--metric", "requests", "--bucket", "1d", "--from", "2026-10-01", "--to", "2026-10-02",
                              "--format", "json"], folder)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        var totals: [String: Int] = [:]
        for series in json?["series"] as? [[String: Any]] ?? [] {
            let points = series["points"] as? [[String: Any]] ?? []
            totals[series["gateway"] as? String ?? "?"] = points.compactMap { $0["sum"] as? Int }.reduce(0, +)
        }
        return totals
    }

    @Test(arguments: [true, false])
    func eitherImportOrderGivesOneGatewayWithTheTraffic(logFirst: Bool) throws {
        // Given the CMGService log and cmg.json
        let folder = try ScratchFolder()
        try folder.write(Self.logName, Self.log)
        try folder.write("cmg.json", Self.export)
        // When they are ingested in either order
        let files = logFirst ? [Self.logName, "cmg.json"] : ["cmg.json", Self.logName]
        let first = try run(["ingest", files[0]], folder)
        let second = try run(["ingest", files[1]], folder)
        #expect(first.status == 0 && second.status == 0, "\(first.stderr)\(second.stderr)")
        // Then the trend lists one gateway, the traffic under its full name
        #expect(try trend(folder) == ["GraniteFalls.contoso.com": 781])
        if logFirst {
            #expect(second.stdout.contains("folded gateway GraniteFalls into GraniteFalls.contoso.com: 3 records moved"), "\(second.stdout)")
        }
        // And re-ingesting both changes nothing and makes no new gateway
        let again = try run(["ingest", "cmg.json", Self.logName], folder)
        #expect(again.status == 0 && again.stdout.contains("0 inserted"), "\(again.stdout)")
        let list = try run(["gateway", "list", "--format", "csv"], folder)
        #expect(list.stdout.split(separator: "\r\n").count == 2, "\(list.stdout)")
        #expect(list.stdout.contains("GraniteFalls.contoso.com,GraniteFalls,16777217,"), "\(list.stdout)")
        #expect(try run(["db", "check"], folder).status == 0)
    }

    @Test func ingestGatewayAssignsLogsToTheNamedGateway() throws {
        let folder = try ScratchFolder()
        try folder.write("CMG-Other-ProxyService_IN_0-CMGService.log", Self.log)
        let ingest = try run(["ingest", "--gateway", "GraniteFalls.contoso.com", "CMG-Other-ProxyService_IN_0-CMGService.log"], folder)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(try trend(folder) == ["GraniteFalls.contoso.com": 781])
        let logs = try run(["logs", "list", "--gateway", "GraniteFalls.contoso.com", "--format", "json"], folder)
        #expect(logs.stdout.components(separatedBy: "\"GraniteFalls.contoso.com\"").count == 3, "\(logs.stdout)")
    }

    @Test func renameMergeAliasAndRemove() throws {
        // Given two gateways
        let folder = try ScratchFolder()
        try folder.write("a.ndjson", """
            {"type":"online_clients","gateway":"GF","at":"2026-10-01T10:00:00Z","count":1}
            {"type":"online_clients","gateway":"Other","at":"2026-10-01T10:00:00Z","count":2}
            {"type":"status","gateway":"Other","at":"2026-10-01T10:00:00Z","state":"Ready","state_code":0}
            """)
        #expect(try run(["ingest", "a.ndjson"], folder).status == 0)
        // rename keeps the old name as an alias
        let rename = try run(["gateway", "rename", "GF", "GraniteFalls.contoso.com"], folder)
        #expect(rename.status == 0 && rename.stdout == "Renamed gateway GF to GraniteFalls.contoso.com; GF stays an alias of it.\n", "\(rename.stderr)")
        // alias adds a name, and refuses one that is another gateway's
        #expect(try run(["gateway", "alias", "GraniteFalls.contoso.com", "cmg-west"], folder).stdout == "cmg-west is now an alias of gateway GraniteFalls.contoso.com.\n")
        let taken = try run(["gateway", "alias", "GraniteFalls.contoso.com", "other"], folder)
        #expect(taken.status == 2 && taken.stderr == "error: the name other already stands for gateway Other\n", "\(taken.stderr)")
        // list shows names, aliases and counts
        let table = try run(["gateway", "list"], folder)
        #expect(table.stdout.contains("GraniteFalls.contoso.com  cmg-west, GF  2026-10-01T10:00:00Z"), "\(table.stdout)")
        let json = try run(["gateway", "list", "--format", "json"], folder)
        #expect(json.stdout.contains(#""online_client_samples" : 1"#), "\(json.stdout)")
        // remove refuses a gateway with data, saying what it would delete, and does it with --yes
        let refused = try run(["gateway", "remove", "Other"], folder)
        #expect(refused.status == 1 && refused.stdout.contains("Gateway Other has records; nothing was removed.")
                && refused.stdout.contains("  status snapshots: 1\n") && refused.stdout.contains("  online client samples: 1\n"), "\(refused.stdout)")
        #expect(try run(["gateway", "list", "--format", "csv"], folder).stdout.contains("Other,"))
        // merge moves the rest
        let merge = try run(["gateway", "merge", "Other", "cmg-west"], folder)
        #expect(merge.status == 0 && merge.stdout.hasPrefix("Merged gateway Other into GraniteFalls.contoso.com: 1 record moved, 1 conflicting row kept apart"),
                "\(merge.stdout)\(merge.stderr)")
        #expect(merge.stderr.contains(#"conflict: online_clients_sample: {"gateway_id":2,"at":1790848800,"count":2}"#), "\(merge.stderr)")
        #expect(try run(["db", "check"], folder).status == 0)
        let removed = try run(["gateway", "remove", "gf", "--yes"], folder)
        #expect(removed.status == 0 && removed.stdout.contains("Removed gateway GraniteFalls.contoso.com, deleting:\n"), "\(removed.stdout)")
        #expect(try run(["gateway", "list"], folder).stdout == "No gateways stored yet.\n")
        let unknown = try run(["gateway", "remove", "Nope"], folder)
        #expect(unknown.status == 2 && unknown.stderr == "error: gateway Nope is not known (no gateway is stored yet).\n", "\(unknown.stderr)")
    }

    @Test func credentialAddRefusesAnUnknownGatewayUnlessAskedToCreateIt() throws {
        let folder = try ScratchFolder()
        try folder.write("cmg.json", Self.export)
        #expect(try run(["ingest", "cmg.json"], folder).status == 0)
        let add = ["credential", "add", "--kind", "app_secret", "--name", "CMG-ServerApp", "--expires", "2027-06-01T00:00:00Z"]
        // A mistyped gateway is refused, naming the known ones and the closest
        let typo = try run(add + ["--gateway", "GraniteFals.contoso.com"], folder)
        #expect(typo.status == 2 && typo.stderr == "error: gateway GraniteFals.contoso.com is not known (known gateways: GraniteFalls.contoso.com). "
                + "Did you mean GraniteFalls.contoso.com? Use --create-gateway to store a new gateway of that name.\n", "\(typo.stderr)")
        // A short name or alias is the gateway it stands for
        let short = try run(add + ["--gateway", "GraniteFalls"], folder)
        #expect(short.status == 0 && short.stdout.contains("of GraniteFalls.contoso.com"), "\(short.stdout)\(short.stderr)")
        // A new gateway only when asked
        let created = try run(add + ["--gateway", "Redmond.contoso.com", "--create-gateway"], folder)
        #expect(created.status == 0, "\(created.stderr)")
        #expect(try run(["gateway", "list", "--format", "csv"], folder).stdout.contains("Redmond.contoso.com,"))
    }
}
