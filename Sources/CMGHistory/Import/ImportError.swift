import Foundation

/// A failure that stops an import: the input cannot be read, or a batch could not be stored.
/// (A bad line is not one of these: it is a ``Rejection`` in the summary.)
public enum ImportError: Error, Equatable, CustomStringConvertible, LocalizedError {
    case cannotRead(file: String, reason: String)
    /// Storing lines `firstLine...lastLine` failed; none of them were stored, earlier batches were.
    case batchFailed(file: String, firstLine: Int, lastLine: Int, reason: String)

    public var description: String {
        switch self {
        case let .cannotRead(file, reason):
            "\(file): cannot read: \(reason)"
        case let .batchFailed(file, first, last, reason):
            "\(file):\(first)-\(last): could not store these lines, so none of them were stored "
                + "(lines before \(first) were): \(reason). Importing the file again is safe."
        }
    }

    public var errorDescription: String? { description }
}
