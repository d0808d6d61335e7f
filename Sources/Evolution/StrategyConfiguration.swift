import Foundation

/// Which update of the search distribution a `Strategy` runs.
public enum StrategyAlgorithm: String, Codable, Sendable, CaseIterable {
    /// OpenAI-ES (Salimans et al. 2017): isotropic σ from a schedule, mean moved by an optimizer.
    case openAIES = "openai-es"
    /// Separable NES (Schaul et al. 2011): per-coordinate σ adapted multiplicatively.
    case snes
    /// PGPE (Sehnke et al. 2010): symmetric sampling, per-coordinate σ adapted additively.
    case pgpe
}

/// Everything that defines an ES run's search (not its execution: thread
/// counts never change results). Fitness is always MAXIMISED.
///
/// Keys in a configuration file are the snake_case names in `CodingKeys`;
/// every key is optional and defaults to the value below, or to the paper's
/// setting of the chosen algorithm (see `init(algorithm:)`).
public struct StrategyConfiguration: Sendable, Equatable {
    /// The update rule (`openai-es`, `snes`, `pgpe`).
    public var algorithm: StrategyAlgorithm = .openAIES
    /// λ (n): members per generation; even when `antithetic`.
    public var populationSize: Int = 256
    /// Mirrored sampling θ = μ ± σ⊙ε (Salimans et al. 2017; PGPE's symmetric sampling, which requires it).
    public var antithetic: Bool = true
    /// σ: noise scale. OpenAI-ES follows the schedule every generation; SNES
    /// and PGPE start from σ(0) and adapt it, so for them it must be constant.
    public var sigma: Schedule = .constant(0.1)
    /// α (η_μ): the optimizer's learning rate, scheduled by generation.
    public var learningRate: Schedule = .constant(0.01)
    /// The optimizer moving μ (ascent).
    public var optimizer: MeanOptimizer = .adam
    /// λ_L2: L2 weight decay on μ, g ← g − λ_L2·μ (OpenAI-ES's `l2coeff`).
    public var weightDecay: Float = 0
    /// Fitness shaping into utilities u_i.
    public var shaping: FitnessShaping = .centeredRanks
    /// η_σ: σ's learning rate. SNES default (3 + ln d)/(5√d) (Schaul et al.
    /// 2011); PGPE default 0.1 (evotorch/evosax). Unused by OpenAI-ES.
    public var sigmaLearningRate: Float? = nil
    /// PGPE: the largest relative change of each σ_j in one generation (0.2 as in evotorch/evosax).
    public var maxSigmaChange: Float = 0.2
    /// The run seed every noise and evaluation stream derives from.
    public var seed: UInt64 = 0

    /// OpenAI-ES with the defaults above.
    public init() {}

    /// The defaults of `algorithm`'s paper: OpenAI-ES as above; SNES with
    /// NES utilities, plain ascent at η_μ = 1 and σ₀ = 1; PGPE with ClipUp
    /// (α = 0.15, v_max = 2α), centered ranks and σ₀ = 1.
    public init(algorithm: StrategyAlgorithm) {
        self.algorithm = algorithm
        switch algorithm {
        case .openAIES:
            break
        case .snes:
            sigma = .constant(1)
            learningRate = .constant(1)
            optimizer = .sgd
            shaping = .nesUtilities
        case .pgpe:
            sigma = .constant(1)
            learningRate = .constant(0.15)
            optimizer = .clipUp
        }
    }

    /// OpenAI-ES with Adam and centered ranks (the settings of Salimans et al. 2017).
    public static func openAIES(populationSize: Int = 256, sigma: Float = 0.1, learningRate: Float = 0.01,
                                seed: UInt64 = 0) -> StrategyConfiguration {
        var c = StrategyConfiguration(algorithm: .openAIES)
        c.populationSize = populationSize
        c.sigma = .constant(sigma)
        c.learningRate = .constant(learningRate)
        c.seed = seed
        return c
    }

    /// SNES as in the paper: NES utilities, plain ascent with η_μ = 1, default η_σ.
    public static func snes(populationSize: Int, sigma: Float = 1, seed: UInt64 = 0) -> StrategyConfiguration {
        var c = StrategyConfiguration(algorithm: .snes)
        c.populationSize = populationSize
        c.sigma = .constant(sigma)
        c.seed = seed
        return c
    }

    /// PGPE with ClipUp and centered ranks (Toklu et al. 2020's recommendation).
    public static func pgpe(populationSize: Int, sigma: Float = 1, learningRate: Float = 0.15,
                            seed: UInt64 = 0) -> StrategyConfiguration {
        var c = StrategyConfiguration(algorithm: .pgpe)
        c.populationSize = populationSize
        c.sigma = .constant(sigma)
        c.learningRate = .constant(learningRate)
        c.seed = seed
        return c
    }

    /// Every problem with this configuration for genomes of `dimension`
    /// coordinates, each naming its key; empty when valid.
    public func problems(dimension: Int) -> [SettingProblem] {
        var out: [SettingProblem] = []
        if dimension <= 0 { out.append(SettingProblem(key: "", "the genome must have at least one coordinate, got \(dimension)")) }
        if populationSize < 2 { out.append(SettingProblem(key: "population_size", "must be ≥ 2, got \(populationSize)")) }
        if antithetic && populationSize % 2 != 0 {
            out.append(SettingProblem(key: "population_size", "must be even with antithetic sampling, got \(populationSize)"))
        }
        if algorithm == .pgpe && !antithetic {
            out.append(SettingProblem(key: "antithetic", "PGPE uses symmetric sampling, so it must be true"))
        }
        out += sigma.problems(key: "sigma", positive: true)
        if algorithm != .openAIES && !sigma.isConstant {
            out.append(SettingProblem(key: "sigma", "\(algorithm.rawValue) adapts σ itself, so sigma must be a constant (its starting value)"))
        }
        out += learningRate.problems(key: "learning_rate", positive: false)
        out += optimizer.problems()
        if !(weightDecay >= 0 && weightDecay.isFinite) {
            out.append(SettingProblem(key: "weight_decay", "must be ≥ 0, got \(weightDecay)"))
        }
        if let eta = sigmaLearningRate, !(eta >= 0 && eta.isFinite) {
            out.append(SettingProblem(key: "sigma_learning_rate", "must be ≥ 0, got \(eta)"))
        }
        if !(maxSigmaChange > 0 && maxSigmaChange < 1) {
            out.append(SettingProblem(key: "max_sigma_change", "must be in (0, 1), got \(maxSigmaChange)"))
        }
        return out
    }

    /// Throws `EvolutionError.invalidConfiguration` listing every problem.
    public func validate(dimension: Int) throws {
        let p = problems(dimension: dimension)
        if !p.isEmpty { throw EvolutionError.invalidConfiguration(p) }
    }
}

extension StrategyConfiguration: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case algorithm, population_size, antithetic, sigma, learning_rate, optimizer, weight_decay, shaping
        case sigma_learning_rate, max_sigma_change, seed
    }

    /// The keys a configuration may contain (for unknown-key checks upstream).
    public static let keys: [String] = CodingKeys.allCases.map(\.rawValue)

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        algorithm = try c.decodeIfPresent(StrategyAlgorithm.self, forKey: .algorithm) ?? .openAIES
        let d = StrategyConfiguration(algorithm: algorithm)
        populationSize = try c.decodeIfPresent(Int.self, forKey: .population_size) ?? d.populationSize
        antithetic = try c.decodeIfPresent(Bool.self, forKey: .antithetic) ?? d.antithetic
        sigma = try c.decodeIfPresent(Schedule.self, forKey: .sigma) ?? d.sigma
        learningRate = try c.decodeIfPresent(Schedule.self, forKey: .learning_rate) ?? d.learningRate
        optimizer = try c.decodeIfPresent(MeanOptimizer.self, forKey: .optimizer) ?? d.optimizer
        weightDecay = try c.decodeIfPresent(Float.self, forKey: .weight_decay) ?? d.weightDecay
        shaping = try c.decodeIfPresent(FitnessShaping.self, forKey: .shaping) ?? d.shaping
        sigmaLearningRate = try c.decodeIfPresent(Float.self, forKey: .sigma_learning_rate)
        maxSigmaChange = try c.decodeIfPresent(Float.self, forKey: .max_sigma_change) ?? d.maxSigmaChange
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? d.seed
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(algorithm, forKey: .algorithm)
        try c.encode(populationSize, forKey: .population_size)
        try c.encode(antithetic, forKey: .antithetic)
        try c.encode(sigma, forKey: .sigma)
        try c.encode(learningRate, forKey: .learning_rate)
        try c.encode(optimizer, forKey: .optimizer)
        try c.encode(weightDecay, forKey: .weight_decay)
        try c.encode(shaping, forKey: .shaping)
        try c.encodeIfPresent(sigmaLearningRate, forKey: .sigma_learning_rate)
        try c.encode(maxSigmaChange, forKey: .max_sigma_change)
        try c.encode(seed, forKey: .seed)
    }
}
