/// OpenAI-ES — Salimans, Ho, Chen, Sidor & Sutskever (2017), "Evolution
/// Strategies as a Scalable Alternative to Reinforcement Learning".
///
/// Isotropic Gaussian search θ = μ + σε around the mean; the gradient of the
/// expected (shaped) fitness, from mirrored pairs θ ± σε_p:
///
///     g = 1/(nσ) Σ_i u_i s_i ε_{p(i)} = 1/(nσ) Σ_p (u₊ − u₋) ε_p
///
/// with n the population size. σ follows its schedule; μ moves by the optimizer.
struct OpenAIES: StrategyMath {
    let sigma: Schedule

    func initialSigma(dimension: Int) -> [Float] { [sigma.value(at: 0)] }

    func weights(_ u: PairedUtilities) -> (a: [Float], b: [Float]?) { (u.difference, nil) }

    func update(a: [Float], b: [Float]?, sigma s: inout [Float], populationSize n: Int, noiseCount: Int, next: Int) -> [Float] {
        let scale = 1 / (Float(n) * s[0])
        s = [sigma.value(at: next)]
        return a.map { $0 * scale }
    }
}
