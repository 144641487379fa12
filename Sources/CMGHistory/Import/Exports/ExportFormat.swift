/// The kinds of file `cmg-history ingest` reads, named as `--format` takes them.
public enum ExportFormat: String, CaseIterable, Sendable, Codable {
    /// NDJSON v1, the canonical format (DESIGN §3.1).
    case ndjson
    /// `SMS_AzureService` objects: `Get-CMCloudManagementGateway`, `Get-WmiObject`, the admin
    /// service; JSON or CSV.
    case azureService = "azure-service"
    /// `SMS_AzureServicesTask` objects: the operations ConfigMgr ran on a service; JSON or CSV.
    case azureServicesTask = "azure-service-task"
    /// The `vProxy_Connectors` SQL view: connection point status.
    case proxyConnectors = "proxy-connectors"
    /// The `BGB_Statistics` SQL table: online clients over time.
    case bgbStatistics = "bgb-statistics"
    /// Certificate files (`.cer`, `.crt`, `.pem`): PEM or DER, one certificate or a chain.
    case certificate

    /// What each format is, for help and for the error about a file no format fits.
    public var summary: String {
        switch self {
        case .ndjson: "NDJSON v1 records"
        case .azureService: "SMS_AzureService objects (Get-CMCloudManagementGateway), JSON or CSV"
        case .azureServicesTask: "SMS_AzureServicesTask objects, JSON or CSV"
        case .proxyConnectors: "vProxy_Connectors rows (Invoke-Sqlcmd | Export-Csv)"
        case .bgbStatistics: "BGB_Statistics rows (Invoke-Sqlcmd | Export-Csv)"
        case .certificate: "certificate files, PEM or DER (.cer, .crt, .pem)"
        }
    }

    /// `ndjson, azure-service, …`: the names `--format` takes.
    public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
