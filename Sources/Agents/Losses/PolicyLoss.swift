import Autodiff

/// A learning rule: builds the scalar loss of one minibatch on the agent's
/// tape from the policy's outputs. The agent then runs `backward`, clips the
/// global gradient norm and steps Adam. PPO's clipped surrogate
/// (`PPOLoss`) and vanilla PG (`VanillaPGLoss`) are two conformances; EPG
/// supplies a loss computed by its own network:
///
///     struct EvolvedLoss: PolicyLoss {
///         let phi: ParameterSet          // trainable = false: φ is read, not trained
///         let network: MLP
///         mutating func loss(_ x: LossInputs) -> LossOutput {
///             // features: log π_θ(a|s) (θ-dependent) next to rollout constants
///             let features = concat([x.logProb, x.advantages, x.returns], axis: 1)
///             return LossOutput(total: network(features).mean())
///         }
///     }
///     agent.train(until: 100_000, loss: &evolved)
///
/// Everything θ-dependent in `LossInputs` (`outputs`, `logProb`, `entropy`)
/// carries gradients back into the policy; the rest are constants.
public protocol PolicyLoss {
    /// Epochs and minibatches per rollout. Default: `update_epochs` passes of
    /// `num_minibatches` shuffled minibatches.
    func schedule(_ hyperparameters: PPOHyperparameters) -> UpdateSchedule
    /// Called once per rollout, after the advantages are computed and before
    /// the first minibatch (a loss reading the whole rollout prepares here).
    mutating func prepare(_ rollout: RolloutBuffer, hyperparameters: PPOHyperparameters)
    /// The loss of one minibatch.
    mutating func loss(_ inputs: LossInputs) -> LossOutput
}

extension PolicyLoss {
    public func schedule(_ h: PPOHyperparameters) -> UpdateSchedule {
        UpdateSchedule(epochs: h.updateEpochs, minibatches: h.numMinibatches, shuffle: true)
    }

    public mutating func prepare(_ rollout: RolloutBuffer, hyperparameters: PPOHyperparameters) {}
}

/// How one rollout is turned into gradient steps.
public struct UpdateSchedule: Sendable, Equatable {
    /// Passes over the rollout.
    public var epochs: Int
    /// Minibatches per pass (rows split as evenly as possible).
    public var minibatches: Int
    /// Draw a fresh permutation of the rows each pass; false keeps rollout
    /// order, so a minibatch is a run of whole trajectories (env-major rows).
    public var shuffle: Bool

    public init(epochs: Int, minibatches: Int, shuffle: Bool = true) {
        precondition(epochs >= 1 && minibatches >= 1, "UpdateSchedule: epochs and minibatches must be ≥ 1")
        self.epochs = epochs
        self.minibatches = minibatches
        self.shuffle = shuffle
    }
}

/// One minibatch as a loss sees it. Tensors live on `tape` until its next
/// reset; constants are `[B, 1]` unless noted.
public struct LossInputs {
    /// The agent's tape: build the loss on it (bind your own parameters here).
    public let tape: Tape
    /// π_θ(·|s) and V_θ(s) for the minibatch's observations (θ-dependent).
    public let outputs: PolicyOutputs
    /// log π_θ(a|s) of the actions taken (θ-dependent).
    public let logProb: Tensor
    /// H[π_θ(·|s)] (θ-dependent).
    public let entropy: Tensor
    /// V_θ(s) (θ-dependent).
    public var value: Tensor { outputs.value! }
    /// log π_old(a|s), recorded while acting.
    public let oldLogProb: Tensor
    /// Â (normalised within the minibatch when `norm_adv`).
    public let advantages: Tensor
    /// R̂ = Â + V_old(s), the value targets.
    public let returns: Tensor
    /// V_old(s), recorded while acting.
    public let oldValues: Tensor
    /// s, `[B, observationSize]` (normalised when `norm_obs`).
    public let observations: Tensor
    /// a: indices (discrete) or a `[B, D]` tensor (continuous).
    public let actions: ActionBatch
    /// The rollout rows of this minibatch (`e·T + t`), in minibatch order.
    public let rows: UnsafeBufferPointer<Int32>
    /// The whole rollout (read it for context beyond the minibatch).
    public let rollout: RolloutBuffer
    /// The agent's hyperparameters for this update.
    public let hyperparameters: PPOHyperparameters
    /// Pass and minibatch index within the update.
    public let epoch: Int
    public let minibatch: Int
}

/// What a loss returns: the scalar to differentiate, and optional
/// diagnostics for the learning curve (NaN when a loss has no such term).
public struct LossOutput {
    /// The 1 × 1 loss whose gradient the optimizer follows.
    public var total: Tensor
    /// The policy term's value (PPO: the clipped surrogate).
    public var policyLoss: Float
    /// The value term's value, before `vf_coef`.
    public var valueLoss: Float

    public init(total: Tensor, policyLoss: Float = .nan, valueLoss: Float = .nan) {
        self.total = total
        self.policyLoss = policyLoss
        self.valueLoss = valueLoss
    }
}
