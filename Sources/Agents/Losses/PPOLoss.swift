import Autodiff

/// PPO's loss (Schulman et al. 2017, eq. 9), as CleanRL's `ppo.py`, to minimise:
///
///     rₜ(θ) = exp(log π_θ(aₜ|sₜ) − log π_old(aₜ|sₜ))
///     L^CLIP = E[max(−Âₜ·rₜ, −Âₜ·clip(rₜ, 1 − ε, 1 + ε))]
///     L^VF   = ½·E[(V_θ(sₜ) − R̂ₜ)²]        or, with `clip_vloss`,
///              ½·E[max((V_θ − R̂)², (V_old + clip(V_θ − V_old, −ε, ε) − R̂)²)]
///     L      = L^CLIP − c₂·E[H[π_θ(·|sₜ)]] + c₁·L^VF
///
/// ε, c₁, c₂ are read from the agent's hyperparameters at every minibatch,
/// so PBT's changes take effect at the next update.
public struct PPOLoss: PolicyLoss {
    public init() {}

    public mutating func loss(_ x: LossInputs) -> LossOutput {
        let h = x.hyperparameters
        let eps = Float(h.clipCoef)
        let ratio = (x.logProb - x.oldLogProb).exp()
        let negAdv = -x.advantages
        let surrogate = maximum(negAdv * ratio, negAdv * ratio.clamped(min: 1 - eps, max: 1 + eps)).mean()
        var total = surrogate
        var valueLoss = Float.nan
        if h.vfCoef > 0 {
            let v = x.value
            let unclipped = (v - x.returns).squared()
            let vl: Tensor
            if h.clipVloss {
                let clippedValue = x.oldValues + (v - x.oldValues).clamped(min: -eps, max: eps)
                vl = maximum(unclipped, (clippedValue - x.returns).squared()).mean() * 0.5
            } else {
                vl = unclipped.mean() * 0.5
            }
            valueLoss = vl.scalar
            total = total + vl * Float(h.vfCoef)
        }
        if h.entCoef > 0 {
            total = total - x.entropy.mean() * Float(h.entCoef)
        }
        return LossOutput(total: total, policyLoss: surrogate.scalar, valueLoss: valueLoss)
    }
}
