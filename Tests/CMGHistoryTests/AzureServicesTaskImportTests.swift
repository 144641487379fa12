import Foundation
import GRDB
import Testing
@testable import CMGHistory

@Suite("SMS_AzureServicesTask exports")
struct AzureServicesTaskImportTests {
    @Test func tasksBecomeOperationsAndATaskOfAnUnknownServiceWaitsForItsGateway() throws {
        // Given the gateway GraniteFalls (AzureServiceID 16777217) and a WMI export of its tasks
        // with DMTF times, plus one task of service 16777219, not imported yet
        let folder = try TemporaryFolder()
        let store = try folder.store()
        try ExportFixtures.importFixture("azure-service-ps51.json", into: store)
        // When the tasks are imported
        let summary = try ExportFixtures.importFixture("azure-services-task-wmi.csv", into: store)
        // Then each task of the known gateway is an operation with its kind, times and outcome
        #expect(summary.format == "azure-service-task" && summary.rejected == 0, "\(summary.rejections)")
        #expect(summary.inserted == 4)
        #expect(summary.notes == ["1 operations wait for their gateway: import the SMS_AzureService export that has their AzureServiceId to link them"])
        let rows = try store.read { try Row.fetchAll($0, sql: "SELECT * FROM operation ORDER BY requested_at") }
        #expect(rows.map { $0["kind"] as String } == ["create", "stop", "start"])
        #expect(rows.map { $0["outcome"] as String } == ["succeeded", "succeeded", "in_progress"])
        #expect(rows.map { $0["task_key"] as String } == ["PS1/41", "PS1/42", "PS1/43"])
        // 20261001090000.000000+120 is 07:00 UTC
        #expect(rows[1]["requested_at"] as Int64 == ExportFixtures.october1 + 7 * 3600)
        #expect(rows[1]["completed_at"] as Int64 == ExportFixtures.october1 + 7 * 3600 + 900)
        #expect(rows[2]["completed_at"] as Int64? == nil)
        #expect(rows.allSatisfy { ($0["extra"] as String?) == nil })
        #expect(try store.read { try String.fetchAll($0, sql: "SELECT task_key FROM unlinked_operation") } == ["PS1/44"])

        // When the gateway of the waiting task is imported, the task is linked to it
        try ExportFixtures.importFixture("azure-service-adminservice.json", into: store)
        let linked = try #require(try store.read { try Row.fetchOne($0, sql: """
            SELECT g.name, o.kind, o.outcome FROM operation o JOIN gateway g ON g.id = o.gateway_id WHERE o.task_key = 'PS1/44'
            """) })
        #expect(linked["name"] as String == "RiverBend.contoso.com")
        #expect(linked["kind"] as String == "upgrade" && linked["outcome"] as String == "failed")
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM unlinked_operation") } == 0)
    }

    @Test func aLaterExportCompletesTheInProgressTaskInsteadOfAddingOne() throws {
        let folder = try TemporaryFolder()
        let store = try folder.store()
        try ExportFixtures.importFixture("azure-service-ps51.json", into: store)
        try ExportFixtures.importFixture("azure-services-task-wmi.csv", into: store)
        let later = try ExportFixtures.importFixture("azure-services-task-later.json", into: store)
        let again = try ExportFixtures.importFixture("azure-services-task-wmi.csv", into: store)
        #expect(later.updated == 1 && later.inserted == 0)
        // The older export, read again, neither duplicates nor reopens it.
        #expect(again.inserted == 0 && again.updated == 0 && again.duplicates == 4)
        let row = try #require(try store.read { try Row.fetchOne($0, sql: "SELECT * FROM operation WHERE task_key = 'PS1/43'") })
        #expect(row["outcome"] as String == "succeeded")
        #expect(row["completed_at"] as Int64 - (row["requested_at"] as Int64) == 750)
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM operation") } == 3)
    }

    @Test func aWaitingTaskIsCompletedInPlaceToo() throws {
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let first = try folder.write("t1.json", #"{"TaskID":7,"AzureServiceId":99,"SiteCode":"PS1","TaskTypeId":4,"TaskStateId":2,"TaskCreationTime":"2026-10-01T10:00:00Z"}"#)
        let second = try folder.write("t2.json", #"{"TaskID":7,"AzureServiceId":99,"SiteCode":"PS1","TaskTypeId":4,"TaskStateId":3,"TaskCreationTime":"2026-10-01T10:00:00Z","TaskEndTime":"2026-10-01T10:05:00Z","Password":"hunter2"}"#)
        let a = try ExportImporter(store: store).importFile(at: first)
        let b = try ExportImporter(store: store).importFile(at: second)
        #expect(a.inserted == 1 && b.updated == 1 && b.droppedSecretFields == 1)
        #expect(try store.read { try String.fetchOne($0, sql: "SELECT outcome FROM unlinked_operation") } == "succeeded")
        #expect(try !store.fileContains("hunter2"))
    }

    @Test func unknownTaskTypesAndStatesAreRejectedWithTheirValue() throws {
        let folder = try TemporaryFolder()
        let store = try folder.store()
        let file = try folder.write("bad.csv", """
            "TaskID","AzureServiceId","TaskTypeId","TaskStateId","TaskCreationTime"
            "1","5","9","3","2026-10-01T10:00:00Z"
            "2","5","4","8","2026-10-01T10:00:00Z"
            "3","5","4","1","not a time"
            """)
        let summary = try ExportImporter(store: store).importFile(at: file)
        #expect(summary.rejections.map(\.problem.message) == [
            #"field "TaskTypeId": 9 is not a known task type (1 create, 2 upgrade, 3 delete, 4 stop, 5 start)"#,
            #"field "TaskStateId": 8 is not a known task state (1 created, 2 in progress, 3 completed, 4 failed)"#,
            #"field "TaskCreationTime": "not a time" is not a time (expected forms like 2026-09-10T01:00:00Z, \/Date(1789000000000)\/, 20260910010000.000000+000 or 9/10/2026 1:00:00 AM)"#,
        ])
        #expect(summary.rejections.map(\.line) == [2, 3, 4])
    }
}
