import GRDB

extension SQLiteStore {
    /// Records what an admin read in the console's CMG properties and no export carries (the VM
    /// size), as a configuration record at `at` (`cmg-history gateway set`).
    ///
    /// It merges with what is stored field by field (``ConfigurationInForce``): fields left nil
    /// keep their values, a record at an instant already stored fills in what it lacked, and a
    /// different value there is a conflict, reported and not stored.
    ///
    /// A size that is no VM size (``VMSizeName/canonical(_:)``) or an instance count outside
    /// 1…16 is rejected in the summary, and nothing is stored (``EnteredRecords``).
    func setGatewayConfiguration(gateway: String, at: UnixSeconds, vmSize: String?, instances: Int64?) throws -> ImportSummary {
        switch EnteredRecords.gatewayConfiguration(gateway: gateway, at: at, vmSize: vmSize, instances: instances) {
        case .success(let record): return try importRecords([record], source: EnteredRecords.gatewaySetSource)
        case .failure(let rejected): return rejected.summary
        }
    }
}
