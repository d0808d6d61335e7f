import Config
import Environments

/// A single agent trained on one task: the config `populus train` reads
/// (`algorithm: ppo`).
///
/// ```yaml
/// name: ppo-cartpole
/// seed: 1
/// algorithm: ppo
/// env: CartPole-v1
/// total_steps: 50_000
/// learner: ppo            # or vpg
/// ppo:
///   num_envs: 8
///   learning_rate: 1e-3
/// ```
public struct PPOConfiguration: RunConfiguration, Equatable {
    /// The run directory, `populations/<name>/`.
    public var name = "ppo"
    /// The run seed: the agent's streams are `(seed, ["agent", …])`.
    public var seed: UInt64 = 0
    /// Always `ppo` for this configuration type.
    public var algorithm = Algorithm.ppo
    /// The environment or task family (`populus env list`).
    public var env = "CartPole-v1"
    /// Which task of the family: the `task_index`-th of `task_split` under the run seed.
    public var taskIndex = 0
    /// The split the task is drawn from (`train`, `test`, `ood`).
    public var taskSplit = TaskSplit.train
    /// T_total, the budget in environment steps (learning-rate annealing reaches 0 there).
    public var totalSteps = 50_000
    /// The learning rule: `ppo` (clipped surrogate), `dpo` (DPO's drift) or `vpg` (REINFORCE with a learned baseline).
    public var learner = LearnerKind.ppo
    /// Episodes averaged for `episode_return_mean` in metrics and progress.
    public var returnWindow = 20
    /// The agent's hyperparameters.
    public var ppo = PPOHyperparameters()

    public init() {}

    public func validate(_ check: ConfigValidator) throws {
        try check.require("algorithm", algorithm == .ppo, "ppo (this file is read as a PPO run)")
        _ = try check.family("env", env, split: taskSplit, splitKey: "taskSplit")
        try check.atLeast("taskIndex", taskIndex, 0)
        try check.range("totalSteps", totalSteps, 1...10_000_000_000)
        try check.range("returnWindow", returnWindow, 1...100_000)
    }
}

/// The built-in learning rules an agent can use (a custom `PolicyLoss`
/// replaces them in code, e.g. EPG's evolved loss).
public enum LearnerKind: String, Codable, CaseIterable, Sendable, Hashable {
    /// Proximal Policy Optimization's clipped surrogate (Schulman et al. 2017).
    case ppo
    /// Vanilla policy gradient: REINFORCE with a learned baseline (Williams 1992).
    case vpg
    /// Discovered Policy Optimisation (Lu et al. 2022): PPO with DPO's drift in place of the clip.
    case dpo
}
