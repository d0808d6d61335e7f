import Random

/// Explore's two moves (Jaderberg et al. 2017, §3 "explore"): `perturb`
/// multiplies by a factor drawn from `factors`; `resample` draws afresh from
/// the prior with probability p, per hyperparameter.
public struct ExploreRule: Sendable, Equatable {
    /// The factors a perturbation multiplies by, drawn uniformly (default 0.8 and 1.2).
    public var factors: [Double]
    /// p: the chance that a hyperparameter is resampled from its prior instead of perturbed.
    public var resampleProbability: Double

    public init(factors: [Double] = [0.8, 1.2], resampleProbability: Double = 0.25) {
        precondition(!factors.isEmpty && factors.allSatisfy { $0.isFinite && $0 > 0 }, "perturbation factors must be finite and > 0")
        precondition((0...1).contains(resampleProbability), "p must lie in [0, 1]")
        self.factors = factors
        self.resampleProbability = resampleProbability
    }
}

extension HyperparameterSpace {
    /// Explore from `x`: each hyperparameter independently is resampled from
    /// its prior with probability p, otherwise perturbed:
    ///
    /// - linear, log: v·f, clamped to [min, max]
    /// - log-complement: 1 − (1 − v)·f, clamped
    /// - integer: round(v·f), at least one step in f's direction, clamped
    /// - choice: a neighbour in the list (either side with equal chance; the
    ///   only one at an end)
    ///
    /// with f drawn uniformly from `rule.factors`. The result is always inside
    /// the space (`contains`), whatever `x` was.
    public func explore(_ x: [Double], rule: ExploreRule, rng: RandomStream) -> [Double] {
        precondition(x.count == dimensions.count, "a point of \(x.count) values for \(dimensions.count) dimensions")
        var out = x
        for i in dimensions.indices {
            if rng.uniform() < rule.resampleProbability {
                out[i] = sample(i, rng)
            } else {
                out[i] = perturb(x[i], i, factor: rule.factors[rng.integer(below: rule.factors.count)], rng: rng)
            }
        }
        return out
    }

    /// One perturbation of dimension `i` by `factor` (choices ignore the factor).
    public func perturb(_ v: Double, _ i: Int, factor f: Double, rng: RandomStream) -> Double {
        let r = dimensions[i].range
        switch r.scale {
        case .linear, .log:
            return clamp(v * f, i)
        case .logComplement:
            return clamp(1 - (1 - v) * f, i)
        case .integer:
            let base = clamp(v, i)
            var moved = (base * f).rounded()
            if moved == base { moved = base + (f > 1 ? 1 : f < 1 ? -1 : 0) }
            return clamp(moved, i)
        case .choice:
            let c = r.choices!
            let k = nearestIndex(of: v, in: c)
            guard c.count > 1 else { return c[0] }
            if k == 0 { return c[1] }
            if k == c.count - 1 { return c[k - 1] }
            return c[rng.bernoulli(0.5) ? k + 1 : k - 1]
        }
    }
}
