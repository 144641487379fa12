/// Records an admin enters by hand (`gateway set`, `credential add`): the checks every backend
/// makes before they go through its write path, written once.
enum EnteredRecords {
    /// Numbers `records` from 1 as lines of `source`, range-checks each (``ValueLimits``), and
    /// stores them with `importBatch` in one batch, unless one is out of range: records entered
    /// together are one thing (a credential and its renewal), so one out of range refuses them
    /// all rather than storing half of it.
    static func importRecords(_ records: [HistoryRecord], source: String,
                              importBatch: ([NumberedRecord]) throws -> ImportSummary) throws -> ImportSummary {
        var numbered: [NumberedRecord] = []
        var refused: [(line: Int, problem: LineRejection)] = []
        for (offset, record) in records.enumerated() {
            if let problem = record.rangeProblem { refused.append((offset + 1, problem)) } else {
                numbered.append(NumberedRecord(line: offset + 1, record: record))
            }
        }
        var summary = refused.isEmpty ? try importBatch(numbered) : ImportSummary(file: source, format: "")
        for (line, problem) in refused { summary.reject(line: line, problem) }
        summary.format = "entered"
        return summary
    }

    /// The configuration record `gateway set` stores, or the summary rejecting it: a size that is
    /// no VM size (``VMSizeName/canonical(_:)``) or an instance count outside 1…16 is rejected,
    /// and nothing is stored.
    static func gatewayConfiguration(gateway: String, at: UnixSeconds, vmSize: String?,
                                     instances: Int64?) -> Result<HistoryRecord, RejectedEntry> {
        var problem: LineRejection?
        if let vmSize, VMSizeName.canonical(vmSize) == nil {
            problem = LineRejection(field: "vm_size", value: "\"\(vmSize)\"", "is not \(VMSizeName.expected)")
        } else if let instances, !(1...CapacityPolicy.maximumInstances).contains(instances) {
            problem = LineRejection(field: "instances", value: String(instances), "is not an instance count from 1 to 16")
        }
        if let problem {
            var summary = ImportSummary(file: gatewaySetSource, format: "entered")
            summary.reject(line: 1, problem)
            return .failure(RejectedEntry(summary: summary))
        }
        return .success(.gateway(GatewayConfig(gateway: gateway, at: at, azureServiceID: nil, site: nil, region: nil,
                                               vmSize: vmSize.flatMap(VMSizeName.canonical), instances: instances, extra: nil)))
    }

    /// The source `gateway set` records are stored as.
    static let gatewaySetSource = "gateway set"

    /// An entry refused before anything was stored, with the summary that says why.
    struct RejectedEntry: Error {
        var summary: ImportSummary
    }
}
