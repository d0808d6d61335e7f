import Agents
import Autodiff
import Random

/// The inner loop's loss (Houthooft et al. 2018, eq. 2 with the paper's PPO
/// bootstrapping): an agent trained with it minimises
///
///     L = (1 − α)·L_φ + α·L_PPO
///
/// where L_φ is the evolved loss network on a minibatch of the agent's last
/// N steps (`LossNetwork`) and L_PPO the clipped surrogate on the agent's
/// own minibatch. α anneals from 1 to 0 over the first generations of
/// evolution; at test time α = 0 and the evolved loss trains agents alone.
/// At α = 1 the loss *is* `PPOLoss` (no L_φ term is recorded at all, so the
/// updates are PPO's bit for bit; 0·L_φ would also turn an infinite L_φ into NaN).
///
///     let loss = EvolvedLoss(network: net, policy: agent.policy, alpha: 0, ...)
///     agent.train(until: T, loss: &loss)
///
/// Every call of `loss(_:)` appends nothing: the rollout joins the buffer in
/// `prepare`, and the L_φ minibatch is B rows drawn without replacement
/// from the buffer with the loss's own stream (the agent's streams are untouched).
///
/// Non-finite steps are skipped and counted: when L (or, with
/// `checkGradients`, ∂L/∂θ — found by a backward pass of its own) is NaN or
/// ±∞, the loss hands the agent a constant (zero gradient) and sets Adam's
/// step size to 0 for that step, so θ does not move; Adam's moments and step
/// count are put back as they were before the next step (`settle()`).
public struct EvolvedLoss: PolicyLoss {
    public let network: LossNetwork
    public let policy: ActorCritic
    public let buffer: ExperienceBuffer
    /// α, the weight of PPO's loss.
    public let alpha: Double
    /// B, rows per L_φ minibatch.
    public let minibatchSize: Int
    public let memory: MemoryUnits?
    /// Counters of this lifetime (shared with whoever built the loss).
    public let diagnostics: LossDiagnostics
    /// When set, each gradient step also records cos(∇θL_φ, ∇θL_PPO).
    public let probe: GradientProbe?
    var ppo = PPOLoss()
    let rng: RandomStream
    var rowOrder: [Int32]
    var actionScratch: [Int32]
    var memoryPending = false
    /// The agent's optimizer (to hold θ still on a skipped step); nil: no skipping.
    let optimizer: Adam?
    let checkGradients: Bool
    var skipped: (state: OptimizerState, learningRate: Float)?

    /// - `stream`: where minibatch rows are drawn from (derive it from the agent's seed and path).
    public init(network: LossNetwork, policy: ActorCritic, alpha: Double, minibatchSize: Int,
                lifetimeSteps: Int, gamma: Double = 0.99, memoryLearningRate: Float?, stream: RandomStream,
                diagnostics: LossDiagnostics = LossDiagnostics(), probe: GradientProbe? = nil,
                optimizer: Adam? = nil, checkGradients: Bool = true) {
        precondition((0...1).contains(alpha), "EvolvedLoss: α must be in [0, 1]")
        self.network = network
        self.policy = policy
        self.alpha = alpha
        self.minibatchSize = minibatchSize
        buffer = ExperienceBuffer(layout: network.layout, capacity: network.section.bufferSize, lifetimeSteps: lifetimeSteps,
                                  gamma: Float(gamma))
        if let m0 = network.initialMemory {
            memory = MemoryUnits(initial: network.parameters.values(of: m0), learningRate: memoryLearningRate)
        } else {
            memory = nil
        }
        self.diagnostics = diagnostics
        self.probe = probe
        rng = stream
        self.optimizer = optimizer
        self.checkGradients = checkGradients
        rowOrder = (0..<Int32(network.section.bufferSize)).map { $0 }
        actionScratch = [Int32](repeating: 0, count: network.section.bufferSize)
    }

    public mutating func prepare(_ rollout: RolloutBuffer, hyperparameters: PPOHyperparameters) {
        settle()
        buffer.append(rollout)
    }

    /// Finishes the previous gradient step once the agent has taken it:
    /// steps the memory units along the ∂L_φ/∂m its backward pass left, or
    /// puts Adam back as it was before a skipped step. `loss` and `prepare`
    /// call it; call it once more when the lifetime ends.
    public mutating func settle() {
        if memoryPending {
            memory!.step()
            memoryPending = false
        }
        guard let (state, rate) = skipped, let optimizer else { return }
        try! optimizer.restore(state)  // the optimizer's own state: it fits
        if optimizer.rule.learningRate == 0 { optimizer.rule.learningRate = rate }
        skipped = nil
    }

    public mutating func loss(_ inputs: LossInputs) -> LossOutput {
        settle()
        if alpha >= 1 { return ppo.loss(inputs) }
        let evolved = evolvedLoss(on: inputs.tape)
        let value = evolved.scalar
        diagnostics.evolvedSteps += 1
        var output: LossOutput
        if alpha > 0 {
            let p = ppo.loss(inputs)
            output = LossOutput(total: evolved * Float(1 - alpha) + p.total * Float(alpha), policyLoss: value,
                                valueLoss: p.valueLoss)
        } else {
            output = LossOutput(total: evolved, policyLoss: value)
        }
        if let optimizer, !isFinite(output.total, on: inputs.tape) {
            diagnostics.skippedSteps += 1
            skipped = (optimizer.state, optimizer.rule.learningRate)
            optimizer.rule.learningRate = 0
            return LossOutput(total: inputs.tape.scalar(0), policyLoss: value)
        }
        probe?.record(evolved: evolved, inputs: inputs, policy: policy, time: buffer.appended, lifetime: buffer.lifetimeSteps)
        memoryPending = memory?.parameters.trainable ?? false
        return output
    }

    /// The loss's value and (with `checkGradients`) ‖∂L/∂θ‖ are finite.
    func isFinite(_ total: Tensor, on tape: Tape) -> Bool {
        guard total.scalar.isFinite else { return false }
        guard checkGradients else { return true }
        tape.backward(total)
        return policy.parameters.gradientNorm().isFinite
    }

    /// L_φ on the current buffer: π_θ recomputed on every row, a minibatch of
    /// min(B, n) rows drawn without replacement.
    mutating func evolvedLoss(on tape: Tape) -> Tensor {
        let n = buffer.count
        let data = buffer.dataTensor(on: tape)
        let observations = buffer.observationTensor(on: tape)
        let outputs = policy(observations, on: tape, value: false)
        let experience = buffer
        let actions = actionScratch.withUnsafeMutableBufferPointer { experience.actions(on: tape, indices: $0) }
        let columns = PolicyColumns.make(outputs.distribution, actions: actions, rewards: buffer.rewardTensor(on: tape),
                                         returns: buffer.returnTensor(on: tape))
        let mem = memory.map { tape.bind($0.vector) }
        let b = min(minibatchSize, n)
        // Partial Fisher–Yates over 0..<n: the first b entries are the minibatch.
        for i in 0..<n { rowOrder[i] = Int32(i) }
        for i in 0..<b {
            let j = i + rng.integer(below: n - i)
            rowOrder.swapAt(i, j)
        }
        let net = network
        return rowOrder.withUnsafeBufferPointer { order in
            net.loss(data: data, policy: columns, memory: mem, minibatch: UnsafeBufferPointer(rebasing: order[0..<b]))
        }
    }
}

/// What the evolved loss saw in one lifetime.
public final class LossDiagnostics: @unchecked Sendable {
    /// Gradient steps that recorded L_φ.
    public var evolvedSteps = 0
    /// Of those, steps skipped because the loss or its gradient was NaN or ±∞.
    public var skippedSteps = 0
    public init() {}
}
