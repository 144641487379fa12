import Foundation

/// A request to stop an import between two batches, set from another thread (the CLI's
/// Ctrl-C handler).
///
/// The importer checks it before it hands each batch to the store: the batches already handed
/// over commit whole, the one being read is dropped, so what is stored is a prefix of the
/// input's batches and running the same import again stores exactly what is missing.
public final class ImportCancellation: @unchecked Sendable {
    private let lock = NSLock()
    private var requested = false
    private let probe: (@Sendable () -> Bool)?

    /// - parameter probe: also asked on each check (a flag a signal handler sets, which
    ///   cannot take a lock).
    public init(probe: (@Sendable () -> Bool)? = nil) {
        self.probe = probe
    }

    /// Asks the import to stop before its next batch; callable from any thread.
    public func cancel() { lock.withLock { requested = true } }

    /// Whether the import was asked to stop.
    public var isCancelled: Bool { lock.withLock { requested } || probe?() == true }
}
