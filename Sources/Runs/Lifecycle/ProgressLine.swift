import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where long work reports progress: on a terminal one line rewritten in
/// place, otherwise (a log file, a pipe) plain lines, one per call.
public final class ProgressLine {
    public let quiet: Bool
    /// Standard output is a terminal.
    public let terminal: Bool
    private var drewLine = false

    public init(quiet: Bool) {
        self.quiet = quiet
        terminal = isatty(STDOUT_FILENO) == 1
    }

    /// Shows `line` (in place on a terminal), flushed at once.
    public func show(_ line: String) {
        guard !quiet else { return }
        if terminal {
            print("\r\u{1B}[K" + line, terminator: "")
            drewLine = true
        } else {
            print(line)
        }
        fflush(nil) // all streams: `stdout` is a C global Swift 6 refuses to touch
    }

    /// Ends the in-place line.
    public func finish() {
        if drewLine { print("") }
        drewLine = false
    }
}
