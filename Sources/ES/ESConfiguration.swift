import Config
import Environments
import Policies
import Runs

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
public typealias ESConfiguration = PopulationConfiguration<ESSections>

/// The sections of an `es` config after the header.
public struct ESSections: RunSections {
    /// The evolution strategy (the run seed seeds its noise).
    public var es = StrategySection()
    /// The policy network.
    public var policy = PolicySection()
    /// How candidates are scored.
    public var evaluation = EvaluationSection()

    public init() {}

    public static var algorithm: Algorithm { .es }
    public static var defaultHeader: PopulationHeaderDefaults {
        PopulationHeaderDefaults(name: "es", env: "CartPole-v1", generations: 100, checkpointEvery: 10)
    }

    public func validate(_ check: ConfigValidator, env: String) throws {
        let family = try check.family("env", env, split: evaluation.split, splitKey: "evaluation")
        if policy.actions == .sample && !family.actionSpace.isDiscrete {
            throw check.failure("env", "'\(family.name)' has continuous actions; policy.actions: sample needs a discrete action space (use deterministic)")
        }
    }
}
