import Foundation
import GRDB
import Testing
@testable import CMGHistory

@Suite("Exports: a task that ends otherwise, or a gauge that reads otherwise, is a conflict")
struct ExportConflictTests {
    static func task(state: Int, end: String?) -> String {
        #"{"TaskID":7,"AzureServiceId":"AZ","SiteCode":"PS1","TaskTypeId":4,"TaskStateId":\#(state),"TaskCreationTime":"2026-10-01T10:00:00Z""#
            + (end.map { #","TaskEndTime":"\#($0)""# } ?? "") + "}"
    }

    @Test(arguments: [false, true])  // the task's gateway stored, or the task waiting for it
    func aTaskThatSucceededThenFailedIsAConflictAndKeepsItsOutcome(gatewayKnown: Bool) throws {
        // Given a stop task that succeeded
        let folder = try TemporaryFolder()
        let store = try folder.store()
        if gatewayKnown {
            try importNDJSON(#"{"type":"gateway","gateway":"G1","at":"2026-10-01T00:00:00Z","azure_service_id":"AZ"}"#, into: store, folder: folder)
        }
        let importer = ExportImporter(store: store)
        let done = try importer.importFile(at: try folder.write("a.json", Self.task(state: 3, end: "2026-10-01T10:05:00Z")))
        // When a later export says it is in progress, then that it failed
        let older = try importer.importFile(at: try folder.write("b.json", Self.task(state: 2, end: nil)))
        let failed = try importer.importFile(at: try folder.write("c.json", Self.task(state: 4, end: "2026-10-01T10:05:00Z")))
        // Then the in-progress view is an older one, the failure a conflict, and the task still succeeded
        #expect(done.inserted == 1)
        #expect(older.duplicates == 1 && older.conflicts == 0)
        #expect(failed.conflicts == 1 && failed.updated == 0)
        #expect(failed.conflictList.map(\.description) == [
            "\(folder.path("c.json")):1: conflicts with the stored record "
                + #"(outcome: stored "succeeded", here "failed" (an outcome moves forward from in_progress only)): kept the stored one"#,
        ])
        let table = gatewayKnown ? "operation" : "unlinked_operation"
        #expect(try store.read { try String.fetchAll($0, sql: "SELECT outcome FROM \(table)") } == ["succeeded"])
    }

    @Test func twoExportsAtOneInstantThatDisagreeConflictOnEachGauge() throws {
        // Given an SMS_AzureService export, imported
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let at = ExportFixtures.october1 + 3600
        let row = #"{"ServiceCName":"G1.contoso.com","ServiceType":"CloudProxyService","AzureServiceID":"AZ","State":0,"StorageUsage":2,"TrafficOutUsage":30}"#
        let first = try ExportImporter(store: store).importFile(at: try folder.write("a.json", row), options: ExportImportOptions(at: at))
        // When another export stamped with the same instant reads other figures
        let other = row.replacingOccurrences(of: #""StorageUsage":2"#, with: #""StorageUsage":3"#)
            .replacingOccurrences(of: #""TrafficOutUsage":30"#, with: #""TrafficOutUsage":31"#)
        let second = try ExportImporter(store: store).importFile(at: try folder.write("b.json", other), options: ExportImportOptions(at: at))
        // Then the storage sample and the reported egress conflict, the rest is a duplicate
        #expect(first.conflicts == 0 && first.rejected == 0, "\(first.rejections)")
        #expect(second.conflicts == 2 && second.inserted == 0, "\(second.conflictList)")
        #expect(second.conflictList.map(\.problem.differences) == [
            ["used_bytes: stored 2000000000, here 3000000000"], ["last_14_days_bytes: stored 30000000000, here 31000000000"],
        ])
        #expect(try store.read { try Int64.fetchAll($0, sql: "SELECT last_14_days_bytes FROM reported_egress_sample") } == [30_000_000_000])
    }

    @Test func twoBGBRowsAtOneTimeStampWithOtherCountsConflictAndTheFirstIsKept() throws {
        // Given a BGB_Statistics export that repeats a TimeStamp with other counts
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let path = try folder.write("bgb.csv", """
            TimeStamp,CMGOnlineClients,InternetOnlineClients,IntranetOnlineClients
            2026-10-01 08:00:00.000,1834,2010,15220
            2026-10-01 08:00:00.000,1835,2010,15221
            """)
        // When it is imported
        let summary = try ExportImporter(store: store).importFile(at: path, options: ExportImportOptions(gateway: "G1"))
        // Then both of the second row's records conflict with the first row's
        #expect(summary.inserted == 2 && summary.conflicts == 2)
        #expect(summary.conflictList.map(\.problem.differences) == [
            ["count: stored 1834, here 1835"], ["intranet_count: stored 15220, here 15221"],
        ])
        #expect(summary.conflictList.map(\.line) == [3, 3])
    }
}
