import Random

/// Any family behind one type, as the registry hands it out: configs name a
/// family (`env: cartpole-random`) and get this. Tasks travel as `AnyTask`.
///
///     let family = try EnvironmentRegistry.standard.resolve("CartPole-v1")
///     let task = try family.task(seed: 1, split: .train, index: 0)
///     var env = try family.makeEnvironment(task)        // any Environment
///     let batch = try family.makeBatch(tasks: Array(repeating: task, count: 8), seed: 2)
public struct AnyTaskDistribution: Sendable {
    /// The typed family (cast it, e.g. `as? CartPoleFamily`, to reach its ranges).
    public let base: any TaskDistribution
    /// Other names accepted for it (Gymnasium ids).
    public let aliases: [String]
    let sampleTask: @Sendable (TaskSplit, RandomStream) -> any TaskValue
    let make: @Sendable (any TaskValue) -> (any Environment)?
    let makeVector: @Sendable ([any TaskValue], UInt64, [StreamPathComponent]) -> (any BatchedEnvironment)?
    let decode: @Sendable (Decoder) throws -> any TaskValue

    public init<D: TaskDistribution>(_ family: D, aliases: [String] = []) {
        base = family
        self.aliases = aliases
        sampleTask = { family.sample($0, stream: $1) }
        make = { task in (task as? D.Task).map { family.makeEnvironment($0) } }
        makeVector = { tasks, seed, path in
            let typed = tasks.compactMap { $0 as? D.Task }
            guard typed.count == tasks.count, !typed.isEmpty else { return nil }
            // CartPole gets the struct-of-arrays batch.
            if let params = typed as? [CartPoleTask], D.Env.self == CartPole.self {
                return CartPoleBatch(parameters: params, seed: seed, path: path)
            }
            return VectorEnvironment(typed.map { family.makeEnvironment($0) }, seed: seed, path: path)
        }
        decode = { try D.Task(from: $0) }
    }

    public var name: String { base.name }
    public var summary: String { base.summary }
    public var splits: [TaskSplit] { base.splits }
    public var observationSpace: Space { base.observationSpace }
    public var actionSpace: Space { base.actionSpace }

    /// Draws a task of a supported split from `stream` (see `task(seed:split:index:)`
    /// for the derived streams configs should use).
    public func sample(_ split: TaskSplit, stream: RandomStream) throws -> AnyTask {
        try checkSplit(split)
        return AnyTask(family: name, value: sampleTask(split, stream))
    }

    /// The `index`-th task of `split` under `seed` (stream `(seed, ["task", name, split, index])`).
    public func task(seed: UInt64, split: TaskSplit, index: Int) throws -> AnyTask {
        try checkSplit(split)
        return AnyTask(family: name, value: sampleTask(split, taskStream(seed: seed, family: name, split: split, index: index)))
    }

    /// Tasks `0..<count` of `split` under `seed`.
    public func tasks(seed: UInt64, split: TaskSplit, count: Int) throws -> [AnyTask] {
        try (0..<count).map { try task(seed: seed, split: split, index: $0) }
    }

    /// The environment of `task`; throws when the task belongs to another family.
    public func makeEnvironment(_ task: AnyTask) throws -> any Environment {
        guard task.family == name, let env = make(task.value) else {
            throw EnvironmentError.taskMismatch(expected: name, got: task.family)
        }
        return env
    }

    /// One batched instance per task (same-step auto-reset), instance i
    /// resetting from `(seed, path + ["instance", i])`.
    public func makeBatch(tasks: [AnyTask], seed: UInt64, path: [StreamPathComponent] = []) throws
        -> any BatchedEnvironment
    {
        if let wrong = tasks.first(where: { $0.family != name }) {
            throw EnvironmentError.taskMismatch(expected: name, got: wrong.family)
        }
        guard let batch = makeVector(tasks.map(\.value), seed, path) else {
            throw EnvironmentError.taskMismatch(expected: name, got: tasks.isEmpty ? "(no tasks)" : name)
        }
        return batch
    }

    func decodeTask(from decoder: Decoder) throws -> any TaskValue { try decode(decoder) }

    func checkSplit(_ split: TaskSplit) throws {
        guard splits.contains(split) else {
            throw EnvironmentError.unsupportedSplit(family: name, split: split.rawValue, accepted: splits.map(\.rawValue))
        }
    }
}
