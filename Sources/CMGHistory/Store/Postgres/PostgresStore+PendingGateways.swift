// PENDING (issue 13, part W): each operation below gets its PostgreSQL SQL in a
// PostgresStore+<Subject>.swift file; this file goes when the last one does.

extension PostgresStore {
    private func pending(_ operation: String = #function) -> StoreError { .notYetOnPostgres(operation: operation, location: path) }

    func setGatewayConfiguration(gateway: String, at: UnixSeconds, vmSize: String?, instances: Int64?) throws -> ImportSummary { throw pending() }
    func gateways() throws -> [GatewayListing] { throw pending() }
    func resolveGateway(_ name: String) throws -> String { throw pending() }
    func resolveGatewayForRecording(_ name: String) throws -> String { throw pending() }
    func renameGateway(_ old: String, to new: String) throws -> String { throw pending() }
    func mergeGateway(_ from: String, into: String) throws -> GatewayMergeSummary { throw pending() }
    func addGatewayAlias(_ gateway: String, alias: String) throws -> Bool { throw pending() }
    func gatewayRemovalPlan(_ gateway: String) throws -> GatewayRemovalPlan { throw pending() }
    func removeGateway(_ gateway: String) throws -> GatewayRemovalPlan { throw pending() }
    func importRecords(_ records: [HistoryRecord], source: String) throws -> ImportSummary { throw pending() }
    func gatewayNames() throws -> [String] { throw pending() }
    func unlinkedOperationCount() throws -> Int { throw pending() }
}
