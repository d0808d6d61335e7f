import Agents
import Config

/// The `inner:` section: one agent lifetime (Houthooft et al. 2018, §3 and
/// appendix; their defaults M = 64, N = 512, B = 32, lr = 10⁻³). The PPO
/// fields shape the α·L_PPO term while α > 0 (and nothing after).
///
/// ```yaml
/// inner:
///   lifetime_steps: 6400        # T
///   update_every: 64            # M
///   minibatch_size: 32          # B
///   learning_rate: 1e-3
///   hidden_sizes: [64, 64]
/// ```
public struct InnerLoopSection: ConfigSection, Sendable, Equatable, Hashable {
    /// T: environment steps in one lifetime (set it per task family).
    public var lifetimeSteps = 6_400
    /// M: environment steps between updates (one environment instance).
    public var updateEvery = 64
    /// B: rows per minibatch (L_φ draws them from the last N steps; PPO from the last M).
    public var minibatchSize = 32
    /// Passes per update: each pass takes M/B gradient steps.
    public var updateEpochs = 1
    /// The inner Adam's step size.
    public var learningRate = 1e-3
    /// Adam's ε.
    public var adamEpsilon = 1e-5
    /// Rescale ∇θ above this global norm (null: never).
    public var maxGradNorm: Double? = 0.5
    /// Widths of the policy MLP's hidden layers (the critic, used by PPO's term, has the same).
    public var hiddenSizes = [64, 64]
    /// Nonlinearity of the policy's hidden layers.
    public var activation = ActivationName.tanh
    /// Initial log σ of a Gaussian policy.
    public var initLogStd = 0.0
    /// γ of PPO's term.
    public var gamma = 0.99
    /// λ of PPO's GAE.
    public var gaeLambda = 0.95
    /// ε, PPO's clip range.
    public var clipCoef = 0.2
    /// c₂, PPO's entropy weight.
    public var entCoef = 0.0
    /// c₁, PPO's value-loss weight.
    public var vfCoef = 0.5
    /// Skip a step when ∂L/∂θ is not finite, found by an extra backward pass
    /// (false: only a non-finite loss value is caught, which is cheaper).
    public var checkGradients = true

    public init() {}

    /// The agent's hyperparameters: one instance, rollouts of M steps, M/B
    /// minibatches per pass, no learning-rate annealing, no normalisation.
    public var hyperparameters: PPOHyperparameters {
        var h = PPOHyperparameters()
        h.numEnvs = 1
        h.numSteps = updateEvery
        h.gamma = gamma
        h.gaeLambda = gaeLambda
        h.learningRate = learningRate
        h.annealLR = false
        h.updateEpochs = updateEpochs
        h.numMinibatches = max(1, updateEvery / minibatchSize)
        h.normAdv = true
        h.clipCoef = clipCoef
        h.clipVloss = true
        h.entCoef = entCoef
        h.vfCoef = vfCoef
        h.maxGradNorm = maxGradNorm
        h.targetKL = nil
        h.adamEpsilon = adamEpsilon
        h.hiddenSizes = hiddenSizes
        h.activation = activation
        h.sharedTorso = false
        h.initLogStd = initLogStd
        h.normObs = false
        h.normReward = false
        return h
    }

    public func validate(_ check: ConfigValidator) throws {
        try check.range("lifetimeSteps", lifetimeSteps, 1...1_000_000_000)
        try check.range("updateEvery", updateEvery, 1...1_000_000)
        try check.require("lifetimeSteps", lifetimeSteps >= updateEvery, "at least update_every (\(updateEvery)) steps")
        try check.range("minibatchSize", minibatchSize, 1...1_000_000)
        try check.require("minibatchSize", minibatchSize <= updateEvery, "at most update_every (\(updateEvery))")
        try check.range("updateEpochs", updateEpochs, 1...1_000)
        try check.positive("learningRate", learningRate)
        try check.atMost("learningRate", learningRate, 1)
        try check.positive("adamEpsilon", adamEpsilon)
        if let maxGradNorm { try check.positive("maxGradNorm", maxGradNorm) }
        try check.positive("hiddenSizes", each: hiddenSizes)
        try check.range("initLogStd", initLogStd, -20...5)
        try check.range("gamma", gamma, 0...1)
        try check.range("gaeLambda", gaeLambda, 0...1)
        try check.positive("clipCoef", clipCoef)
        try check.atLeast("entCoef", entCoef, 0)
        try check.atLeast("vfCoef", vfCoef, 0)
    }
}
