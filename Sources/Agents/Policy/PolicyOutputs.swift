import Autodiff

/// What the policy network produces for a batch of observations, as tensors
/// on the step's tape: gradients flow from anything built on them back into θ.
public struct PolicyOutputs {
    /// π_θ(·|s) per row.
    public let distribution: ActionDistribution
    /// V_θ(s), `[B, 1]`; nil when the critic was not evaluated.
    public let value: Tensor?
}

/// The actions of a batch, as a loss or a distribution reads them.
public enum ActionBatch {
    /// One category index per row (discrete action spaces).
    case indices(UnsafeBufferPointer<Int32>)
    /// `[B, D]` continuous actions (a constant tensor).
    case values(Tensor)
}

/// π_θ(·|s): categorical for discrete actions, diagonal Gaussian with a
/// state-independent log σ for continuous ones.
public enum ActionDistribution {
    case categorical(Categorical)
    case gaussian(DiagonalGaussian)

    /// log π_θ(aᵢ|sᵢ), `[B, 1]`.
    public func logProb(_ actions: ActionBatch) -> Tensor {
        switch (self, actions) {
        case let (.categorical(c), .indices(a)): return c.logProb(a)
        case let (.gaussian(g), .values(x)): return g.logProb(x)
        default: preconditionFailure("ActionDistribution.logProb: actions of the other kind (discrete vs continuous)")
        }
    }

    /// H[π_θ(·|sᵢ)], `[B, 1]`.
    public func entropy() -> Tensor {
        switch self {
        case .categorical(let c): return c.entropy()
        case .gaussian(let g): return g.entropy()
        }
    }

    /// KL(self ‖ other) per row, `[B, 1]` (both of the same kind).
    public func kl(to other: ActionDistribution) -> Tensor {
        switch (self, other) {
        case let (.categorical(p), .categorical(q)): return p.kl(to: q)
        case let (.gaussian(p), .gaussian(q)): return p.kl(to: q)
        default: preconditionFailure("ActionDistribution.kl: distributions of different kinds")
        }
    }

    /// The network's raw head: logits `[B, K]` or the Gaussian mean `[B, D]`.
    public var head: Tensor {
        switch self {
        case .categorical(let c): return c.logits
        case .gaussian(let g): return g.mean
        }
    }
}
