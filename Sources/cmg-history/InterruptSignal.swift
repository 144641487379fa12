import CMGHistory
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(ucrt)
import ucrt
#endif

/// Turns Ctrl-C (SIGINT) and SIGTERM into a request that the import stop between batches (a
/// platform call).
///
/// The first signal sets a flag that ``cancellation`` reads: the batches already handed to the
/// store commit, the one being read is dropped (a log's entries read so far are stored with
/// their offset), and the command says what was stored. SIGTERM is what a service manager,
/// `timeout` or Task Scheduler's "stop the task" sends: it must leave the same clean state.
/// A second signal ends the process at once; SQLite rolls the open transaction back on the
/// next open, so even then no half batch is left.
final class InterruptSignal {
    let cancellation = ImportCancellation(probe: { signalReceived.pointee != 0 })

    /// The exit status shells report for a process ended by the signal received: 128 + its
    /// number (130 for SIGINT, 143 for SIGTERM).
    static var exitStatus: Int32 {
        128 + (signalReceived.pointee == 0 ? SIGINT : Int32(signalReceived.pointee))
    }

    init() {
        signalReceived.pointee = 0  // initialised here, never lazily inside the handler
        signal(SIGINT, onSignal)
        #if !os(Windows)
        signal(SIGTERM, onSignal)
        // A parent may hand the signals down blocked (a test runner, a service manager).
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        #endif
    }

    deinit {
        signal(SIGINT, SIG_DFL)
        #if !os(Windows)
        signal(SIGTERM, SIG_DFL)
        #endif
    }
}

/// The number of the first signal received, 0 before any; a signal handler may only touch
/// memory like this.
nonisolated(unsafe) private let signalReceived: UnsafeMutablePointer<sig_atomic_t> = {
    let flag = UnsafeMutablePointer<sig_atomic_t>.allocate(capacity: 1)
    flag.initialize(to: 0)
    return flag
}()

private func onSignal(_ number: Int32) {
    if signalReceived.pointee != 0 { _exit(128 + number) }
    signalReceived.pointee = sig_atomic_t(number)
}
