import Config
import Evolution

/// The `es:` section of every run kind that evolves flat genomes — a policy's
/// parameters (`es`, POET's agents) or a loss's φ (EPG, LPO) — with
/// OpenAI-ES, SNES or PGPE (Salimans et al. 2017; Schaul et al. 2011; Sehnke
/// et al. 2010). Fitness is MAXIMISED.
///
/// Each run kind sets its own defaults in its configuration's `init()` (EPG:
/// λ = 16, σ = 0.05); the ones below are OpenAI-ES's for policy search. For
/// `strategy: snes` or `pgpe` set σ, the
/// learning rate, the optimizer and the shaping to that paper's values (see
/// `StrategyConfiguration(algorithm:)`). The noise seed is the run's `seed`.
///
/// ```yaml
/// es:
///   population_size: 256
///   sigma: 0.1                 # or {exponential: {initial: 0.1, decay: 0.999, floor: 0.01}}
///   learning_rate: 0.03
///   optimizer: adam            # or {adam: {beta1: 0.9, beta2: 0.999, epsilon: 1e-8}}, sgd, clipup
///   shaping: centered-ranks
/// ```
public struct StrategySection: ConfigSection, Sendable, Equatable {
    /// The update rule: `openai-es` (Salimans et al. 2017), `snes` (Schaul et al. 2011), `pgpe` (Sehnke et al. 2010).
    public var strategy: StrategyAlgorithm = .openAIES
    /// λ (n): members per generation; even when `antithetic`.
    public var populationSize = 256
    /// Mirrored sampling θ = μ ± σ⊙ε (both members of a pair see the same episodes).
    public var antithetic = true
    /// σ: the noise scale, a number or a schedule over generations.
    public var sigma: Schedule = .constant(0.1)
    /// α (η_μ): the optimizer's step size, a number or a schedule.
    public var learningRate: Schedule = .constant(0.01)
    /// The optimizer moving μ along the estimated gradient (ascent).
    public var optimizer: MeanOptimizer = .adam
    /// λ_L2: L2 weight decay on μ (OpenAI-ES's `l2coeff`).
    public var weightDecay: Float = 0
    /// Fitness shaping: `centered-ranks` (u ∈ [−0.5, 0.5]), `z-score`, `raw`, `nes-utilities`.
    public var shaping: FitnessShaping = .centeredRanks
    /// η_σ: SNES/PGPE's σ learning rate (null: the paper's default).
    public var sigmaLearningRate: Float? = nil
    /// PGPE: the largest relative change of each σ_j in one generation.
    public var maxSigmaChange: Float = 0.2

    public init() {}

    /// The ES core's configuration with the run seed.
    public func strategyConfiguration(seed: UInt64) -> StrategyConfiguration {
        var c = StrategyConfiguration(algorithm: strategy)
        c.populationSize = populationSize
        c.antithetic = antithetic
        c.sigma = sigma
        c.learningRate = learningRate
        c.optimizer = optimizer
        c.weightDecay = weightDecay
        c.shaping = shaping
        c.sigmaLearningRate = sigmaLearningRate
        c.maxSigmaChange = maxSigmaChange
        c.seed = seed
        return c
    }

    public func validate(_ check: ConfigValidator) throws {
        try check.atLeast("populationSize", populationSize, 2)
        if antithetic {
            try check.require("populationSize", populationSize % 2 == 0, "an even number with antithetic: true")
        }
        // The ES core states every other rule, naming its key.
        if let problem = strategyConfiguration(seed: 0).problems(dimension: 1).first(where: { !$0.key.isEmpty }) {
            throw check.failure(problem.key, problem.reason)
        }
    }
}
