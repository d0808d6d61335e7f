import Agents
import Checkpoint
import Config
import Environments

/// A whole `algorithm: pbt` config: a population of PPO agents on one task,
/// their searched hyperparameters drawn from `pbt.hyperparameters`, the rest
/// fixed at the `ppo:` section's values.
///
/// ```yaml
/// name: pbt-cartpole
/// seed: 0
/// algorithm: pbt
/// env: CartPole-v1
/// generations: 20            # ready rounds: each member trains pbt.interval steps per generation
/// pbt: {population_size: 8, interval: 4096, hyperparameters: {learning_rate: {scale: log, min: 1e-5, max: 1e-1}}}
/// ppo: {num_envs: 4, num_steps: 128}
/// ```
///
/// The budget is `generations × interval` environment steps per member.
public struct PBTConfiguration: RunConfiguration, PopulationRunConfiguration, Equatable {
    /// The run's directory, `populations/<name>/`.
    public var name = "pbt"
    /// The run seed: member m's agent streams are `(seed, ["pbt", m, …])`.
    public var seed: UInt64 = 0
    /// Must be `pbt`.
    public var algorithm = Config.Algorithm.pbt
    /// The environment or task family (`populus env list`).
    public var env = "CartPole-v1"
    /// Which task of the family every member trains on: the `task_index`-th of `task_split`.
    public var taskIndex = 0
    /// The split the task is drawn from.
    public var taskSplit = TaskSplit.train
    /// G: generations (ready rounds) to run.
    public var generations = 20
    /// Write a checkpoint every this many generations (and at the end).
    public var checkpointEvery = 5
    /// K: checkpoints kept (the newest).
    public var keepCheckpoints = 3
    /// The members' learning rule: `ppo` or `vpg`.
    public var learner = LearnerKind.ppo
    /// Population, ready criterion, exploit, explore and the searched space.
    public var pbt = PBTSection()
    /// The members' hyperparameters before the searched ones are set (α is
    /// not annealed: PBT schedules it).
    public var ppo: PPOHyperparameters = {
        var h = PPOHyperparameters()
        h.annealLR = false
        return h
    }()

    public init() {}

    /// The searched space. Decoding validated it; a configuration built in
    /// code with an invalid space is refused by `PBTRun.init`, and this is empty.
    public var space: HyperparameterSpace { (try? HyperparameterSpace(pbt.hyperparameters)) ?? .empty }

    /// Per-member budget so far: G × interval environment steps.
    public var stepsPerMember: Int { generations * pbt.interval }

    public func validate(_ check: ConfigValidator) throws {
        try check.require("algorithm", algorithm == .pbt, "pbt (this file is read as a PBT run)")
        do {
            let family = try EnvironmentRegistry.standard.resolve(env)
            if !family.splits.contains(taskSplit) {
                throw check.failure("taskSplit", "'\(taskSplit.rawValue)' is not a split of \(family.name); accepted: "
                                    + family.splits.map(\.rawValue).joined(separator: ", "))
            }
        } catch let error as EnvironmentError {
            throw check.failure("env", "\(error)")
        }
        try check.atLeast("taskIndex", taskIndex, 0)
        try check.range("generations", generations, 1...100_000_000)
        try check.positive("checkpointEvery", checkpointEvery)
        try check.range("keepCheckpoints", keepCheckpoints, 1...1_000_000)
        try check.require("ppo", !ppo.annealLR,
                          "ppo.anneal_lr: false (PBT changes α itself; annealing would tie it to the budget, which `resume --generations` may raise)")
        for name in ["num_minibatches", "minibatch_size"] {
            if let r = pbt.hyperparameters[name], r.upperBound > Double(ppo.batchSize) {
                throw check.failure("pbt", "hyperparameters.\(name) reaches \(Int(r.upperBound)), above the batch num_envs × num_steps = \(ppo.batchSize)")
            }
        }
    }
}
