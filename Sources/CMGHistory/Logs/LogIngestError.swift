import Foundation

/// A failure that stops ingesting a log file: it cannot be read, or a batch cannot be stored.
public enum LogIngestError: Error, Equatable, CustomStringConvertible, LocalizedError {
    case cannotRead(file: String, reason: String)
    /// Storing the entries that end at byte `offset` failed; none of them were stored, and
    /// reading will resume before them next time.
    case batchFailed(file: String, offset: Int64, reason: String)

    /// The message, as a sentence an admin can act on.
    public var description: String {
        switch self {
        case let .cannotRead(file, reason):
            "\(file): cannot read: \(reason)"
        case let .batchFailed(file, offset, reason):
            "\(file): could not store the entries before byte \(offset), so none of them were stored: \(reason). "
                + "Ingesting the file again is safe."
        }
    }

    /// The message, for `LocalizedError`.
    public var errorDescription: String? { description }
}
