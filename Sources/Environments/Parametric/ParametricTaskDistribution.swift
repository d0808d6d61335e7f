import Random

/// One environment of a parametric family: its encoding and the seed that
/// fixes its course.
public struct ParametricTask<Encoding: ParametricEncoding>: TaskValue {
    public var encoding: Encoding
    public var terrainSeed: UInt64

    public init(encoding: Encoding, terrainSeed: UInt64) {
        self.encoding = encoding
        self.terrainSeed = terrainSeed
    }

    public var description: String { "\(encoding) (terrain seed \(terrainSeed))" }
}

/// A parametric family seen as a task distribution, so configs and
/// `populus env list/rollout` reach it by name like any other family.
///
/// A task is an environment the open-ended search could reach: starting from
/// the flat `initialEncoding`, n ~ U{0, …, `maxMutations`} mutations are
/// applied, and the terrain seed is drawn from the same task stream. `train`
/// and `test` use disjoint streams; there is no `ood` split.
public struct ParametricTaskDistribution<P: ParametricFamily>: TaskDistribution {
    public let family: P
    /// Largest number of mutations a sampled task is away from the flat one.
    public var maxMutations: Int

    public init(_ family: P, maxMutations: Int = 10) {
        self.family = family
        self.maxMutations = maxMutations
    }

    public var name: String { family.name }
    public var summary: String { family.summary }
    public var splits: [TaskSplit] { [.train, .test] }
    public var observationSpace: Space { family.observationSpace }
    public var actionSpace: Space { family.actionSpace }

    public func sample(_ split: TaskSplit, stream: RandomStream) -> ParametricTask<P.Encoding> {
        let n = stream.integer(below: maxMutations + 1)
        var encoding = family.initialEncoding
        for _ in 0..<n { encoding = family.mutate(encoding, stream: stream) }
        return ParametricTask(encoding: encoding, terrainSeed: stream.next64())
    }

    public func makeEnvironment(_ task: ParametricTask<P.Encoding>) -> P.Env {
        family.makeEnvironment(task.encoding, terrainSeed: task.terrainSeed)
    }
}
