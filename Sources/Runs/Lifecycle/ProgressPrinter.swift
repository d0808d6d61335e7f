import Foundation

/// The per-generation line of `evolve` and `resume`:
///
///     gen 37/100  mean 412.3  max 500  best 500  wall 4.2 s  ETA 0:07
///
/// On a terminal it rewrites one line in place; otherwise (a log file, a
/// pipe) it prints one plain line per generation, naming each checkpoint.
public final class ProgressPrinter {
    let line: ProgressLine

    public init(quiet: Bool) { line = ProgressLine(quiet: quiet) }

    public func show(_ p: GenerationProgress) {
        var text = "gen \(p.generation)/\(p.budget)  mean \(humanNumber(p.fitnessMean))  max \(humanNumber(p.fitnessMax))"
        if let best = p.bestFitness { text += "  best \(humanNumber(best))" }
        text += "  wall \(String(format: "%.1f", p.wallSeconds)) s"
        if let eta = p.etaSeconds, p.generation < p.budget { text += "  ETA \(clockTime(eta))" }
        if let checkpoint = p.checkpoint, !line.terminal { text += "  checkpoint \(checkpoint.lastPathComponent)" }
        line.show(text)
    }

    /// Ends the in-place line.
    public func finish() { line.finish() }
}
