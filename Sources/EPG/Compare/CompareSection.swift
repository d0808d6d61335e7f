import Agents
import Config
import Environments

/// The `compare:` section: what `populus compare` trains next to the evolved
/// objective, on held-out tasks, under the same budget T (the run's lifetime).
/// The baselines train with the environment's shipped PPO settings
/// (`ShippedPPO`: PPO and DPO as they are, vanilla PG with one pass per rollout).
///
/// ```yaml
/// compare:
///   split: test                # or ood
///   seeds: 8                   # held-out task i with agent seed i, for every method
///   baselines: [ppo, vpg]      # ppo, dpo, vpg (vanilla policy gradient, "pg" in reports)
///   threshold: null            # null: PPO's mean final return
/// ```
public struct CompareSection: ConfigSection, Sendable, Equatable {
    /// Held-out tasks come from this split (never seen by evolution; validation uses other draws).
    public var split = TaskSplit.test
    /// Seeds: seed i trains every method on held-out task i with agent streams i.
    public var seeds = 8
    /// Baselines next to the evolved objective: `ppo`, `dpo`, `vpg` (vanilla PG, named `pg` in reports).
    public var baselines: [LearnerKind] = [.ppo, .vpg]
    /// "Steps to threshold" counts steps until a method's smoothed return reaches this (null: PPO's mean final return).
    public var threshold: Double? = nil
    /// W: the smoothing of "steps to threshold" — the mean return of the last W episodes must reach it.
    public var thresholdWindow = 5
    /// Learning-curve grid points (evaluation of the curves for bands, AUC and thresholds).
    public var curvePoints = 40
    public init() {}

    public func validate(_ check: ConfigValidator) throws {
        try check.range("seeds", seeds, 1...10_000)
        try check.range("curvePoints", curvePoints, 2...10_000)
        try check.range("thresholdWindow", thresholdWindow, 1...10_000)
        if let threshold { try check.require("threshold", threshold.isFinite, "a finite number or null") }
    }
}
