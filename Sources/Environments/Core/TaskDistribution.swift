import Random

/// Which stream of tasks to draw from.
///
/// `train` and `test` follow the same distribution with disjoint seeds (their
/// streams are derived under different labels); `ood` draws from outside the
/// training distribution (other parameter ranges, the other half of a circle,
/// larger mazes) where the family defines it.
public enum TaskSplit: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    case train, test, ood
    public var description: String { rawValue }
}

/// What a task (one MDP's parameters) must be: storable in checkpoints,
/// printable in logs, comparable in tests.
public protocol TaskValue: Codable, Sendable, Equatable, CustomStringConvertible {}

extension TaskValue {
    /// Equality across the existential `any TaskValue`.
    func isEqual(to other: any TaskValue) -> Bool {
        guard let other = other as? Self else { return false }
        return self == other
    }
}

/// A distribution over MDPs p(M) — the object meta-RL learns across. A family
/// samples tasks from random streams and builds an environment for a task.
/// Fixed environments (Gymnasium's classic control) are families with a
/// single task.
///
///     let family = CartPoleFamily.randomized
///     let task = try family.task(seed: 7, split: .train, index: 3)
///     var env = family.makeEnvironment(task)
public protocol TaskDistribution: Sendable {
    associatedtype Task: TaskValue
    associatedtype Env: Environment

    /// The registry name (`cartpole-random`).
    var name: String { get }
    /// One sentence for `populus env list`.
    var summary: String { get }
    /// The splits this family defines (always `train` and `test`).
    var splits: [TaskSplit] { get }
    /// Observation space of every environment of the family.
    var observationSpace: Space { get }
    /// Action space of every environment of the family.
    var actionSpace: Space { get }

    /// Draws a task of `split` (one of `splits`) from `stream`.
    func sample(_ split: TaskSplit, stream: RandomStream) -> Task
    /// The environment of `task`.
    func makeEnvironment(_ task: Task) -> Env
}

extension TaskDistribution {
    /// The `index`-th task of `split` under `seed`: drawn from the stream
    /// `(seed, ["task", name, split, index])`, so any task can be recomputed
    /// alone, and `train`/`test` never share a stream.
    public func task(seed: UInt64, split: TaskSplit, index: Int) throws -> Task {
        guard splits.contains(split) else {
            throw EnvironmentError.unsupportedSplit(
                family: name, split: split.rawValue, accepted: splits.map(\.rawValue))
        }
        return sample(split, stream: taskStream(seed: seed, family: name, split: split, index: index))
    }

    /// Tasks `0..<count` of `split` under `seed`.
    public func tasks(seed: UInt64, split: TaskSplit, count: Int) throws -> [Task] {
        try (0..<count).map { try task(seed: seed, split: split, index: $0) }
    }
}

/// The stream task `index` of `split` is drawn from: `(seed, ["task", family, split, index])`.
func taskStream(seed: UInt64, family: String, split: TaskSplit, index: Int) -> RandomStream {
    RandomStream(seed: seed, path: ["task", .label(family), .label(split.rawValue), .init(index)])
}
