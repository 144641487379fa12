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

    /// Widths taken from COLUMNS; outside them it is ignored as a slip.
    static let plausibleWidths = 20...10_000

    /// The width tables are fitted to, or nil for whole cells: nil with `--wide`; else the
    /// COLUMNS environment variable when set (as ArgumentParser's help does, piped or not); else
    /// the terminal's width when standard output is one; else nil, so a pipe or file gets full text.
    static func tableWidth(wide: Bool) -> Int? {
        if wide { return nil }
        if let text = ProcessInfo.processInfo.environment["COLUMNS"], let columns = ASCIIDigits.value(text[...]), plausibleWidths.contains(columns) {
            return columns
        }
        guard standardOutputIsInteractive else { return nil }
        #if os(Windows)
        return nil
        #else
        var size = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, plausibleWidths.contains(Int(size.ws_col)) else { return nil }
        return Int(size.ws_col)
        #endif
    }
}

/// A one-line progress display on standard error: files, megabytes and records per second.
/// Shown only on a terminal and only once a run has taken more than a second; log ingests and
/// NDJSON and export imports share it.
final class ProgressBar {
    private let started = Date()
    private var shown = false
    private var lastDrawn: TimeInterval = -1
    private let enabled = Terminal.standardErrorIsInteractive
    /// What the rate counts: `entries` of logs, `records` of NDJSON and exports.
    private let unit: String
    /// Runs shorter than this show no bar. CMG_HISTORY_PROGRESS_AFTER (seconds) overrides it,
    /// so a test on a pseudo-terminal need not import for a second.
    private let delay: TimeInterval
    static let defaultDelay: TimeInterval = 1
    /// Redraws at most this often: a terminal fed thousands of lines a second lags behind.
    static let redrawInterval: TimeInterval = 0.1

    init(unit: String = "entries") {
        self.unit = unit
        let override = ProcessInfo.processInfo.environment["CMG_HISTORY_PROGRESS_AFTER"].flatMap(TimeInterval.init)
        delay = override.flatMap { $0.isFinite && $0 >= 0 ? $0 : nil } ?? Self.defaultDelay
    }

    func update(_ p: LogIngestProgress) {
        update(filesDone: p.filesDone, totalFiles: p.totalFiles, bytesDone: p.bytesDone, totalBytes: p.totalBytes, records: p.entries)
    }

    func update(filesDone: Int, totalFiles: Int, bytesDone: Int64, totalBytes: Int64, records: Int) {
        guard enabled else { return }
        let elapsed = Date().timeIntervalSince(started)
        guard elapsed >= delay, elapsed - lastDrawn >= Self.redrawInterval else { return }
        lastDrawn = elapsed
        let width = 24
        let fraction = totalBytes > 0 ? min(1, max(0, Double(bytesDone) / Double(totalBytes))) : 0
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let rate = Int(min(1e15, Double(records) / max(elapsed, 0.001)))
        let mb = { (b: Int64) in String(format: "%.1f", Double(b) / 1_000_000) }
        let text = "[\(bar)] \(filesDone)/\(totalFiles) files  \(mb(bytesDone))/\(mb(totalBytes)) MB  \(NumberFormat.grouped(rate)) \(unit)/s"
        FileHandle.standardError.write(Data(("\r" + text + "\u{1B}[K").utf8))
        shown = true
    }

    func clear() {
        guard shown else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        shown = false
    }
}
