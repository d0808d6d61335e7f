import Foundation

/// Separable NES — Schaul, Glasmachers & Schmidhuber (2011), "High
/// Dimensions and Heavy Tails for Natural Evolution Strategies" (Algorithm 2;
/// also Wierstra et al. 2014, §4.2).
///
/// Search θ = μ + σ ⊙ s with a per-coordinate σ. Natural gradients in local
/// coordinates s_i (utilities u_i):
///
///     ∇_μ J = Σ_i u_i s_i        ∇_σ J = Σ_i u_i (s_i² − 1)
///     μ ← μ + η_μ σ ⊙ ∇_μ J       σ ← σ ⊙ exp(η_σ/2 · ∇_σ J)
///
/// η_μ is the optimizer's learning rate (1 with plain SGD in the paper);
/// η_σ defaults to (3 + ln d)/(5√d). Mirrored pairs give the same sums with
/// (u₊ − u₋) on ε and (u₊ + u₋) on ε² − 1.
struct SNES: StrategyMath {
    let sigma0: Float
    let etaSigma: Float

    init(dimension d: Int, sigma0: Float, sigmaLearningRate: Float?) {
        self.sigma0 = sigma0
        etaSigma = sigmaLearningRate ?? Float((3 + log(Double(d))) / (5 * Double(d).squareRoot()))
    }

    func initialSigma(dimension: Int) -> [Float] { [Float](repeating: sigma0, count: dimension) }

    func weights(_ u: PairedUtilities) -> (a: [Float], b: [Float]?) { (u.difference, u.total) }

    func update(a: [Float], b: [Float]?, sigma: inout [Float], populationSize: Int, noiseCount: Int, next: Int) -> [Float] {
        let b = b!
        var g = [Float](repeating: 0, count: a.count)
        for j in a.indices {
            g[j] = sigma[j] * a[j]
            sigma[j] *= Float(exp(Double(etaSigma) / 2 * Double(b[j])))
        }
        return g
    }
}
