import Agents
import Config
import Environments
import Random
import Runs

/// A whole `algorithm: lpo` config: ES evolves the drift D_φ of a learned
/// policy objective (LPO, Lu et al. 2022; TA-LPO, Jackson et al. 2024); each
/// candidate trains fresh PPO agents whose clip is replaced by D_φ — every
/// other setting is the environment's PPO — and fitness, the return they
/// reach, is MAXIMISED. The drift reads only (r, Â) (and n/N), never an
/// observation, so an objective evolved here trains agents on any environment
/// (`populus compare RUN --env NAME`).
///
/// ```yaml
/// name: lpo-cartpole
/// algorithm: lpo
/// env: cartpole-random
/// generations: 100
/// es: {population_size: 16, sigma: 0.05, learning_rate: 0.02}
/// objective: {family: lpo, base: ppo, hidden: 32, init: zero}
/// lifetime_steps: 20000        # null: the environment's shipped budget
/// ppo: null                    # null: the environment's shipped PPO settings
/// ```
public typealias LPOConfiguration = PopulationConfiguration<LPOSections>

/// The sections of an `lpo` config after the header.
public struct LPOSections: ObjectiveFamily {
    /// The outer ES on φ (antithetic pairs share tasks and agent seeds).
    public var es = LPOSections.defaultStrategy
    /// Tasks per candidate, validation, warm start (α is EPG's: 0 here).
    public var outer = LPOSections.defaultOuter
    /// The drift: LPO or TA-LPO, its base, its size, φ₀.
    public var objective = ObjectiveSection()
    /// T: environment steps in one lifetime (null: the environment's shipped budget).
    public var lifetimeSteps: Int? = nil
    /// The agents' PPO settings (null: the environment's shipped PPO, `ShippedPPO`).
    public var ppo: PPOHyperparameters? = nil
    /// How a lifetime is scored.
    public var fitness = FitnessSection()
    /// What `populus compare` runs.
    public var compare = LPOSections.defaultCompare

    public init() {}

    /// OpenAI-ES with λ = 16, σ = 0.05, α_ES = 0.02, Adam.
    public static var defaultStrategy: StrategySection {
        var s = StrategySection()
        s.populationSize = 16
        s.sigma = .constant(0.05)
        s.learningRate = .constant(0.02)
        return s
    }

    /// K = 2 tasks per candidate; validation of φ₀ and every 5 generations on 16 tasks; no α.
    public static var defaultOuter: OuterLoopSection {
        var o = OuterLoopSection()
        o.alphaAnnealGenerations = 0
        o.validationTasks = 16
        o.validateStart = true
        return o
    }

    /// 16 held-out seeds; PPO, DPO and vanilla PG beside the evolved objective.
    public static var defaultCompare: CompareSection {
        var c = CompareSection()
        c.seeds = 16
        c.baselines = [.ppo, .dpo, .vpg]
        return c
    }

    public static var algorithm: Algorithm { .lpo }
    public static var kind: String { "lpo" }
    public static var streamPrefix: String { "lpo" }
    public static var defaultHeader: PopulationHeaderDefaults {
        PopulationHeaderDefaults(name: "lpo", env: "cartpole-random", generations: 100, checkpointEvery: 5)
    }

    public func lifetimes(env: String) throws -> DriftLifetimes {
        let family = try EnvironmentRegistry.standard.resolve(env)
        let shipped = ShippedPPO.settings(for: family.name)
        return DriftLifetimes(family: family, shape: objective.shape, base: objective.base.drift,
                              hyperparameters: ppo ?? shipped.hyperparameters,
                              lifetimeSteps: lifetimeSteps ?? shipped.lifetimeSteps, fitness: fitness)
    }

    /// On another environment the drift trains agents with that environment's
    /// shipped PPO settings and budget.
    public func transferLifetimes(from env: String, to target: String) throws -> DriftLifetimes {
        let family = try EnvironmentRegistry.standard.resolve(target)
        let shipped = ShippedPPO.settings(for: family.name)
        return DriftLifetimes(family: family, shape: objective.shape, base: objective.base.drift,
                              hyperparameters: shipped.hyperparameters, lifetimeSteps: shipped.lifetimeSteps,
                              fitness: fitness)
    }

    /// φ₀ = 0, or N(0, init_scale²) from `(seed, ["lpo", "phi0"])`.
    public func initialGenome(_ lifetimes: DriftLifetimes, seed: UInt64) -> [Float] {
        switch objective.initial {
        case .zero:
            return [Float](repeating: 0, count: lifetimes.genomeLength)
        case .random:
            let rng = RandomStream(seed: seed, path: ["lpo", "phi0"])
            return (0..<lifetimes.genomeLength).map { _ in Float(rng.gaussian() * objective.initScale) }
        }
    }

    public func describe(_ lifetimes: DriftLifetimes, env: String) -> [(label: String, value: String)] {
        let h = lifetimes.hyperparameters
        return [
            ("env", "\(env) (\(lifetimes.family.name)); lifetime T = \(lifetimes.lifetimeSteps) steps\(lifetimeSteps == nil ? " (shipped)" : "")"),
            ("objective", "\(objective.family.rawValue): D = ReLU(D_\(objective.base.rawValue) + g_φ), |φ| = \(lifetimes.genomeLength), \(objective.hidden) tanh units, φ₀ \(objective.initial.rawValue)"),
            ("agents", "PPO, \(ppo == nil ? "the environment's shipped settings" : "the config's settings"): \(h.numEnvs) envs × \(h.numSteps) steps, \(h.updateEpochs) epochs × \(h.numMinibatches) minibatches, lr \(h.learningRate)\(h.annealLR ? " annealed" : "")"),
        ]
    }

    public func validate(_ check: ConfigValidator, env: String) throws {
        let family = try check.family("env", env, split: .test)
        guard family.splits.contains(compare.split) else {
            throw check.failure("compare", "compare.split: '\(family.name)' has no '\(compare.split)' split; accepted: \(family.splits.map(\.rawValue).joined(separator: ", "))")
        }
        try check.require("outer", outer.alphaAnnealGenerations == 0,
                          "outer.alpha_anneal_generations: 0 (α mixes PPO into EPG's loss; an LPO drift's base already is PPO)")
        try check.require("outer", outer.initialLoss == .random,
                          "outer.initial_loss is EPG's; an LPO drift starts from objective.init")
        if let lifetimeSteps { try check.range("lifetimeSteps", lifetimeSteps, 1...1_000_000_000) }
    }
}
