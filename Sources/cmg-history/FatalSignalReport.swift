import CMGHistory
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// If the process traps after all (it should not: values are range-checked), says on standard
/// error which file and line it was on and what is committed, then dies by the same signal, so
/// the exit status still says it crashed.
///
/// The handler only reads ``CrashLocation``'s fixed buffers and calls `write(2)`: nothing that
/// allocates or locks, which is all a signal handler may do. The one platform-specific place
/// for fatal signals; on Windows nothing is installed.
enum FatalSignalReport {
    static let signals: [Int32] = [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE, SIGABRT]

    static func install() {
        #if !os(Windows)
        CrashLocation.prepare()
        _ = message
        for number in signals { signal(number, handler) }
        #endif
    }

    /// Where the handler builds its text: preallocated, like the location it reads.
    nonisolated(unsafe) private static let message = UnsafeMutablePointer<UInt8>.allocate(capacity: CrashLocation.fileCapacity + 256)

    #if !os(Windows)
    private static let handler: @convention(c) (Int32) -> Void = { number in
        var length = 0
        func put(_ text: StaticString) {
            text.withUTF8Buffer { for byte in $0 { message[length] = byte; length += 1 } }
        }
        func put(_ value: Int64) {
            var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                         UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            var count = 0
            var rest = value.magnitude
            withUnsafeMutableBytes(of: &digits) { buffer in
                repeat {
                    buffer[count] = UInt8(truncatingIfNeeded: 48 + rest % 10)
                    rest /= 10
                    count += 1
                } while rest > 0 && count < 20
                while count > 0 {
                    count -= 1
                    message[length] = buffer[count]
                    length += 1
                }
            }
        }
        let reading = CrashLocation.lines[0], committed = CrashLocation.lines[1]
        put("cmg-history: crashed (signal ")
        put(Int64(number))
        put(")")
        if CrashLocation.file[0] != 0 {
            put(" while reading ")
            var index = 0
            while index < CrashLocation.fileCapacity, CrashLocation.file[index] != 0 {
                message[length] = CrashLocation.file[index]
                length += 1
                index += 1
            }
            if reading > 0 {
                put(" line ")
                put(reading)
            }
            if committed > 0 {
                put("; lines up to ")
                put(committed)
                put(" are committed")
            } else {
                put("; nothing of it is committed")
            }
            put(": every committed batch is whole, and running the import again is safe")
        }
        put(".\n")
        _ = write(2, message, length)
        signal(number, SIG_DFL)
        raise(number)
    }
    #endif
}
