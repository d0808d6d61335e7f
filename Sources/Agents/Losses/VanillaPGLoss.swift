import Autodiff

/// Vanilla policy gradient: REINFORCE (Williams 1992) with a learned baseline
/// V_θ, one gradient step per rollout on the whole batch:
///
///     L = −E[log π_θ(aₜ|sₜ)·Âₜ] − c₂·E[H[π_θ(·|sₜ)]] + c₁·½·E[(V_θ(sₜ) − R̂ₜ)²]
///
/// with Â from GAE (λ = 1 gives the Monte-Carlo return minus the baseline).
/// It ignores `clip_coef`, `clip_vloss`, `update_epochs` and `num_minibatches`
/// (a second pass over the same data would be off-policy).
public struct VanillaPGLoss: PolicyLoss {
    public init() {}

    public func schedule(_ h: PPOHyperparameters) -> UpdateSchedule {
        UpdateSchedule(epochs: 1, minibatches: 1, shuffle: false)
    }

    public mutating func loss(_ x: LossInputs) -> LossOutput {
        let h = x.hyperparameters
        let policyTerm = -(x.logProb * x.advantages).mean()
        var total = policyTerm
        var valueLoss = Float.nan
        if h.vfCoef > 0 {
            let vl = (x.value - x.returns).squared().mean() * 0.5
            valueLoss = vl.scalar
            total = total + vl * Float(h.vfCoef)
        }
        if h.entCoef > 0 {
            total = total - x.entropy.mean() * Float(h.entCoef)
        }
        return LossOutput(total: total, policyLoss: policyTerm.scalar, valueLoss: valueLoss)
    }
}
