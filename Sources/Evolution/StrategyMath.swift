/// The part of a strategy that is its paper: how shaped utilities weight the
/// noise, and how the weighted sums become a gradient for μ and a new σ.
/// Everything else (sampling, shaping, best-so-far, weight decay, the
/// optimizer, schedules, metrics) lives once in `Strategy`.
///
/// The base hands the math the per-coordinate sums over noise indices p
///
///     A_j = Σ_p a_p ε_pj        B_j = Σ_p b_p (ε_pj² − 1)
///
/// for the weights (a, b) the math chose, rebuilt block by block from the
/// noise streams (never a stored matrix).
protocol StrategyMath: Sendable {
    /// σ at generation 0: one value (isotropic) or `dimension` values.
    func initialSigma(dimension: Int) -> [Float]
    /// The weights (a_p, b_p); b nil when the math needs no σ statistics.
    func weights(_ u: PairedUtilities) -> (a: [Float], b: [Float]?)
    /// The ASCENT direction for μ (fitness is maximised) from the sums, and
    /// σ updated in place for generation `next`.
    func update(a: [Float], b: [Float]?, sigma: inout [Float], populationSize: Int, noiseCount: Int, next: Int) -> [Float]
}

extension StrategyConfiguration {
    /// The math of `algorithm` with this configuration's hyperparameters.
    func math(dimension: Int) -> any StrategyMath {
        switch algorithm {
        case .openAIES: return OpenAIES(sigma: sigma)
        case .snes: return SNES(dimension: dimension, sigma0: sigma.initial, sigmaLearningRate: sigmaLearningRate)
        case .pgpe: return PGPE(sigma0: sigma.initial, sigmaLearningRate: sigmaLearningRate ?? 0.1,
                                maxSigmaChange: maxSigmaChange)
        }
    }
}
