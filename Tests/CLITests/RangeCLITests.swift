import Foundation
import Testing

/// Issue 11's reproductions run as an admin would: values that used to trap the process
/// (exit 132, a backtrace, good lines and later files lost) are rejected lines, exit 1.
@Suite("cmg-history on out-of-range values: rejected lines, never a trap")
struct RangeCLITests {
    static let good = #"{"type":"online_clients","gateway":"G","at":"2026-10-01T00:00:00Z","count":10}"#
    static let tenBillion = #"{"type":"endpoint_traffic","gateway":"G","endpoint":"CCM_STS","at":"2026-10-01T00:05:00Z","interval_s":300,"request_count":10000000000,"request_bytes":1,"response_count":0,"response_bytes":1,"avg_elapsed_ms":10000000000}"#

    @Test func tenBillionRequestsIsARejectedLineAndLaterFilesAreStillImported() throws {
        // Given the issue's traffic line between good ones, and a second file after it
        let folder = try ScratchFolder()
        try folder.write("t.ndjson", [Self.good, Self.tenBillion, Self.good.replacingOccurrences(of: "00:00:00", with: "00:10:00")].joined(separator: "\n"))
        try folder.write("later.ndjson", Self.good.replacingOccurrences(of: "00:00:00", with: "01:00:00"))
        // When both are ingested
        let result = try CLIRunner.run(["ingest", "--db", "h.sqlite", "t.ndjson", "later.ndjson"], in: folder.url)
        // Then the line is named with field, value and limit, exit 1, and every good line is stored
        #expect(result.status == 1)
        #expect(result.stderr == #"t.ndjson:2: field "request_count": value 10000000000 out of range (limit 300000000: 1000000 a second over 300 s)"# + "\n")
        #expect(result.stdout == "t.ndjson (ndjson): 2 inserted, 0 duplicates, 1 rejected\nlater.ndjson (ndjson): 1 inserted, 0 duplicates, 0 rejected\n")
    }

    @Test func aTenBillionGBEgressThresholdIsRejectedAndReportCapacityRunsForEveryMonth() throws {
        // Given the issue's alert_config beside a good one
        let folder = try ScratchFolder()
        try folder.write("a.ndjson", [
            Self.good,
            #"{"type":"alert_config","gateway":"G","at":"2026-10-01T00:00:00Z","egress_threshold_gb":10000000000,"egress_warning_pct":50,"egress_critical_pct":90}"#,
            #"{"type":"alert_config","gateway":"G","at":"2026-10-02T00:00:00Z","egress_threshold_gb":9007199,"egress_warning_pct":50,"egress_critical_pct":90}"#,
        ].joined(separator: "\n"))
        // When it is ingested and capacity is reported
        let ingest = try CLIRunner.run(["ingest", "--db", "h.sqlite", "a.ndjson"], in: folder.url)
        // Then the line is rejected, and the largest threshold allowed reports without a trap
        #expect(ingest.status == 1)
        #expect(ingest.stderr == #"a.ndjson:2: field "egress_threshold_gb": value 10000000000 out of range (limit 9007199)"# + "\n")
        for month in ["2026-09", "2026-10", "2026-11"] {
            let report = try CLIRunner.run(["report", "capacity", "--db", "h.sqlite", "--month", month, "--format", "json"], in: folder.url)
            #expect(report.status == 0, "\(report.stderr)")
            #expect(report.stdout.contains(#""critical_bytes" : 8106479100000000"#), "\(report.stdout)")
        }
    }

    @Test func aTenThousandCharacterServiceCNameRejectsItsRowAndTheValidGatewayIsStored() throws {
        // Given the issue's export: one valid gateway and one with a 10,000-character name
        let folder = try ScratchFolder()
        try folder.write("cmg.json", """
            [{"ServiceCName":"GraniteFalls.contoso.com","ServiceType":"CloudProxyService","State":0,"ExportedAt":"2026-10-01T00:00:00Z"},
             {"ServiceCName":"\(String(repeating: "x", count: 10_000))","ServiceType":"CloudProxyService","State":0,"ExportedAt":"2026-10-01T00:00:00Z"},
             {"ServiceCName":"Other.contoso.com","ServiceType":"CloudProxyService","StorageUsage":1e400,"ExportedAt":"2026-10-01T00:00:00Z"}]
            """)
        // When it is ingested
        let result = try CLIRunner.run(["ingest", "--db", "h.sqlite", "cmg.json"], in: folder.url)
        // Then exit 1 (not 2), the long name's row and the 1e400 row are named, the valid gateway is stored
        #expect(result.status == 1)
        #expect(result.stderr == "cmg.json:2: field \"ServiceCName\": \(String(repeating: "x", count: 80))… too long: 10000 bytes (limit 255 bytes)\n"
            + "cmg.json:3: field \"StorageUsage\": value 1e400 out of range (limit 9007199)\n")
        #expect(result.stdout.hasPrefix("cmg.json (azure-service): 2 inserted, 0 duplicates, 2 rejected"))
        let info = try CLIRunner.run(["db", "info", "--db", "h.sqlite"], in: folder.url)
        #expect(info.stdout.contains("GraniteFalls.contoso.com"))
    }

    @Test func aCMGServiceStatisticsLineWithTenBillionRequestsIsAWarningAndEveryRunSucceeds() throws {
        // Given a CMGService.log whose statistics line counts ten billion requests
        let folder = try ScratchFolder()
        let name = "CMG-GraniteFalls-ProxyService_IN_0-CMGService.log"
        try folder.write(name, "<![LOG[RequestUri: /CCM_STS  RequestCount: 10000000000  RequestSize: 1 Bytes  ResponseCount: 1  "
                         + "ResponseSize: 1 Bytes  AverageElapsedTime: 5 ms]LOG]!><time=\"10:05:00.000+0\" date=\"10-01-2026\" "
                         + "component=\"CMGService\" context=\"\" type=\"1\" thread=\"7\" file=\"x.cpp:1\">\r\n")
        // When it is ingested by two scheduled runs
        for run in 0..<2 {
            let result = try CLIRunner.run(["ingest", "--db", "h.sqlite", name], in: folder.url)
            // Then each exits 0; the first stores the entry as a plain one and says why
            #expect(result.status == 0, "\(result.stderr)")
            if run == 0 {
                #expect(result.stderr == "warning: \(name):1: field \"RequestCount\": value 10000000000 out of range "
                    + "(limit 300000000: 1000000 a second over 300 s): stored as a plain log entry, without a traffic sample\n")
                #expect(result.stdout.contains("1 inserted") && result.stdout.contains("1 warnings"))
            }
        }
    }

    @Test func credentialAddRefusesAnExpiryOutsideTheStoredRange() throws {
        let folder = try ScratchFolder()
        let result = try CLIRunner.run(["credential", "add", "--gateway", "G", "--kind", "app_secret", "--name", "x",
                                        "--expires", "1969-12-31T00:00:00Z"], in: folder.url)
        #expect(result.status != 0 && result.status != 132)
        #expect(result.stderr.contains("--expires 1969-12-31T00:00:00Z is out of range (limit 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z)."))
        let long = try CLIRunner.run(["credential", "add", "--gateway", String(repeating: "g", count: 300), "--kind", "app_secret",
                                      "--name", "x", "--expires", "2027-01-01T00:00:00Z"], in: folder.url)
        #expect(long.status != 0 && long.stderr.contains("--gateway is too long (limit 255 bytes)."))
    }
}
