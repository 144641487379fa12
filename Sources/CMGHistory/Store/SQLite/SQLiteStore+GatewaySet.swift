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
    /// 1…16 is rejected in the summary, and nothing is stored.
    func setGatewayConfiguration(gateway: String, at: UnixSeconds, vmSize: String?, instances: Int64?) throws -> ImportSummary {
        let source = "gateway set"
        var problem: LineRejection?
        if let vmSize, VMSizeName.canonical(vmSize) == nil {
            problem = LineRejection(field: "vm_size", value: "\"\(vmSize)\"", "is not \(VMSizeName.expected)")
        } else if let instances, !(1...CapacityPolicy.maximumInstances).contains(instances) {
            problem = LineRejection(field: "instances", value: String(instances), "is not an instance count from 1 to 16")
        }
        if let problem {
            var summary = ImportSummary(file: source, format: "entered")
            summary.reject(line: 1, problem)
            return summary
        }
        let config = GatewayConfig(gateway: gateway, at: at, azureServiceID: nil, site: nil, region: nil,
                                   vmSize: vmSize.flatMap(VMSizeName.canonical), instances: instances, extra: nil)
        return try importRecords([.gateway(config)], source: source)
    }
}
