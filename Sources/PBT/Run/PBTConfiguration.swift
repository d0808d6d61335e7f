import Agents
import Config
import Environments
import Runs

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
public typealias PBTConfiguration = PopulationConfiguration<PBTSections>

/// The sections of a `pbt` config after the header.
public struct PBTSections: RunSections {
    /// Which task of the family every member trains on: the `task_index`-th of `task_split`.
    public var taskIndex = 0
    /// The split the task is drawn from.
    public var taskSplit = TaskSplit.train
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

    public static var algorithm: Algorithm { .pbt }
    public static var defaultHeader: PopulationHeaderDefaults {
        PopulationHeaderDefaults(name: "pbt", env: "CartPole-v1", generations: 20, checkpointEvery: 5)
    }
    /// G × interval steps per member stays far from overflow.
    public static var maxGenerations: Int { 100_000_000 }

    /// The searched space. Decoding validated it; a configuration built in
    /// code with an invalid space is refused by `PBTRun.init`, and this is empty.
    public var space: HyperparameterSpace { (try? HyperparameterSpace(pbt.hyperparameters)) ?? .empty }

    public func validate(_ check: ConfigValidator, env: String) throws {
        _ = try check.family("env", env, split: taskSplit, splitKey: "taskSplit")
        try check.atLeast("taskIndex", taskIndex, 0)
        try check.require("ppo", !ppo.annealLR,
                          "ppo.anneal_lr: false (PBT changes α itself; annealing would tie it to the budget, which `resume --generations` may raise)")
        for name in ["num_minibatches", "minibatch_size"] {
            if let r = pbt.hyperparameters[name], r.upperBound > Double(ppo.batchSize) {
                throw check.failure("pbt", "hyperparameters.\(name) reaches \(Int(r.upperBound)), above the batch num_envs × num_steps = \(ppo.batchSize)")
            }
        }
    }
}

extension PopulationConfiguration where Sections == PBTSections {
    /// Per-member budget so far: G × interval environment steps.
    public var stepsPerMember: Int { generations * sections.pbt.interval }
}
