import Checkpoint
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The per-generation line of `evolve` and `resume`:
///
///     gen 37/100  mean 412.3  max 500  best 500  wall 4.2 s  ETA 0:07
///
/// On a terminal it rewrites one line in place; otherwise (a log file, a
/// pipe) it prints one plain line per generation.
final class ProgressPrinter {
    let quiet: Bool
    let terminal: Bool
    private var drewLine = false

    init(quiet: Bool) {
        self.quiet = quiet
        terminal = isatty(STDOUT_FILENO) == 1
    }

    func show(_ p: GenerationProgress) {
        guard !quiet else { return }
        var line = "gen \(p.generation)/\(p.budget)  mean \(humanNumber(p.fitnessMean))  max \(humanNumber(p.fitnessMax))"
        if let best = p.bestFitness { line += "  best \(humanNumber(best))" }
        line += "  wall \(String(format: "%.1f", p.wallSeconds)) s"
        if let eta = p.etaSeconds, p.generation < p.budget { line += "  ETA \(Self.clock(eta))" }
        if let checkpoint = p.checkpoint, !terminal { line += "  checkpoint \(checkpoint.lastPathComponent)" }
        if terminal {
            print("\r\u{1B}[K" + line, terminator: "")
            drewLine = true
        } else {
            print(line)
        }
        fflush(nil) // all streams: `stdout` is a C global Swift 6 refuses to touch
    }

    /// Ends the in-place line.
    func finish() {
        if drewLine { print("") }
        drewLine = false
    }

    /// 75 → "1:15", 3725 → "1:02:05".
    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        let two = { (v: Int) in v < 10 ? "0\(v)" : "\(v)" }
        return s >= 3600 ? "\(s / 3600):\(two(s / 60 % 60)):\(two(s % 60))" : "\(s / 60):\(two(s % 60))"
    }
}
