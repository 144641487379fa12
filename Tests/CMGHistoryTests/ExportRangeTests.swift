import Foundation
import GRDB
import Testing
@testable import CMGHistory

/// Issue 11's export reproductions: one bad row (a huge GB figure, `1e400`, a 10,000-character
/// name, an impossible date) is rejected with its line, field and limit, and the other rows of
/// the file are stored.
@Suite("Export imports: out-of-range values reject their row only")
struct ExportRangeTests {
    static func gateway(_ name: String, _ extra: String = "") -> String {
        let time = extra.contains("ExportedAt") ? "" : #","ExportedAt":"2026-10-01T00:00:00Z""#
        return #"{"ServiceCName":"\#(name)","ServiceType":"CloudProxyService","State":0\#(time)\#(extra)}"#
    }

    /// Imports a JSON array of `bad` between two good gateways and returns the rejection messages.
    func importBetweenGoodRows(_ bad: String, file name: String = "e.json") throws -> (messages: [String], gateways: [String], store: HistoryStore, folder: TemporaryFolder) {
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let file = try folder.write(name, "[\n" + [Self.gateway("A.contoso.com"), bad, Self.gateway("B.contoso.com")].joined(separator: ",\n") + "\n]")
        let summary = try ExportImporter(store: store).importFile(at: file)
        let messages = summary.rejections.map { $0.description.replacingOccurrences(of: folder.url.path + "/", with: "") }
        return (messages, try store.gatewayNames(), store, folder)
    }

    @Test(arguments: [
        (#","StorageUsage":10000000000"#, #"e.json:3: field "StorageUsage": value 10000000000 out of range (limit 9007199)"#),
        (#","TrafficOutUsage":9007200"#, #"e.json:3: field "TrafficOutUsage": value 9007200 out of range (limit 9007199)"#),
        (#","TrafficOutInGB":"99999999999999999999""#,
         #"e.json:3: field "TrafficOutInGB": value 99999999999999999999 out of range (limit 9007199)"#),
        (#","StorageUsage":1e16"#, #"e.json:3: field "StorageUsage": value 10000000000000000 out of range (limit 9007199)"#),
        (#","StorageQuotaInGB":1e300"#, #"e.json:3: field "StorageQuotaInGB": value 1e+300 out of range (limit 9007199)"#),
        (#","StorageQuotaInGB":1e400"#, #"e.json:3: field "StorageQuotaInGB": value 1e400 out of range (limit 9007199)"#),
        (#","NumberOfInstances":-1e400"#, #"e.json:3: field "NumberOfInstances": value -1e400 out of range (limit 9007199254740992)"#),
        (#","ExportedAt":"99991231235959.000000-999""#,
         #"e.json:3: field "ExportedAt": value "99991231235959.000000-999" out of range (limit 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z)"#),
        (#","ExportedAt":"\/Date(-9223372036854775807)\/""#,
         #"e.json:3: field "ExportedAt": value "/Date(-9223372036854775807)/" out of range (limit 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z)"#),
    ])
    func aHugeOrUnrepresentableNumberRejectsItsRowOnly(extra: String, message: String) throws {
        // Given an SMS_AzureService export whose middle gateway has a value out of range
        // When it is imported
        let result = try importBetweenGoodRows(Self.gateway("Bad.contoso.com", extra))
        // Then that row is rejected naming field, value and limit, and both good gateways are stored
        #expect(result.messages == [message])
        #expect(result.gateways == ["A.contoso.com", "B.contoso.com"])
    }

    @Test func aTenThousandCharacterServiceCNameRejectsItsRowAndKeepsTheValidGateway() throws {
        // Given the issue's export: a 10,000-character ServiceCName beside a valid gateway
        let long = String(repeating: "x", count: 10_000)
        // When it is imported
        let result = try importBetweenGoodRows(Self.gateway(long))
        // Then the long name is rejected with its limit, and the valid gateways are stored
        #expect(result.messages == [#"e.json:3: field "ServiceCName": \#(String(repeating: "x", count: 80))… too long: 10000 bytes (limit 255 bytes)"#])
        #expect(result.gateways == ["A.contoso.com", "B.contoso.com"])
    }

    @Test func anUnknownPropertyOf1e400IsKeptAsRawJSONNotAFailure() throws {
        // Given a gateway with an unknown property no double holds
        let result = try importBetweenGoodRows(Self.gateway("Odd.contoso.com", #","Foo":1e400"#))
        // Then it is stored, its raw value kept as written in extra
        #expect(result.messages.isEmpty)
        #expect(result.gateways == ["A.contoso.com", "B.contoso.com", "Odd.contoso.com"])
        let extra = try result.store.read { try String.fetchOne($0, sql: "SELECT extra FROM gateway_config WHERE extra LIKE '%Foo%'") }
        #expect(extra == #"{"Foo":1e400}"#)
    }

    @Test func aCertificateValidFrom1950IsRefusedNamingTheDateAndLimit() throws {
        // Given a certificate (public part only) whose validity starts in 1950, before any stored instant
        let folder = try TemporaryFolder()
        let store = try folder.store()
        // When it is imported
        var message = ""
        do {
            _ = try ExportFixtures.importFixture("certificate-not-before-1950.pem", into: store)
        } catch let error as ImportError {
            message = error.description
        }
        // Then it is refused naming the date and the limit, and nothing is stored
        #expect(message.contains("line 1: the certificate is refused: its notBefore 1950-01-01T00:00:00Z is out of range "
            + "(limit 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z)"), "\(message)")
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM credential") } == 0)
    }

    @Test func bgbStatisticsOf2To62ClientsRejectTheirRowOnly() throws {
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let file = try folder.write("bgb.csv", """
            TimeStamp,CMGOnlineClients,InternetOnlineClients,IntranetOnlineClients
            2026-10-01 08:00:00.000,10,20,30
            2026-10-01 08:05:00.000,4611686018427387904,20,30
            2026-10-01 08:10:00.000,11,20,30
            """)
        let summary = try ExportImporter(store: store).importFile(at: file, options: ExportImportOptions(gateway: "G1"))
        #expect(summary.rejections.map(\.description) == [
            "\(file):3: field \"CMGOnlineClients\": value 4611686018427387904 out of range (limit 9007199254740992)",
        ])
        #expect(try store.read { try Int64.fetchAll($0, sql: "SELECT count FROM online_clients_sample ORDER BY at") } == [10, 11])
    }

    @Test func aTooLongConnectionPointNameRejectsItsRowOnly() throws {
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let file = try folder.write("proxy.csv", """
            "ServerName","ProxyServiceName","ConnectionStatus"
            "cp1.contoso.com","GraniteFalls.contoso.com","2"
            "\(String(repeating: "s", count: 300))","GraniteFalls.contoso.com","2"
            """)
        let summary = try ExportImporter(store: store).importFile(at: file, options: ExportImportOptions(at: Timestamp.parse("2026-10-01T00:00:00Z")))
        #expect(summary.rejections.map(\.line) == [3])
        #expect(summary.rejections.first?.problem.reason == "too long: 300 bytes (limit 255 bytes)")
        #expect(summary.inserted == 1)
    }

    @Test(arguments: [
        ("\\/Date(-9223372036854775807)\\/", Int64(-9_223_372_036_854_776)),
        ("\\/Date(9223372036854775807)\\/", Int64(9_223_372_036_854_775)),
        ("/Date(-1)/", Int64(-1)),
        ("/Date(-1000)/", Int64(-1)),
        ("/Date(-1001)/", Int64(-2)),
    ])
    func microsoftJSONDatesAtTheEdgesOfInt64ParseWithoutTrapping(text: String, seconds: Int64) {
        #expect(PowerShellTime.parse(text, zone: .utc) == seconds)
    }

    @Test(arguments: ["20161231235960.000000+000", "2016-12-31 23:59:60", "12/31/2016 11:59:60 PM", "2016-12-31T23:59:60Z"])
    func aLeapSecondInAnyExportFormIsRefusedAndSaysSo(text: String) throws {
        // Given a task whose creation time is a leap second
        #expect(PowerShellTime.parse(text, zone: .utc) == nil)
        #expect(PowerShellTime.isLeapSecond(text))
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let file = try folder.write("task.json", """
            [{"TaskID":"1","AzureServiceId":"svc","TaskTypeId":5,"TaskStateId":3,"TaskCreationTime":"\(text)"}]
            """)
        // When it is imported
        let summary = try ExportImporter(store: store).importFile(at: file)
        // Then the row is rejected saying why
        #expect(summary.rejections.map(\.problem.message) == [
            #"field "TaskCreationTime": "\#(text)" is a leap second (:60), which UTC instants in Unix seconds cannot hold"#,
        ])
    }

    @Test func aTaskEndTimeOfDateTimeMinValueStillMeansNoneButAFarFutureOneIsRejected() throws {
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let file = try folder.write("task.json", """
            [{"TaskID":"1","AzureServiceId":"svc","TaskTypeId":5,"TaskStateId":2,"TaskCreationTime":"2026-10-01T00:00:00Z","TaskEndTime":"0001-01-01T00:00:00Z"},
             {"TaskID":"2","AzureServiceId":"svc","TaskTypeId":5,"TaskStateId":3,"TaskCreationTime":"2026-10-01T00:00:00Z","TaskEndTime":"9999-12-31T23:59:59-05:00"}]
            """)
        let summary = try ExportImporter(store: store).importFile(at: file)
        #expect(summary.inserted == 1)
        #expect(summary.rejections.map(\.problem.message) == [
            #"field "TaskEndTime": value "9999-12-31T23:59:59-05:00" out of range (limit 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z)"#,
        ])
    }
}
