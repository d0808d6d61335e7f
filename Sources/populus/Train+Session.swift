import Agents
import Checkpoint
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One `populus train` run: trains the agent iteration by iteration, appends
/// a `metrics.csv` row per update, shows progress, and writes the policy.
final class TrainingSession {
    let agent: Agent
    let config: PPOConfiguration
    let run: RunDirectory
    let metrics: MetricsLog
    let progress: TrainProgress
    let clock = ContinuousClock()
    let start: ContinuousClock.Instant
    private(set) var seconds = 0.0
    /// A PBT schedule to follow (`--schedule`), applied before training and after every update.
    var schedule: PBTScheduleHook?

    /// The columns of `metrics.csv`, one row per update (means over its gradient steps).
    static let columns = [
        "step", "episodes", "episode_return_mean", "policy_loss", "value_loss", "entropy", "approx_kl",
        "clipfrac", "sps", "iteration", "episode_length_mean", "explained_variance", "learning_rate",
        "grad_norm", "stopped_early", "seconds",
    ]

    init(agent: Agent, config: PPOConfiguration, run: RunDirectory, quiet: Bool) throws {
        self.agent = agent
        self.config = config
        self.run = run
        metrics = try MetricsLog(url: run.metricsURL, columns: Self.columns)
        progress = TrainProgress(name: config.name, budget: config.totalSteps, quiet: quiet)
        start = clock.now
    }

    func train() throws {
        var failure: Error?
        try schedule?.apply(to: agent)
        agent.train(until: config.totalSteps) { stats in
            guard failure == nil else { return }
            do { try schedule?.apply(to: agent) } catch { failure = error }
            seconds = elapsed()
            do { try metrics.append(row(stats)) } catch { failure = error }
            progress.show(step: agent.steps, sps: Double(agent.steps) / max(seconds, 1e-9),
                          recentReturn: agent.curve.meanReturn(last: config.returnWindow), seconds: seconds)
        }
        progress.finish()
        if let failure { throw failure }
    }

    /// Writes the policy and prints the summary.
    func finish() throws {
        let policyURL = run.root.appendingPathComponent("policy.ckpt")
        let crc = try PolicyFile.write(agent, to: policyURL)
        let curve = agent.curve
        let window = config.returnWindow
        let sps = Double(agent.steps) / max(seconds, 1e-9)
        print("trained \(config.name): \(TrainProgress.grouped(agent.steps)) steps, \(curve.episodes.count) episodes, "
              + "\(agent.iterations) updates in \(String(format: "%.1f", seconds)) s (\(TrainProgress.grouped(Int(sps))) steps/s)")
        if let mean = curve.meanReturn(last: window) {
            print("mean return of the last \(min(window, curve.episodes.count)) episodes: \(String(format: "%.1f", mean))")
        }
        print("metrics: \(run.metricsURL.path)")
        print("config:  \(run.configURL.path)")
        print("policy:  \(policyURL.path) (CRC-32C \(String(format: "%08x", crc)))")
    }

    private func row(_ s: UpdateStats) -> [Double] {
        let curve = agent.curve
        let window = curve.episodes.suffix(config.returnWindow)
        let lengthMean = window.isEmpty ? Double.nan : Double(window.reduce(0) { $0 + $1.length }) / Double(window.count)
        return [
            Double(s.step), Double(curve.episodes.count), curve.meanReturn(last: config.returnWindow) ?? .nan,
            s.policyLoss, s.valueLoss, s.entropy, s.approxKL, s.clipFraction,
            (Double(s.step) / max(seconds, 1e-9)).rounded(), Double(s.iteration), lengthMean,
            s.explainedVariance, s.learningRate, s.gradientNorm, s.stoppedEarly ? 1 : 0,
            (seconds * 1000).rounded() / 1000,
        ]
    }

    private func elapsed() -> Double {
        let d = clock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}

/// The progress of `populus train`:
///
///     ppo-cartpole  step 12,288/50,000 (25%)  21,304 steps/s  return 187.3  ETA 0:02
///
/// On a terminal one line is rewritten in place (at most ten times a
/// second); otherwise a plain line is printed at every 10% of the budget.
final class TrainProgress {
    let name: String
    let budget: Int
    let quiet: Bool
    let terminal: Bool
    private var drewLine = false
    private var lastDraw = -1.0
    private var nextDecile = 1

    init(name: String, budget: Int, quiet: Bool) {
        self.name = name
        self.budget = budget
        self.quiet = quiet
        terminal = isatty(STDOUT_FILENO) == 1
    }

    func show(step: Int, sps: Double, recentReturn: Double?, seconds: Double) {
        guard !quiet else { return }
        let done = step >= budget
        if terminal {
            guard done || seconds - lastDraw >= 0.1 else { return }
            lastDraw = seconds
        } else {
            guard done || step * 10 >= nextDecile * budget else { return }
            while nextDecile * budget <= step * 10 { nextDecile += 1 }
        }
        let percent = min(100, step * 100 / max(budget, 1))
        var line = "\(name)  step \(TrainProgress.grouped(step))/\(TrainProgress.grouped(budget)) (\(percent)%)  \(TrainProgress.grouped(Int(sps))) steps/s"
        line += "  return " + (recentReturn.map { String(format: "%.1f", $0) } ?? "–")
        if !done, sps > 0 { line += "  ETA " + clock(Double(budget - step) / sps) }
        if terminal {
            print("\r\u{1B}[K" + line, terminator: "")
            drewLine = true
        } else {
            print(line)
        }
        fflush(nil)
    }

    /// Ends the in-place line.
    func finish() {
        if drewLine { print("") }
        drewLine = false
    }

    /// 75 → "1:15", 3725 → "1:02:05".
    private func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        let two = { (v: Int) in v < 10 ? "0\(v)" : "\(v)" }
        return s >= 3600 ? "\(s / 3600):\(two(s / 60 % 60)):\(two(s % 60))" : "\(s / 60):\(two(s % 60))"
    }

    /// 50000 → "50,000".
    static func grouped(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }
}
