/// What a log file's name says: which CMG log it is, whether it is a rolled-over copy, and
/// which gateway and instance wrote it.
///
/// Known names (DESIGN §3.3): `CloudMgr.log`, `SMS_Cloud_ProxyConnector.log`,
/// `CMGHttpHandler.log`, `CloudDP-<service>.log`, and the logs synced from the gateway's VMs,
/// `CMG-<service>-<instance>-CMGService.log`, `…-CMGSetup.log`, `…-CMGContentService.log`.
/// ConfigMgr renames a full log to `.lo_` and starts a new `.log`.
public struct LogFileName: Sendable, Equatable {
    /// The log's kind: `CloudMgr`, `CMGService`, …; for an unknown name, its base name.
    public var log: String
    /// Whether the name is one of the CMG logs this tool knows.
    public var isKnownCMGLog: Bool
    /// Whether it is a rolled-over copy (`.lo_`), which ConfigMgr never writes to again.
    public var isRollover: Bool
    /// The gateway's service name when the file name gives it.
    public var service: String?
    /// The gateway VM instance (`ProxyService_IN_0`) when the file name gives it.
    public var instance: String?

    /// Logs named by their base name alone.
    static let fixedNames = ["CloudMgr", "SMS_Cloud_ProxyConnector", "CMGHttpHandler"]
    /// Logs synced from the gateway, named `CMG-<service>-<instance>-<log>`.
    static let syncedLogs = ["CMGService", "CMGSetup", "CMGContentService"]

    /// Reads a file name (the last path component).
    public init(_ fileName: String) {
        let lower = fileName.lowercased()
        isRollover = lower.hasSuffix(".lo_")
        let hasLogExtension = isRollover || lower.hasSuffix(".log")
        let base = hasLogExtension ? String(fileName.dropLast(4)) : fileName
        log = base
        isKnownCMGLog = false
        guard hasLogExtension else { return }
        if let fixed = Self.fixedNames.first(where: { $0.lowercased() == base.lowercased() }) {
            log = fixed
            isKnownCMGLog = true
        } else if base.lowercased().hasPrefix("clouddp-"), base.count > 8 {
            log = "CloudDP"
            service = String(base.dropFirst(8))
            isKnownCMGLog = true
        } else if base.lowercased().hasPrefix("cmg-"),
                  let synced = Self.syncedLogs.first(where: { base.lowercased().hasSuffix("-" + $0.lowercased()) }) {
            // CMG-<service>-<instance>-<log>: the service may contain hyphens, the instance does not.
            let middle = base.dropFirst(4).dropLast(synced.count + 1)
            if let dash = middle.lastIndex(of: "-"), dash != middle.startIndex, middle.index(after: dash) != middle.endIndex {
                service = String(middle[..<dash])
                instance = String(middle[middle.index(after: dash)...])
                log = synced
                isKnownCMGLog = true
            }
        }
    }

    /// The instance as `endpoint_traffic_sample.vm_instance` keeps it: n + 1 for
    /// `ProxyService_IN_n` (any case), 0 when the name gives no such instance (0010).
    public var vmInstanceKey: Int64 { Self.vmInstanceKey(instance) }

    /// ``vmInstanceKey`` of an instance as a file name writes it (`ProxyService_IN_0` → 1).
    static func vmInstanceKey(_ instance: String?) -> Int64 {
        guard let instance, let marker = instance.uppercased().range(of: "_IN_", options: .backwards) else { return 0 }
        let digits = instance.uppercased()[marker.upperBound...]
        guard !digits.isEmpty, digits.count <= 5, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              let number = Int64(digits), number < ValueLimits.maximumVMInstanceKey else { return 0 }
        return number + 1
    }
}
