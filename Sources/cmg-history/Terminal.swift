import CMGHistory
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(ucrt)
import ucrt
#endif

/// The one place that asks whether standard error or output is a terminal (a platform call).
enum Terminal {
    static var standardErrorIsInteractive: Bool {
        #if os(Windows)
        return _isatty(2) != 0
        #else
        return isatty(2) != 0
        #endif
    }

    /// Whether standard output is a terminal (colour is for people, not for files and pipes).
    static var standardOutputIsInteractive: Bool {
        #if os(Windows)
        return _isatty(1) != 0
        #else
        return isatty(1) != 0
        #endif
    }
}

/// A one-line progress display on standard error: files, megabytes and entries per second.
/// Shown only on a terminal and only once a run has taken more than a second.
final class ProgressBar {
    private let started = Date()
    private var shown = false
    private let enabled = Terminal.standardErrorIsInteractive
    /// Runs shorter than this show no bar.
    static let delay: TimeInterval = 1

    func update(_ p: LogIngestProgress) {
        guard enabled else { return }
        let elapsed = Date().timeIntervalSince(started)
        guard elapsed >= Self.delay else { return }
        let width = 24
        let fraction = p.totalBytes > 0 ? min(1, Double(p.bytesDone) / Double(p.totalBytes)) : 0
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let rate = Int(Double(p.entries) / max(elapsed, 0.001))
        let mb = { (b: Int64) in String(format: "%.1f", Double(b) / 1_000_000) }
        let text = "[\(bar)] \(p.filesDone)/\(p.totalFiles) files  \(mb(p.bytesDone))/\(mb(p.totalBytes)) MB  \(NumberFormat.grouped(rate)) entries/s"
        FileHandle.standardError.write(Data(("\r" + text + "\u{1B}[K").utf8))
        shown = true
    }

    func clear() {
        guard shown else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        shown = false
    }
}
