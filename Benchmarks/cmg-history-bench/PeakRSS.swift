import Foundation

/// The process's peak resident set size in bytes (`VmHWM` in /proc/self/status), or nil where
/// there is no such file (macOS and other non-Linux platforms).
func peakResidentBytes() -> Int? {
    #if os(Linux)
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        // "VmHWM:     12345 kB"
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count >= 2, let kb = Int(fields[1]) else { return nil }
        return kb * 1024
    }
    return nil
    #else
    return nil
    #endif
}
