import Agents
import Config
import Environments

/// The `compare:` section: what `populus compare` trains next to the evolved
/// loss, on held-out tasks, under the same budget T (`inner.lifetime_steps`).
///
/// ```yaml
/// compare:
///   split: test                # or ood
///   seeds: 8                   # held-out task i with agent seed i, for every method
///   baselines: [ppo, vpg]        # vpg: vanilla policy gradient ("pg" in reports)
///   threshold: null            # null: PPO's mean final return
///   ppo: {num_envs: 1, num_steps: 256, learning_rate: 3e-3, ...}   # the tuned PPO it ships
///   pg: {num_envs: 1, num_steps: 256, learning_rate: 3e-3}
/// ```
public struct CompareSection: ConfigSection, Sendable, Equatable {
    /// Held-out tasks come from this split (never seen by evolution; validation uses other draws).
    public var split = TaskSplit.test
    /// Seeds: seed i trains every method on held-out task i with agent streams i.
    public var seeds = 8
    /// Baselines next to the evolved loss: `ppo`, `vpg` (vanilla PG, named `pg` in reports).
    public var baselines: [LearnerKind] = [.ppo, .vpg]
    /// "Steps to threshold" counts steps until a method's smoothed return reaches this (null: PPO's mean final return).
    public var threshold: Double? = nil
    /// W: the smoothing of "steps to threshold" — the mean return of the last W episodes must reach it.
    public var thresholdWindow = 5
    /// Learning-curve grid points (evaluation of the curves for bands, AUC and thresholds).
    public var curvePoints = 40
    /// PPO's hyperparameters for the baseline (tuned for the family; see the config's comment).
    public var ppo = CompareSection.tunedPPO
    /// Vanilla PG's hyperparameters (REINFORCE with a learned baseline).
    public var pg = CompareSection.tunedPG

    public init() {}

    /// PPO tuned for `point-goal` lifetimes of 3,200 steps: the best of a sweep
    /// over learning rate {1e-3, 2e-3, 3e-3, 5e-3, 1e-2} × rollout {64, 128, 256}
    /// × epochs {4, 10} on 16 training tasks (mean final return 14.2; the
    /// next best 14.6 / 13.7 at lr 5e-3 / 2e-3 were within noise).
    public static var tunedPPO: PPOHyperparameters {
        var h = PPOHyperparameters()
        h.numEnvs = 1
        h.numSteps = 256
        h.learningRate = 3e-3
        h.updateEpochs = 10
        h.numMinibatches = 8
        h.gamma = 0.99
        h.gaeLambda = 0.95
        h.entCoef = 0
        h.hiddenSizes = [64, 64]
        h.annealLR = false
        return h
    }

    /// Vanilla PG with the same network and rollout length: the best of
    /// learning rate {3e-4, 1e-3, 2e-3, 3e-3, 1e-2, 3e-2} × rollout {64, 128, 256, 512}
    /// on the same 16 tasks (mean final return 1.0; 1e-2 and above diverge).
    public static var tunedPG: PPOHyperparameters {
        var h = tunedPPO
        h.learningRate = 3e-3
        h.updateEpochs = 1
        h.numMinibatches = 1
        return h
    }

    public func validate(_ check: ConfigValidator) throws {
        try check.range("seeds", seeds, 1...10_000)
        try check.range("curvePoints", curvePoints, 2...10_000)
        try check.range("thresholdWindow", thresholdWindow, 1...10_000)
        if let threshold { try check.require("threshold", threshold.isFinite, "a finite number or null") }
    }
}
