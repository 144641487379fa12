import Foundation
import GRDB
import Testing
@testable import CMGHistory

/// `--source-tz` applies to times that carry no zone, field by field (README, "Time zones per
/// field"): never to a value with `Z` or an offset, a `\/Date(ms)\/`, or a property that is UTC
/// by contract (``UTCByContract``).
@Suite("Time zones per field")
struct TimeZonePerFieldTests {
    static let berlin = SourceTimeZone(identifier: "Europe/Berlin")

    /// cp.csv as the README's first collect script wrote it: `Invoke-Sqlcmd … SYSUTCDATETIME()
    /// AS ExportedAt … | Export-Csv` under Windows PowerShell 5.1 (`#TYPE`, DataRow columns, the
    /// en-US `ToString()` of a `datetime2` with no zone). 2:00 PM is 14:00 UTC.
    static let cpCSV = """
        #TYPE System.Data.DataRow\r
        "ServerName","ProxyServiceName","ConnectionStatus","ExportedAt","RowError","RowState","Table","ItemArray","HasErrors"\r
        "CMGCP1.contoso.com","GraniteFalls.contoso.com","2","11/20/2026 1:45:00 PM","","Unchanged","","System.Object[]","False"\r

        """
    static let cpCSVLater = """
        #TYPE System.Data.DataRow\r
        "ServerName","ProxyServiceName","ConnectionStatus","ExportedAt","RowError","RowState","Table","ItemArray","HasErrors"\r
        "CMGCP1.contoso.com","GraniteFalls.contoso.com","1","11/20/2026 2:00:00 PM","","Unchanged","","System.Object[]","False"\r

        """

    @Test func aSYSUTCDATETIMEExportTimeIsUTCWhateverSourceTZSays() throws {
        // Given the collect script's two cp.csv exports, 15 minutes apart, the second partially online
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let zone = try #require(Self.berlin)
        let options = ExportImportOptions(sourceTimeZone: zone, gateway: "GraniteFalls.contoso.com")
        // When they are ingested with --source-tz Europe/Berlin, as the script does
        let first = try ExportImporter(store: store).importFile(at: try folder.write("cp1.csv", Self.cpCSV), options: options)
        let second = try ExportImporter(store: store).importFile(at: try folder.write("cp2.csv", Self.cpCSVLater), options: options)
        // Then the export times are stored as the UTC they are (not an hour early), and the summary says why
        #expect(first.rejected == 0 && second.rejected == 0, "\(first.rejections) \(second.rejections)")
        let stored = try store.read { try Row.fetchAll($0, sql: "SELECT at, status FROM connection_point_status ORDER BY at") }
        #expect(stored.map { $0["at"] as Int64 } == [Timestamp.parse("2026-11-20T13:45:00Z"), Timestamp.parse("2026-11-20T14:00:00Z")])
        #expect(first.notes.contains("ExportedAt carries no zone; read as UTC (UTC by contract), not Europe/Berlin (--source-tz)"))
        #expect(first.exportTime?.description == "field ExportedAt (2026-11-20T13:45:00Z)")
        // And the timeline shows the connection point partially online at 14:00Z, not at 13:00Z
        let window = ReportPeriod(start: try #require(Timestamp.parse("2026-11-20T12:00:00Z")),
                                  end: try #require(Timestamp.parse("2026-11-20T16:00:00Z")))
        let timeline = try store.timeline(TimelineRequest(window: window, zone: .utc))
        let changes = timeline.items.filter { $0.kind == "connection_point_change" }
        #expect(changes.map(\.at) == ["2026-11-20T14:00:00Z"])
        #expect(changes.first?.text.contains("partially online") == true, "\(changes.map(\.text))")
    }

    @Test func zonedValuesAreReadAsWrittenAndZonelessOnesInTheSourceZone() throws {
        // Given one value of each form, read for a property that is not UTC by contract
        let zone = try #require(Self.berlin)
        func read(_ property: String, _ text: String) throws -> UnixSeconds? {
            var row = ExportRow(line: 2, members: [(property, .string(text))])
            return try row.time(property, zone: zone)
        }
        // Then only the zoneless forms move with --source-tz (CET in November: UTC+1)
        let utc = Timestamp.parse("2026-11-20T14:00:00Z")
        #expect(try read("TimeStamp", "2026-11-20T14:00:00Z") == utc)
        #expect(try read("TimeStamp", "2026-11-20T15:00:00.0000000+01:00") == utc)
        #expect(try read("TimeStamp", "\\/Date(1795183200000)\\/") == utc)
        #expect(try read("TimeStamp", "20261120150000.000000+060") == utc)
        #expect(try read("TimeStamp", "2026-11-20 15:00:00.000") == utc)
        #expect(try read("TimeStamp", "11/20/2026 3:00:00 PM") == utc)
        // And a property UTC by contract reads its zoneless forms as UTC
        #expect(try read("ExportedAt", "2026-11-20 14:00:00.000") == utc)
        #expect(try read("ExportTime", "11/20/2026 2:00:00 PM") == utc)
        #expect(try read("TimeStampUTC", "2026-11-20T14:00:00") == utc)
        #expect(try read("LastSeenUtc", "11/20/2026 2:00:00 PM") == utc)
        #expect(try read("ExportedAt", "2026-11-20T15:00:00+01:00") == utc)
    }

    @Test func aWindowsPowerShellDateWithNotePropertiesIsReadByItsValue() throws {
        // Given `Get-Date` output in a PS 5.1 ConvertTo-Json: an object around the date
        let json = #"{"ExportedAt":{"value":"\/Date(1795183200000)\/","DisplayHint":2,"DateTime":"Friday, November 20, 2026 3:00:00 PM"}}"#
        guard case .object(let object) = try JSONValue.parse(json) else { throw CocoaError(.coderReadCorrupt) }
        var row = ExportRow(line: 1, members: object.map { ($0.key, $0.value) })
        // Then its value is the instant, and the display text is not kept as raw JSON
        #expect(try row.time("ExportedAt", zone: try #require(Self.berlin)) == Timestamp.parse("2026-11-20T14:00:00Z"))
        #expect(row.extraJSON() == nil)
    }

    @Test func theContractCoversTheExportTimeAndUTCNamedPropertiesOnly() {
        #expect(UTCByContract.covers(property: "ExportedAt") && UTCByContract.covers(property: "exporttime"))
        #expect(UTCByContract.covers(property: "TimeStampUTC") && UTCByContract.covers(property: "UtcTime"))
        #expect(!UTCByContract.covers(property: "TimeStamp") && !UTCByContract.covers(property: "TaskCreationTime"))
    }

    @Test func aSourceTZOfUTCAddsNoNoteAndBGBTimeStampStillFollowsTheFlag() throws {
        // Given BGB_Statistics with zoneless local times and one gateway
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let zone = try #require(Self.berlin)
        let bgb = try folder.write("bgb.csv", "TimeStamp,CMGOnlineClients\r\n2026-11-20T15:00:00.000,1200\r\n")
        let cp = try folder.write("cp.csv", Self.cpCSV)
        // When read with and without --source-tz
        let local = try ExportImporter(store: store).importFile(
            at: bgb, options: ExportImportOptions(sourceTimeZone: zone, gateway: "GraniteFalls.contoso.com"))
        let utc = try ExportImporter(store: store).importFile(at: cp, options: ExportImportOptions(gateway: "GraniteFalls.contoso.com"))
        // Then TimeStamp is Berlin time, and UTC export times need no note
        #expect(local.notes == ["TimeStamp values carry no zone; read as Europe/Berlin (--source-tz)"])
        #expect(utc.notes.isEmpty, "\(utc.notes)")
        let at = try store.read { try Int64.fetchOne($0, sql: "SELECT at FROM online_clients_sample") }
        #expect(at == Timestamp.parse("2026-11-20T14:00:00Z"))
    }
}
