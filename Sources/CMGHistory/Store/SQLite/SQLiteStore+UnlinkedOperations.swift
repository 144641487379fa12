import GRDB

extension SQLiteStore {
    /// How many imported operations wait for their gateway: `SMS_AzureServicesTask` rows whose
    /// `AzureServiceId` no `SMS_AzureService` export has named yet.
    ///
    /// The export importer says so after such a file, naming the export that links them.
    func unlinkedOperationCount() throws -> Int {
        try read { try Int.fetchOne($0, sql: "SELECT count(*) FROM unlinked_operation") } ?? 0
    }
}
