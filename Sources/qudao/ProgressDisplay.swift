import ChannelImport
import Foundation

/// Shows import progress on standard error: a redrawn bar with rows/s and ETA on a terminal; otherwise (logs, CI)
/// a plain line when a file starts and every five seconds.
///
/// `@unchecked Sendable`: the importer calls `show` from one thread at a time; `lock` guards the state anyway.
final class ProgressDisplay: @unchecked Sendable {
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private let started = Date()
    private let lock = NSLock()
    private var lastPlainLine = Date.distantPast
    private var lastFile = ""
    private var drawn = false

    func show(_ progress: ImportProgress) {
        lock.lock()
        defer { lock.unlock() }
        let elapsed = max(Date().timeIntervalSince(started), 0.001)
        let fraction = progress.totalBytes > 0 ? min(1, Double(progress.bytes) / Double(progress.totalBytes)) : 0
        let rate = Double(progress.rows) / elapsed
        let eta = fraction > 0.01 ? elapsed * (1 - fraction) / fraction : nil
        let figures = "\(Self.grouped(progress.rows)) rows  \(Self.grouped(Int(rate))) rows/s  ETA \(eta.map(Self.duration) ?? "--")"
        if isTerminal {
            let width = 30
            let filled = Int(fraction * Double(width))
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            let percent = String(format: "%3.0f%%", fraction * 100)
            FileHandle.standardError.write(Data("\r\u{1B}[2K\(bar) \(percent)  \(progress.file)  \(figures)".utf8))
            drawn = true
        } else if Date().timeIntervalSince(lastPlainLine) >= 5 || progress.file != lastFile {
            lastFile = progress.file
            lastPlainLine = Date()
            FileHandle.standardError.write(Data("import: \(String(format: "%.0f%%", fraction * 100)) \(progress.file) \(figures)\n".utf8))
        }
    }

    /// Removes the bar before the summary is printed.
    func clear() {
        lock.lock()
        defer { lock.unlock() }
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
        drawn = false
    }

    static func grouped(_ value: Int) -> String {
        let digits = String(value)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return out
    }

    static func duration(_ seconds: Double) -> String {
        seconds < 60 ? String(format: "%.0fs", seconds) : String(format: "%dm%02ds", Int(seconds) / 60, Int(seconds) % 60)
    }
}
