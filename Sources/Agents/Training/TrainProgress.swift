import Foundation
import Runs

/// The progress of `populus train`:
///
///     ppo-cartpole  step 12,288/50,000 (25%)  21,304 steps/s  return 187.3  ETA 0:02
///
/// On a terminal one line is rewritten in place (at most ten times a
/// second); otherwise a plain line is printed at every 10% of the budget.
final class TrainProgress {
    let name: String
    let budget: Int
    let line: ProgressLine
    private var lastDraw = -1.0
    private var nextDecile = 1

    init(name: String, budget: Int, quiet: Bool) {
        self.name = name
        self.budget = budget
        line = ProgressLine(quiet: quiet)
    }

    func show(step: Int, sps: Double, recentReturn: Double?, seconds: Double) {
        let done = step >= budget
        if line.terminal {
            guard done || seconds - lastDraw >= 0.1 else { return }
            lastDraw = seconds
        } else {
            guard done || step * 10 >= nextDecile * budget else { return }
            while nextDecile * budget <= step * 10 { nextDecile += 1 }
        }
        let percent = min(100, step * 100 / max(budget, 1))
        var text = "\(name)  step \(groupedDigits(step))/\(groupedDigits(budget)) (\(percent)%)  \(groupedDigits(Int(sps))) steps/s"
        text += "  return " + (recentReturn.map { String(format: "%.1f", $0) } ?? "–")
        if !done, sps > 0 { text += "  ETA " + clockTime(Double(budget - step) / sps) }
        line.show(text)
    }

    /// Ends the in-place line.
    func finish() { line.finish() }
}
