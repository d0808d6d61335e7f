/// What happened in one generation (returned by `tell`). Fitness statistics
/// are over members with finite fitness (NaN when there were none); higher
/// fitness is better.
public struct GenerationReport: Sendable, Equatable {
    /// The generation t that was told.
    public var generation: Int
    public var fitnessMean: Float
    public var fitnessMax: Float
    public var fitnessMin: Float
    public var fitnessStd: Float
    /// Members whose fitness was NaN or ±∞ (treated as the worst).
    public var nonFinite: Int
    /// Index of the fittest member (nil when none was finite).
    public var bestMember: Int?
    /// Best fitness over all generations so far.
    public var bestFitnessSoFar: Float?
    /// Mean σ used to sample this generation.
    public var sigmaMean: Float
    /// ‖g − λ_L2 μ‖: the ascent direction handed to the optimizer.
    public var gradientNorm: Float
    /// ‖Δμ‖: how far the mean moved.
    public var updateNorm: Float
    /// α_t used for the step.
    public var learningRate: Float
}

extension GenerationReport {
    /// Columns of `metricsRow`: the required ones first
    /// (generation … wall_seconds), then the rest of the report.
    public static let metricsColumns = [
        "generation", "fitness_mean", "fitness_max", "fitness_min", "sigma_mean", "grad_norm", "wall_seconds",
        "fitness_std", "non_finite", "best_so_far", "update_norm", "learning_rate",
    ]

    /// The report as one metrics row (`metricsColumns` order);
    /// `wallSeconds` is the run's cumulative wall-clock time.
    public func metricsRow(wallSeconds: Double) -> [Double] {
        [Double(generation), Double(fitnessMean), Double(fitnessMax), Double(fitnessMin), Double(sigmaMean),
         Double(gradientNorm), wallSeconds, Double(fitnessStd), Double(nonFinite),
         Double(bestFitnessSoFar ?? .nan), Double(updateNorm), Double(learningRate)]
    }
}
