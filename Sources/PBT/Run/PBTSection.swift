import Config

/// The `pbt:` section: the population, when members are ready, how they
/// exploit and explore, and the hyperparameters searched (Jaderberg et al.
/// 2017, "Population Based Training of Neural Networks").
///
/// ```yaml
/// pbt:
///   population_size: 8
///   interval: 8192                 # environment steps per member between ready checks
///   mode: synchronous              # or asynchronous
///   exploit: truncation            # or tournament
///   truncation_fraction: 0.25
///   perturb_factors: [0.8, 1.2]
///   resample_probability: 0.25
///   return_window: 10
///   hyperparameters:
///     learning_rate: {scale: log, min: 1e-5, max: 1e-1}
/// ```
public struct PBTSection: ConfigSection, Sendable, Equatable {
    /// P, members trained side by side.
    public var populationSize = 8
    /// Environment steps a member trains between ready checks (its own steps;
    /// a member is ready at the first update boundary at or past each multiple).
    public var interval = 10_000
    /// `synchronous` (all members reach the interval, then all exploit: bitwise
    /// reproducible) or `asynchronous` (each exploits as soon as it is ready).
    public var mode = PBTMode.synchronous
    /// `truncation` (bottom fraction copies the top), `tournament` (binary: copy a random other member if it
    /// scores higher) or `none` (no exploit or explore: random search, the baseline of `populus pbt versus-random`).
    public var exploit = ExploitKind.truncation
    /// Truncation's bottom and top fractions of the population (⌊P·f⌋ members, at least 1).
    public var truncationFraction = 0.25
    /// Explore's perturbation factors, drawn uniformly per hyperparameter.
    public var perturbFactors = [0.8, 1.2]
    /// p: the chance each hyperparameter is resampled from its prior instead of perturbed.
    public var resampleProbability = 0.25
    /// The score is the mean return of a member's last `return_window` episodes (since its last exploit).
    public var returnWindow = 10
    /// Where members start: `prior` (each hyperparameter drawn from its range) or `base` (the `ppo:` values, moved into the ranges).
    public var initial = InitialHyperparameters.prior
    /// The searched hyperparameters and their hard bounds (see `HyperparameterRange`).
    public var hyperparameters: [String: HyperparameterRange] = [
        "learning_rate": HyperparameterRange(scale: .log, min: 1e-5, max: 1e-2),
    ]

    public init() {}

    /// The exploit rule this section names.
    public var exploitRule: ExploitRule {
        switch exploit {
        case .truncation: return .truncation(fraction: truncationFraction)
        case .tournament: return .tournament
        case .none: return .none
        }
    }

    /// The explore rule this section names.
    public var exploreRule: ExploreRule { ExploreRule(factors: perturbFactors, resampleProbability: resampleProbability) }

    public func validate(_ check: ConfigValidator) throws {
        try check.range("populationSize", populationSize, 2...4096)
        try check.range("interval", interval, 1...1_000_000_000)
        try check.greaterThan("truncationFraction", truncationFraction, 0)
        try check.atMost("truncationFraction", truncationFraction, 0.5)
        try check.nonEmpty("perturbFactors", perturbFactors)
        for (i, f) in perturbFactors.enumerated() where !(f.isFinite && f > 0) {
            throw check.failure("perturbFactors", "element \(i) is \(f); factors must be finite and > 0")
        }
        try check.range("resampleProbability", resampleProbability, 0...1)
        try check.range("returnWindow", returnWindow, 1...100_000)
        try check.nonEmpty("hyperparameters", hyperparameters)
        do {
            _ = try HyperparameterSpace(hyperparameters)
        } catch {
            throw check.failure("hyperparameters", "\(error.key): \(error.message)")
        }
    }
}

/// Where members' hyperparameters start (`initial:`).
public enum InitialHyperparameters: String, Codable, CaseIterable, Sendable, Hashable {
    /// Each member draws every searched hyperparameter from its range's prior.
    case prior
    /// Every member starts at the `ppo:` section's values (moved inside the ranges).
    case base
}
