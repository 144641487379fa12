import CMGHistory
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(ucrt)
import ucrt
#endif

/// Turns Ctrl-C (SIGINT) into a request that the import stop between batches (a platform call).
///
/// The first Ctrl-C sets a flag that ``cancellation`` reads: the batches already handed to the
/// store commit, the one being read is dropped, and the command says what was stored. A second
/// Ctrl-C ends the process at once; SQLite rolls the open transaction back on the next open, so
/// even then no half batch is left.
final class InterruptSignal {
    let cancellation = ImportCancellation(probe: { interruptsReceived.pointee > 0 })

    /// The exit status of a process ended by SIGINT, as shells report it (128 + 2).
    static let exitStatus: Int32 = 130

    init() {
        interruptsReceived.pointee = 0  // initialised here, never lazily inside the handler
        signal(SIGINT, onInterrupt)
        #if !os(Windows)
        // A parent may hand the signal down blocked (a test runner, a service manager).
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        #endif
    }

    deinit { signal(SIGINT, SIG_DFL) }
}

/// Ctrl-Cs received; a signal handler may only touch memory like this.
nonisolated(unsafe) private let interruptsReceived: UnsafeMutablePointer<sig_atomic_t> = {
    let flag = UnsafeMutablePointer<sig_atomic_t>.allocate(capacity: 1)
    flag.initialize(to: 0)
    return flag
}()

private func onInterrupt(_: Int32) {
    if interruptsReceived.pointee > 0 { _exit(130) }  // InterruptSignal.exitStatus, which a handler cannot read (lazy)
    interruptsReceived.pointee = 1
}
