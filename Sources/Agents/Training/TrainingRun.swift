import Checkpoint
import Config
import Foundation
import Runs
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One `populus train` run: a fresh agent in `populations/<name>/`, trained
/// update by update, a `metrics.csv` row per update, a progress line, and
/// the final policy in `policy.ckpt`.
///
///     let training = try TrainingRun(config, populations: URL(fileURLWithPath: "populations"))
///     try training.train()
///     try training.finish()
public final class TrainingRun {
    public let agent: Agent
    public let config: PPOConfiguration
    public let run: RunDirectory
    let metrics: MetricsLog
    let progress: TrainProgress
    let clock = ContinuousClock()
    let start: ContinuousClock.Instant
    private(set) var seconds = 0.0
    /// Called before training and after every update (e.g. a PBT schedule
    /// replayed on the agent: `train --schedule`).
    public var adjust: ((Agent) throws -> Void)?

    /// The columns of `metrics.csv`, one row per update (means over its gradient steps).
    static let columns = [
        "step", "episodes", "episode_return_mean", "policy_loss", "value_loss", "entropy", "approx_kl",
        "clipfrac", "sps", "iteration", "episode_length_mean", "explained_variance", "learning_rate",
        "grad_norm", "stopped_early", "seconds",
    ]

    /// Creates the run directory (with the resolved config) and the agent.
    public init(_ config: PPOConfiguration, populations: URL, overwrite: Bool = false, quiet: Bool = false) throws {
        let yaml = try ConfigWriter.yaml(config, comment: "populus train: the resolved config of run '\(config.name)' (every default filled in)")
        agent = try Agent(try AgentSpec(config))
        self.config = config
        run = try RunDirectory.create(name: config.name, under: populations, config: yaml, overwrite: overwrite)
        metrics = try MetricsLog(url: run.metricsURL, columns: Self.columns)
        progress = TrainProgress(name: config.name, budget: config.totalSteps, quiet: quiet)
        start = clock.now
    }

    /// Trains with the config's built-in learner.
    public func train() throws {
        var loss = BuiltInLoss(config.learner)
        try train(loss: &loss)
    }

    /// Trains with `loss` (an evolved objective, say) to the budget.
    public func train<L: PolicyLoss>(loss: inout L) throws {
        var failure: Error?
        try adjust?(agent)
        agent.train(until: config.totalSteps, loss: &loss) { stats in
            guard failure == nil else { return }
            do { try adjust?(agent) } catch { failure = error }
            seconds = elapsed()
            do { try metrics.append(row(stats)) } catch { failure = error }
            progress.show(step: agent.steps, sps: Double(agent.steps) / max(seconds, 1e-9),
                          recentReturn: agent.curve.meanReturn(last: config.returnWindow), seconds: seconds)
        }
        progress.finish()
        if let failure { throw failure }
    }

    /// Writes the policy and prints the summary.
    public func finish() throws {
        let policyURL = run.root.appendingPathComponent("policy.ckpt")
        let crc = try PolicyFile.write(agent, to: policyURL)
        let curve = agent.curve
        let window = config.returnWindow
        let sps = Double(agent.steps) / max(seconds, 1e-9)
        print("trained \(config.name): \(groupedDigits(agent.steps)) steps, \(curve.episodes.count) episodes, "
              + "\(agent.iterations) updates in \(String(format: "%.1f", seconds)) s (\(groupedDigits(Int(sps))) steps/s)")
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

    private func elapsed() -> Double { Runs.seconds(clock.now - start) }
}
