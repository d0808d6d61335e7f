import Checkpoint
import Config
import Environments

/// A whole `algorithm: es` config: evolution strategies searching the flat
/// parameters of an MLP policy on any registered environment or task family
/// (Salimans et al. 2017). Fitness — the episode return — is MAXIMISED.
///
/// ```yaml
/// name: es-cartpole
/// seed: 0
/// algorithm: es
/// env: CartPole-v1
/// generations: 100
/// es: {population_size: 256, sigma: 0.1, learning_rate: 0.03}
/// policy: {hidden_sizes: [32, 32], activation: tanh, actions: deterministic}
/// evaluation: {episodes: 1, max_steps: 500}
/// ```
public struct PolicySearchConfiguration: RunConfiguration, PopulationRunConfiguration, Equatable {
    /// The run's directory, `populations/<name>/`.
    public var name = "es"
    /// The run seed: noise ε, tasks and initial states all derive from it.
    public var seed: UInt64 = 0
    /// Must be `es`.
    public var algorithm = Config.Algorithm.es
    /// The environment or task family (`populus env list`).
    public var env = "CartPole-v1"
    /// G: generations to run.
    public var generations = 100
    /// Write a checkpoint every this many generations (and at the end).
    public var checkpointEvery = 10
    /// K: checkpoints kept (the newest).
    public var keepCheckpoints = 3
    /// The evolution strategy.
    public var es = StrategySection()
    /// The policy network.
    public var policy = PolicySection()
    /// How candidates are scored.
    public var evaluation = EvaluationSection()

    public init() {}

    public func validate(_ check: ConfigValidator) throws {
        try check.require("algorithm", algorithm == .es, "es (this is an ES policy-search config)")
        try check.positive("generations", generations)
        try check.positive("checkpointEvery", checkpointEvery)
        try check.range("keepCheckpoints", keepCheckpoints, 1...1_000_000)
        let family: AnyTaskDistribution
        do {
            family = try EnvironmentRegistry.standard.resolve(env)
        } catch {
            throw check.failure("env", "\(error)")
        }
        guard family.splits.contains(evaluation.split) else {
            throw check.failure("env", "'\(family.name)' has no '\(evaluation.split)' split (evaluation.split); accepted: \(family.splits.map(\.rawValue).joined(separator: ", "))")
        }
        if policy.actions == .sample && !family.actionSpace.isDiscrete {
            throw check.failure("env", "'\(family.name)' has continuous actions; policy.actions: sample needs a discrete action space (use deterministic)")
        }
    }
}
