import Autodiff

/// PPO's loss (Schulman et al. 2017, eq. 9), as CleanRL's `ppo.py`, to minimise:
///
///     rₜ(θ) = exp(log π_θ(aₜ|sₜ) − log π_old(aₜ|sₜ))
///     L^CLIP = E[max(−Âₜ·rₜ, −Âₜ·clip(rₜ, 1 − ε, 1 + ε))]
///     L^VF   = ½·E[(V_θ(sₜ) − R̂ₜ)²]        or, with `clip_vloss`,
///              ½·E[max((V_θ − R̂)², (V_old + clip(V_θ − V_old, −ε, ε) − R̂)²)]
///     L      = L^CLIP − c₂·E[H[π_θ(·|sₜ)]] + c₁·L^VF
///
/// In the mirror-learning view (Kuba et al. 2022; Lu et al. 2022) the policy
/// term is −E[r·Â − D(r, Â)] with a drift D ≥ 0 that is zero, with zero
/// gradient, at r = 1: PPO's clip is D = ReLU((r − clip(r))·Â), and `drift`
/// can name DPO's closed form instead (`BuiltInDrift`). A learned objective
/// adds a term of its own to the policy term (`loss(_:drift:extra:)`).
///
/// ε, c₁, c₂ are read from the agent's hyperparameters at every minibatch,
/// so PBT's changes take effect at the next update.
public struct PPOLoss: PolicyLoss {
    /// The drift of the policy term: PPO's clip (the default) or DPO's.
    public var drift: BuiltInDrift

    public init(drift: BuiltInDrift = .clip) { self.drift = drift }

    public mutating func loss(_ x: LossInputs) -> LossOutput { Self.loss(x, drift: drift, extra: nil) }

    /// The loss with `extra(terms)` — a `[B, 1]` tensor on the tape — averaged
    /// into the policy term: −E[r·Â − D(r, Â)] + E[extra]. With `extra` nil
    /// this is exactly the loss above, op for op.
    public static func loss(_ x: LossInputs, drift: BuiltInDrift,
                            extra: ((PolicyTerms) -> Tensor)?) -> LossOutput {
        let h = x.hyperparameters
        let eps = Float(h.clipCoef)
        let terms = PolicyTerms(tape: x.tape, logRatio: x.logProb - x.oldLogProb, advantages: x.advantages,
                                epsilon: eps, drift: drift)
        var surrogate = terms.surrogate
        if let extra { surrogate = surrogate + extra(terms).mean() }
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

/// The pieces of one minibatch's policy term, on the tape: log r, r, Â, ε,
/// the built-in drift D and its surrogate −E[r·Â − D].
public struct PolicyTerms {
    public let tape: Tape
    public let drift: BuiltInDrift
    /// log r = log π_θ(a|s) − log π_old(a|s), `[B, 1]`.
    public let logRatio: Tensor
    /// r, `[B, 1]`.
    public let ratio: Tensor
    /// Â (normalised within the minibatch when `norm_adv`), `[B, 1]`.
    public let advantages: Tensor
    /// ε, the clip range.
    public let epsilon: Float

    /// The terms of `logRatio` and `advantages` (`[B, 1]` tensors on `tape`).
    public init(tape: Tape, logRatio: Tensor, advantages: Tensor, epsilon: Float, drift: BuiltInDrift) {
        self.tape = tape
        self.drift = drift
        self.logRatio = logRatio
        ratio = logRatio.exp()
        self.advantages = advantages
        self.epsilon = epsilon
    }

    /// −E[r·Â − D(r, Â)] for the built-in drift; for the clip, PPO's L^CLIP
    /// computed as PPO computes it, E[max(−Â·r, −Â·clip(r, 1 − ε, 1 + ε))].
    public var surrogate: Tensor {
        switch drift {
        case .clip:
            let negAdv = -advantages
            return maximum(negAdv * ratio, negAdv * ratio.clamped(min: 1 - epsilon, max: 1 + epsilon)).mean()
        case .dpo, .none:
            return (driftValues - advantages * ratio).mean()
        }
    }

    /// D(r, Â) of the built-in drift, per sample `[B, 1]` (a new branch of the tape at every read).
    public var driftValues: Tensor {
        switch drift {
        case .clip:
            return ((ratio - ratio.clamped(min: 1 - epsilon, max: 1 + epsilon)) * advantages).relu()
        case let .dpo(alpha, beta):
            // u − c·tanh(u/c) with u = (r − 1)·Â, c = α where Â ≥ 0; u = log r·Â, c = β where Â < 0.
            let advantages = self.advantages
            let positive = tape.constant(rows: advantages.rows, cols: 1) { out in
                advantages.withUnsafeValues { a in
                    for i in 0..<a.count { out[i] = a[i] >= 0 ? 1 : 0 }
                }
            }
            let up = (ratio - 1) * advantages, un = logRatio * advantages
            let dp = (up - (up / alpha).tanh() * alpha).relu()
            let dn = (un - (un / beta).tanh() * beta).relu()
            return dp * positive + dn * (1 - positive)
        case .none:
            return tape.constant(rows: ratio.rows, cols: 1) { out in
                for i in 0..<ratio.rows { out[i] = 0 }
            }
        }
    }
}

/// The closed-form drifts an agent can learn with.
public enum BuiltInDrift: Sendable, Equatable, Hashable {
    /// PPO's clip, D = ReLU((r − clip(r, 1 − ε, 1 + ε))·Â).
    case clip
    /// Discovered Policy Optimisation (Lu et al. 2022), distilled from LPO:
    /// D = ReLU(u − α·tanh(u/α)), u = (r − 1)·Â, when Â ≥ 0;
    /// D = ReLU(u − β·tanh(u/β)), u = log r·Â, when Â < 0.
    case dpo(alpha: Float, beta: Float)
    /// No drift: the plain importance-sampled policy gradient E[r·Â].
    case none

    /// DPO with the paper's constants α = 2, β = 0.6.
    public static let dpo = BuiltInDrift.dpo(alpha: 2, beta: 0.6)
}
