import Foundation
import Testing

/// What `ingest` says and exits with when one record of an export is bad: the others are
/// stored, the bad one is named `FILE:LINE: field …`, and the status is 1 (rejected), not 2.
@Suite("cmg-history ingest: one bad record in an export")
struct HostileExportCLITests {
    @Test func aCSVCutShortInsideAQuoteStoresTheRowsBeforeAndExitsOne() throws {
        // Given an export whose last row's quote is never closed
        let folder = try ScratchFolder()
        try folder.write("cmg.csv", #""ServiceCName","ServiceType","State","ExportedAt""# + "\r\n"
            + #""A.contoso.com","CloudProxyService","0","2026-10-01T14:00:00Z""# + "\r\n"
            + #""B.contoso.com","CloudProxyService","0","2026-10-01T14:0"#)
        // When it is ingested
        let result = try CLIRunner.run(["ingest", "cmg.csv"], in: folder.url)
        // Then the good row is stored, the cut one is named with its line and field, and the status says rejected
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("cmg.csv (azure-service): 2 inserted, 0 duplicates, 1 rejected"))
        #expect(result.stderr == #"cmg.csv:3: field "ExportedAt" has a quoted field that is never closed: the rest of the file, from line 3, is in it"# + "\n")
    }

    @Test func aJSONArrayWithOneElementNestedTooDeepStoresTheOthersAndExitsOne() throws {
        // Given an array of two gateways and, between them, an object nested 1,000 levels deep
        let folder = try ScratchFolder()
        func gateway(_ name: String) -> String {
            #"{"ServiceCName":"\#(name)","ServiceType":"CloudProxyService","State":0,"ExportedAt":"2026-10-01T14:00:00Z"}"#
        }
        let deep = #"{"ServiceCName":"Deep.contoso.com","X":"# + String(repeating: "[", count: 1_000) + String(repeating: "]", count: 1_000) + "}"
        try folder.write("cmg.json", "[\n" + [gateway("A.contoso.com"), deep, gateway("B.contoso.com")].joined(separator: ",\n") + "\n]\n")
        // When it is ingested
        let result = try CLIRunner.run(["ingest", "cmg.json"], in: folder.url)
        // Then both gateways are stored and the deep element is one rejection, exit status 1
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("cmg.json (azure-service): 4 inserted, 0 duplicates, 1 rejected"))
        #expect(result.stderr == "cmg.json:3: is nested 1001 levels deep, more than the 512 the JSON reader takes (ConvertTo-Json -Depth writes at most 100)\n")
    }
}
