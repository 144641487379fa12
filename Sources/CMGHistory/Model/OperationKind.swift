/// Something done to a gateway (DESIGN §2, "operation").
public enum OperationKind: String, CaseIterable, Sendable, Codable {
    case create, start, stop, upgrade, scale, delete, maintenance
    case syncConfig = "sync_config"
    case renewServerCertificate = "renew_server_certificate"
    case renewAppSecret = "renew_app_secret"
    case autoStop = "auto_stop"
}

/// How an operation ended, or that it has not ended yet.
public enum OperationOutcome: String, CaseIterable, Sendable, Codable {
    case succeeded, failed, cancelled
    case inProgress = "in_progress"
}
