/// The state of a gateway as ConfigMgr reports it (`SMS_AzureService.State`).
///
/// Known states map to their numeric code; a text with no known code (such as `Upgrading`) is
/// kept as it was written, never dropped.
public enum GatewayState: Int64, CaseIterable, Sendable, Codable {
    case ready = 0
    case provisioning = 1
    case error = 2
    case performingMaintenance = 3
    case starting = 4
    case stopping = 5
    case stopped = 6
    case deleting = 99

    /// The text ConfigMgr writes for this state.
    public var text: String {
        switch self {
        case .ready: "Ready"
        case .provisioning: "Provisioning"
        case .error: "Error"
        case .performingMaintenance: "PerformingMaintenance"
        case .starting: "Starting"
        case .stopping: "Stopping"
        case .stopped: "Stopped"
        case .deleting: "Deleting"
        }
    }

    /// The known state with this text, compared without regard to case.
    public init?(text: String) {
        let lowered = text.lowercased()
        guard let match = Self.allCases.first(where: { $0.text.lowercased() == lowered }) else { return nil }
        self = match
    }
}
