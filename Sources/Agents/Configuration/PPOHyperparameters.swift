import Autodiff
import Config

/// Everything that shapes one agent's learning: the network, the rollout and
/// the update. The `ppo:` section of a config; names follow CleanRL's
/// `ppo.py` (Huang et al. 2022), symbols the PPO paper (Schulman et al. 2017)
/// and GAE (Schulman et al. 2016); the defaults are CleanRL's. Vanilla PG
/// reads the same fields and ignores the clipping and the epoch/minibatch schedule.
///
/// ```yaml
/// ppo:
///   num_envs: 8
///   num_steps: 32
///   learning_rate: 1e-3
///   gamma: 0.98
///   gae_lambda: 0.8
///   update_epochs: 20
/// ```
///
/// Population algorithms change these between intervals (PBT's explore
/// step): `agent.hyperparameters.learningRate *= 1.2`.
public struct PPOHyperparameters: ConfigSection, Sendable, Equatable, Hashable {
    // MARK: Rollout

    /// N, environment instances stepped together (each batch holds N·T transitions).
    public var numEnvs = 4
    /// T, steps per instance between updates (the rollout horizon).
    public var numSteps = 128
    /// γ, the discount factor of the return.
    public var gamma = 0.99
    /// λ, GAE's bias–variance trade-off (1: Monte-Carlo returns minus the baseline).
    public var gaeLambda = 0.95

    // MARK: Update

    /// α, Adam's step size.
    public var learningRate = 2.5e-4
    /// Anneal α linearly to 0 over the agent's lifetime budget (`total_steps`).
    public var annealLR = true
    /// K, passes over each rollout.
    public var updateEpochs = 4
    /// Minibatches per pass: each holds N·T / num_minibatches transitions.
    public var numMinibatches = 4
    /// Normalise advantages to zero mean and unit variance in each minibatch.
    public var normAdv = true
    /// ε, the clip range of the probability ratio r = π_θ(a|s) / π_θold(a|s).
    public var clipCoef = 0.2
    /// Clip the value function's change to ±ε around its old prediction as well.
    public var clipVloss = true
    /// c₂, weight of the entropy bonus H[π_θ(·|s)].
    public var entCoef = 0.01
    /// c₁, weight of the value loss ½(V_θ(s) − R̂)².
    public var vfCoef = 0.5
    /// Global ‖∇θ‖₂ above which gradients are rescaled (null: no clipping).
    public var maxGradNorm: Double? = 0.5
    /// Stop the update early once the approximate KL(π_old ‖ π_θ) of a minibatch exceeds 1.5 × this (null: never).
    public var targetKL: Double? = nil
    /// Adam's ε (CleanRL and Stable-Baselines3 use 1e-5).
    public var adamEpsilon = 1e-5

    // MARK: Network

    /// Widths of the hidden layers of the actor and of the critic.
    public var hiddenSizes = [64, 64]
    /// Nonlinearity after each hidden layer.
    public var activation = ActivationName.tanh
    /// One torso for actor and critic (two heads) instead of two separate networks.
    public var sharedTorso = false
    /// Initial log σ of the Gaussian policy (continuous actions; state-independent, learned).
    public var initLogStd = 0.0

    // MARK: Normalisation

    /// Normalise observations by a running mean and standard deviation.
    public var normObs = false
    /// Scale rewards by the running standard deviation of the discounted return (as Stable-Baselines3's VecNormalize).
    public var normReward = false
    /// Normalised observations and scaled rewards are clipped to ±this.
    public var clipObs = 10.0

    public init() {}

    /// N·T, transitions per rollout.
    public var batchSize: Int { numEnvs * numSteps }
    /// Transitions per minibatch (the last minibatch takes the remainder).
    public var minibatchSize: Int { batchSize / numMinibatches }

    public func validate(_ check: ConfigValidator) throws {
        try check.range("numEnvs", numEnvs, 1...Self.maxEnvs)
        try check.range("numSteps", numSteps, 1...Self.maxSteps)
        try check.range("gamma", gamma, 0...1)
        try check.range("gaeLambda", gaeLambda, 0...1)
        try check.positive("learningRate", learningRate)
        try check.atMost("learningRate", learningRate, 1)
        try check.range("updateEpochs", updateEpochs, 1...10_000)
        try check.atLeast("numMinibatches", numMinibatches, 1)
        try check.require("numMinibatches", numMinibatches <= batchSize,
                          "1 ≤ num_minibatches ≤ num_envs × num_steps (\(batchSize))")
        try check.positive("clipCoef", clipCoef)
        try check.atLeast("entCoef", entCoef, 0)
        try check.atLeast("vfCoef", vfCoef, 0)
        if let maxGradNorm { try check.positive("maxGradNorm", maxGradNorm) }
        if let targetKL { try check.positive("targetKL", targetKL) }
        try check.positive("adamEpsilon", adamEpsilon)
        try check.positive("hiddenSizes", each: hiddenSizes)
        try check.range("initLogStd", initLogStd, -20...5)
        try check.positive("clipObs", clipObs)
        try check.require("numSteps", batchSize <= Self.maxBatch, "num_envs × num_steps ≤ 50,000,000")
    }

    /// The largest N, T and N·T a config (or a restored agent's spec) may ask for.
    public static let maxEnvs = 4096
    public static let maxSteps = 1_000_000
    public static let maxBatch = 50_000_000
}

/// The nonlinearities a config may name (`activation: tanh`).
public enum ActivationName: String, Codable, CaseIterable, Sendable, Hashable {
    case tanh, relu, sigmoid, softplus, identity
    case leakyRelu = "leaky_relu"

    /// The engine's activation.
    public var activation: Activation {
        switch self {
        case .tanh: return .tanh
        case .relu: return .relu
        case .sigmoid: return .sigmoid
        case .softplus: return .softplus
        case .identity: return .identity
        case .leakyRelu: return .leakyRelu(0.01)
        }
    }
}
