import Config
import Evolution

/// The `es:` section of an EPG config: OpenAI-ES's antithetic NES on φ
/// (Salimans et al. 2017, as the EPG paper's outer loop). Fitness — the
/// return agents reach — is MAXIMISED.
///
/// ```yaml
/// es:
///   population_size: 16        # λ, even (antithetic pairs)
///   sigma: 0.05
///   learning_rate: 0.01
///   optimizer: adam
/// ```
public struct EPGStrategySection: ConfigSection, Sendable, Equatable {
    /// λ: candidates φ = μ ± σε per generation (pairs share tasks and seeds).
    public var populationSize = 16
    /// σ: the noise scale on φ, a number or a schedule over generations.
    public var sigma: Schedule = .constant(0.05)
    /// α_ES: the step size of the optimizer moving μ, a number or a schedule.
    public var learningRate: Schedule = .constant(0.01)
    /// The optimizer on μ (ascent).
    public var optimizer: MeanOptimizer = .adam
    /// λ_L2: weight decay on μ.
    public var weightDecay: Float = 0
    /// Fitness shaping: `centered-ranks`, `z-score`, `raw`, `nes-utilities`.
    public var shaping: FitnessShaping = .centeredRanks

    public init() {}

    /// The ES core's configuration (antithetic OpenAI-ES) with the run seed.
    public func strategyConfiguration(seed: UInt64) -> StrategyConfiguration {
        var c = StrategyConfiguration(algorithm: .openAIES)
        c.populationSize = populationSize
        c.antithetic = true
        c.sigma = sigma
        c.learningRate = learningRate
        c.optimizer = optimizer
        c.weightDecay = weightDecay
        c.shaping = shaping
        c.seed = seed
        return c
    }

    public func validate(_ check: ConfigValidator) throws {
        try check.atLeast("populationSize", populationSize, 2)
        try check.require("populationSize", populationSize % 2 == 0, "an even number (antithetic pairs)")
        if let problem = strategyConfiguration(seed: 0).problems(dimension: 1).first {
            throw check.failure("sigma", problem)
        }
    }
}

/// The `outer:` section: how candidates are scored and how the run watches itself.
///
/// ```yaml
/// outer:
///   tasks_per_candidate: 2      # K
///   alpha_anneal_generations: 30
///   validation_every: 5
///   validation_tasks: 4
///   initial_loss: random        # or reinforce
///   warm_start: null            # or populations/<run>: φ₀ = that run's μ
/// ```
public struct OuterLoopSection: ConfigSection, Sendable, Equatable {
    /// Where φ₀ comes from.
    public enum InitialLoss: String, Codable, Sendable, CaseIterable {
        /// Gaussian weights drawn from the run seed (the paper's).
        case random
        /// The REINFORCE surrogate −mean(r·log π) (`LossNetwork.reinforceGenome`) plus a small random part.
        case reinforce
    }

    /// K: training-split tasks each candidate is scored on (a lifetime each; fitness is their mean).
    public var tasksPerCandidate = 2
    /// α anneals linearly from 1 to 0 over this many generations (0: α = 0 throughout);
    /// a count, not a fraction of the budget, so raising the budget on resume changes nothing before it.
    public var alphaAnnealGenerations = 30
    /// Every this many generations, μ trains agents on `test`-split tasks with α = 0 (and at the last generation).
    public var validationEvery = 5
    /// Test-split tasks of that check (one lifetime each).
    public var validationTasks = 4
    /// φ₀.
    public var initialLoss = InitialLoss.random
    /// φ₀ from an earlier EPG run with the same loss network instead of
    /// `initial_loss`: a run directory (its newest intact checkpoint) or one
    /// checkpoint file; the search mean μ it holds becomes φ₀. Read once, at
    /// generation 0 — a resumed run never looks at it again.
    public var warmStart: String?

    public init() {}

    /// α at generation g: max(0, 1 − g / A), A = `alpha_anneal_generations` (0 when A = 0).
    public func alpha(generation g: Int) -> Double {
        guard alphaAnnealGenerations > 0 else { return 0 }
        return max(0, 1 - Double(g) / Double(alphaAnnealGenerations))
    }

    public func validate(_ check: ConfigValidator) throws {
        try check.range("tasksPerCandidate", tasksPerCandidate, 1...10_000)
        try check.range("alphaAnnealGenerations", alphaAnnealGenerations, 0...1_000_000_000)
        try check.range("validationEvery", validationEvery, 1...1_000_000)
        try check.range("validationTasks", validationTasks, 1...10_000)
        if let warmStart {
            try check.require("warmStart", !warmStart.isEmpty, "a run directory or checkpoint file (or null)")
        }
    }
}
