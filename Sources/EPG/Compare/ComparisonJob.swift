import Agents
import Checkpoint
import Environments
import Foundation
import Runs

/// `populus compare` from start to end: reads a saved EPG run's loss, trains
/// the methods on held-out tasks (`Comparison`), and writes the report —
/// the comparison's files and the run's page (`EPGRun.writeReport`) — into
/// `<run>/report/` or `output`.
public struct ComparisonJob: Sendable {
    /// Held-out split (nil: the config's `compare.split`).
    public var split: TaskSplit?
    /// Seeds per method (nil: `compare.seeds`).
    public var seeds: Int?
    /// Baselines (nil: `compare.baselines`).
    public var baselines: [LearnerKind]?
    /// The best validated φ (true) or the final search mean (false).
    public var bestLoss = true
    /// Where the report goes (nil: `<run>/report`).
    public var output: URL?

    public init() {}

    /// Runs the comparison of `saved` and returns the report page.
    public func run(_ saved: SavedCheckpoint, settings: RunSettings) throws -> URL {
        try saved.require(kind: EPGRun.kind, for: "compare")
        let config = try SavedRun<EPGRun>.configuration(of: saved.checkpoint)
        let chosenSplit = split ?? config.compare.split
        let family = try EnvironmentRegistry.standard.resolve(config.env)
        guard family.splits.contains(chosenSplit), chosenSplit != .train else {
            throw RunError("\(config.env) has no '\(chosenSplit)' split to compare on; accepted: \(family.splits.filter { $0 != .train }.map(\.rawValue).joined(separator: ", "))")
        }
        let (genome, which) = try SavedLosses(saved.checkpoint).choose(best: bestLoss)
        let comparison = Comparison(configuration: config, genome: genome, split: chosenSplit,
                                    seeds: seeds ?? config.compare.seeds, baselines: baselines ?? config.compare.baselines,
                                    backend: settings.backend)
        let threads = settings.threads
        settings.say("comparing \(comparison.methods.joined(separator: ", ")) on \(comparison.seeds) held-out \(comparison.split) tasks of \(config.env), \(config.inner.lifetimeSteps) steps each, \(threads) thread\(threads == 1 ? "" : "s")")
        let started = ContinuousClock.now
        let every = max(1, comparison.methods.count * comparison.seeds / 20)
        let result = try comparison.run { done, total in
            guard done % every == 0 || done == total else { return }
            settings.say("compare \(done)/\(total) lifetimes  \(String(format: "%.1f", seconds(ContinuousClock.now - started))) s")
        }
        let c = config.compare
        let summary = ComparisonSummary(result, threshold: c.threshold, thresholdWindow: c.thresholdWindow,
                                        curvePoints: c.curvePoints)
        let report = ComparisonReport(result: result, summary: summary,
                                      title: "EPG vs baselines: \(saved.directory.name) on \(config.env) (\(comparison.split) split)",
                                      context: context(config, comparison, saved: saved, loss: which,
                                                       seconds: seconds(ContinuousClock.now - started)))
        let target = output ?? saved.directory.root.appendingPathComponent("report")
        try report.write(to: target)
        settings.say(report.terminalSummary)
        let page = try EPGRun.writeReport(try SavedRun<EPGRun>(saved), to: target, settings)
        settings.say("report: \(page.path)")
        return page
    }

    func context(_ c: EPGConfiguration, _ comparison: Comparison, saved: SavedCheckpoint, loss: String,
                 seconds: Double) -> [(label: String, value: String)] {
        [
            ("run", saved.directory.root.path),
            ("env", "\(c.env), held-out \(comparison.split) tasks (drawn under the run seed \(c.seed), stream 'compare')"),
            ("loss", loss),
            ("budget", "\(c.inner.lifetimeSteps) environment steps per lifetime"),
            ("seeds", "\(comparison.seeds) (seed i: held-out task i, same agent streams for every method)"),
            ("evolved", "α = 0, M = \(c.inner.updateEvery), B = \(c.inner.minibatchSize), lr \(c.inner.learningRate), policy \(c.inner.hiddenSizes)"),
            ("ppo", "num_steps \(c.compare.ppo.numSteps), lr \(c.compare.ppo.learningRate), epochs \(c.compare.ppo.updateEpochs), minibatches \(c.compare.ppo.numMinibatches), policy \(c.compare.ppo.hiddenSizes)"),
            ("pg", "num_steps \(c.compare.pg.numSteps), lr \(c.compare.pg.learningRate), policy \(c.compare.pg.hiddenSizes)"),
            ("wall time", String(format: "%.1f s", seconds)),
        ]
    }
}
