import Foundation

/// A failure that stops an import: the input cannot be read, or a batch could not be stored.
/// (A bad line is not one of these: it is a ``Rejection`` in the summary.)
public enum ImportError: Error, Equatable, CustomStringConvertible, LocalizedError {
    case cannotRead(file: String, reason: String)
    /// Storing lines `firstLine...lastLine` failed; none of them were stored, earlier batches were.
    case batchFailed(file: String, firstLine: Int, lastLine: Int, reason: String)
    /// The file is not in any format `ingest` knows (`known` lists them).
    case unrecognisedFormat(file: String, known: String)
    /// The file is in a known format but cannot be read as one (`reason` says where and why).
    case unreadable(file: String, reason: String)
    /// Snapshots need an export time and neither the file, `--at` nor a modification time gave one.
    case noExportTime(file: String)
    /// Rows or certificates that name no gateway, and no single gateway they can belong to.
    case gatewayNeeded(file: String, reason: String, known: [String])
    /// A `.pfx`/PKCS #12 file, which holds a private key: refused unread.
    case privateKeyFile(file: String)

    /// The message, as a sentence an admin can act on.
    public var description: String {
        switch self {
        case let .cannotRead(file, reason):
            "\(file): cannot read: \(reason)"
        case let .batchFailed(file, first, last, reason):
            "\(file):\(first)-\(last): could not store these lines, so none of them were stored "
                + "(lines before \(first) were): \(reason). Importing the file again is safe."
        case let .unrecognisedFormat(file, known):
            "\(file): not a format cmg-history knows. Known formats: \(known). "
                + "If it is one of them, name it with --format."
        case let .unreadable(file, reason):
            "\(file): cannot be read: \(reason)"
        case let .noExportTime(file):
            "\(file): the export carries no time of its own (no ExportedAt property) and has no modification time; "
                + "give the time it was exported with --at, for example --at 2026-10-01T00:00:00Z."
        case let .gatewayNeeded(file, reason, known):
            "\(file): \(reason); "
                + (known.isEmpty
                    ? "no gateway is stored yet: import the SMS_AzureService export first, or name the gateway with --gateway."
                    : "say which with --gateway (stored gateways: \(known.joined(separator: ", "))).")
        case let .privateKeyFile(file):
            "\(file): a .pfx (PKCS #12) file holds a private key, and cmg-history never reads or stores one. "
                + "Export the public certificate instead: certlm.msc → the certificate → All Tasks → Export → "
                + "\"No, do not export the private key\" → DER (.cer); or in PowerShell: "
                + "Export-Certificate -Cert Cert:\\LocalMachine\\My\\<thumbprint> -FilePath cmg.cer"
        }
    }

    /// The message, for `LocalizedError`.
    public var errorDescription: String? { description }
}
