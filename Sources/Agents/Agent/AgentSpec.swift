import Environments
import Random

/// Everything that defines a fresh agent: the task it lives in, how it
/// learns, its lifetime budget and the identity of its random streams.
///
/// Streams are derived from `(seed, path + [purpose, …])`: initial weights
/// `"init"`, actions `"actions"`, minibatch order `"minibatches"`, episode k
/// of instance i `"env", i, "episode", k`. Give each member of a population
/// its own path (`["pbt", member]`) and they never share a draw.
public struct AgentSpec: Sendable, Equatable, Codable {
    /// The MDP the agent trains in (all its instances share it).
    public var task: AnyTask
    public var hyperparameters: PPOHyperparameters
    /// The built-in rule `train(until:)` uses when no loss is given.
    public var learner: LearnerKind
    /// T_total: the learning rate anneals to 0 here, and `ConcurrentTraining.run` stops here.
    public var lifetimeSteps: Int
    public var seed: UInt64
    public var path: [StreamPathComponent]

    public init(task: AnyTask, hyperparameters: PPOHyperparameters = PPOHyperparameters(),
                learner: LearnerKind = .ppo, lifetimeSteps: Int, seed: UInt64,
                path: [StreamPathComponent] = ["agent"]) {
        self.task = task
        self.hyperparameters = hyperparameters
        self.learner = learner
        self.lifetimeSteps = lifetimeSteps
        self.seed = seed
        self.path = path
    }

    /// The agent a `populus train` config describes: task `task_index` of
    /// `task_split` under the run seed, streams under `(seed, ["agent"])`.
    public init(_ configuration: PPOConfiguration, registry: EnvironmentRegistry = .standard) throws {
        let family = try registry.resolve(configuration.env)
        let task = try family.task(seed: configuration.seed, split: configuration.taskSplit,
                                   index: configuration.taskIndex)
        self.init(task: task, hyperparameters: configuration.ppo, learner: configuration.learner,
                  lifetimeSteps: configuration.totalSteps, seed: configuration.seed)
    }
}
