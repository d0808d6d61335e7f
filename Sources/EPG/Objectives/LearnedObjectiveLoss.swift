import Agents
import Autodiff

/// PPO with a learned drift (LPO): every minibatch minimises
///
///     L = −E[r·Â − D_φ(r, Â)] + c₁·L^VF − c₂·E[H],   D_φ = ReLU(D_base + g_φ)
///
/// computed as the base learner's own loss plus E[D_φ − D_base], with
/// D_base built once on the tape. With φ = 0 the added term is exactly zero
/// and so is every gradient it sends back (its two uses of D_base cancel
/// exactly before reaching r, and g_φ's weights are zero), so an objective
/// whose base is PPO trains agents bit for bit as PPO does.
///
/// For TA-LPO the network also sees the training progress n/N: the agent's
/// environment steps after the rollout being learned from, over its lifetime.
public struct LearnedObjectiveLoss: PolicyLoss {
    public let network: DriftNetwork
    /// D_base: PPO's clip, DPO's drift, or none.
    public let base: BuiltInDrift
    /// N, the lifetime in environment steps (for n/N).
    public let lifetimeSteps: Int
    private var stepsSeen = 0

    public init(network: DriftNetwork, base: BuiltInDrift, lifetimeSteps: Int) {
        precondition(lifetimeSteps > 0, "LearnedObjectiveLoss: the lifetime must be positive")
        self.network = network
        self.base = base
        self.lifetimeSteps = lifetimeSteps
    }

    /// n/N after the current rollout, in [0, 1].
    public var progress: Float { Float(min(stepsSeen, lifetimeSteps)) / Float(lifetimeSteps) }

    public mutating func prepare(_ rollout: RolloutBuffer, hyperparameters: PPOHyperparameters) {
        stepsSeen += rollout.count
    }

    public mutating func loss(_ x: LossInputs) -> LossOutput {
        let network = self.network, progress = self.progress
        return PPOLoss.loss(x, drift: base) { terms in
            let d = terms.driftValues
            return (d + network(terms, progress: progress)).relu() - d
        }
    }
}
