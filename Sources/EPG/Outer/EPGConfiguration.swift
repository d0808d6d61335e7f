import Checkpoint
import Config
import Environments

/// A whole `algorithm: epg` config: Evolved Policy Gradients (Houthooft et
/// al. 2018) — ES evolves the loss network L_φ; each candidate trains fresh
/// agents on training tasks; fitness, their return, is MAXIMISED.
///
/// ```yaml
/// name: epg-point-goal
/// seed: 0
/// algorithm: epg
/// env: point-goal
/// generations: 200
/// es: {population_size: 16, sigma: 0.05, learning_rate: 0.01}
/// outer: {tasks_per_candidate: 2, alpha_anneal_generations: 30}
/// inner: {lifetime_steps: 6400, update_every: 64, minibatch_size: 32}
/// loss_network: {buffer_size: 512}
/// fitness: {mode: last-episodes, episodes: 10}
/// ```
public struct EPGConfiguration: RunConfiguration, PopulationRunConfiguration, Equatable {
    /// The run's directory, `populations/<name>/`.
    public var name = "epg"
    /// The run seed: φ₀, noise ε, tasks and agents' streams derive from it.
    public var seed: UInt64 = 0
    /// Must be `epg`.
    public var algorithm = Config.Algorithm.epg
    /// The task family agents learn on (`populus env list`); needs a `test` split.
    public var env = "point-goal"
    /// G: generations to run.
    public var generations = 100
    /// Write a checkpoint every this many generations (and at the end).
    public var checkpointEvery = 5
    /// K: checkpoints kept (the newest).
    public var keepCheckpoints = 3
    /// The outer ES on φ.
    public var es = EPGStrategySection()
    /// Scoring, α annealing, validation.
    public var outer = OuterLoopSection()
    /// One agent lifetime.
    public var inner = InnerLoopSection()
    /// The shape of L_φ.
    public var lossNetwork = LossNetworkSection()
    /// How a lifetime is scored.
    public var fitness = FitnessSection()
    /// What `populus compare` runs.
    public var compare = CompareSection()

    public init() {}

    public func validate(_ check: ConfigValidator) throws {
        try check.require("algorithm", algorithm == .epg, "epg (this is an EPG config)")
        try check.positive("generations", generations)
        try check.positive("checkpointEvery", checkpointEvery)
        try check.range("keepCheckpoints", keepCheckpoints, 1...1_000_000)
        let family: AnyTaskDistribution
        do {
            family = try EnvironmentRegistry.standard.resolve(env)
        } catch {
            throw check.failure("env", "\(error)")
        }
        guard family.splits.contains(.test) else {
            throw check.failure("env", "'\(family.name)' has no test split; EPG validates and compares on held-out tasks")
        }
        guard family.splits.contains(compare.split) else {
            throw check.failure("compare", "compare.split: '\(family.name)' has no '\(compare.split)' split; accepted: \(family.splits.map(\.rawValue).joined(separator: ", "))")
        }
        guard inner.updateEvery >= lossNetwork.minimumRows else {
            throw check.failure("inner", "inner.update_every: \(inner.updateEvery) is below the \(lossNetwork.minimumRows) rows the loss network's convolutions need (the first update reads M rows)")
        }
        if outer.initialLoss == .reinforce && lossNetwork.headHidden < 2 {
            throw check.failure("outer", "outer.initial_loss: reinforce needs loss_network.head_hidden ≥ 2")
        }
    }
}
