/// PGPE — Sehnke, Osendorfer, Rückstieß, Graves, Peters & Schmidhuber
/// (2010), "Parameter-exploring policy gradients", with symmetric sampling
/// and the σ step bounded as in Toklu et al. (2020) / evotorch.
///
/// Symmetric samples θ± = μ ± δ_p, δ_p = σ ⊙ ε_p, over P pairs:
///
///     ∇_μ = 1/P Σ_p (u₊ − u₋)/2 · δ_p
///     ∇_σ = 1/P Σ_p ((u₊ + u₋)/2 − ū) · (δ_p² − σ²)/σ  = σ/P Σ_p (…)(ε_p² − 1)
///     σ ← clip(σ + η_σ ∇_σ, σ(1 − c), σ(1 + c))
///
/// with ū the mean utility (the baseline). μ moves by the optimizer
/// (ClipUp is the usual choice).
struct PGPE: StrategyMath {
    let sigma0: Float
    let sigmaLearningRate: Float
    let maxSigmaChange: Float

    func initialSigma(dimension: Int) -> [Float] { [Float](repeating: sigma0, count: dimension) }

    func weights(_ u: PairedUtilities) -> (a: [Float], b: [Float]?) {
        (u.difference.map { $0 / 2 }, u.total.map { $0 / 2 - u.mean })
    }

    func update(a: [Float], b: [Float]?, sigma: inout [Float], populationSize: Int, noiseCount pairs: Int, next: Int) -> [Float] {
        let b = b!
        let inv = 1 / Float(pairs)
        var g = [Float](repeating: 0, count: a.count)
        for j in a.indices {
            let s = sigma[j]
            g[j] = s * a[j] * inv
            let proposed = s + sigmaLearningRate * s * b[j] * inv
            sigma[j] = min(max(proposed, s * (1 - maxSigmaChange)), s * (1 + maxSigmaChange))
        }
        return g
    }
}
