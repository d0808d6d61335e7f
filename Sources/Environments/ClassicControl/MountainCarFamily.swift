import Random

/// MountainCar as a task family: Gymnasium's MountainCar-v0 alone
/// (`mountaincar`), or with engine force and gravity drawn per task
/// (`mountaincar-random`).
public struct MountainCarFamily: TaskDistribution {
    public struct Ranges: Sendable, Equatable {
        public var force, gravity: ParameterRange

        public static let standard = Ranges(
            force: ParameterRange("force", train: 0.0008...0.0012, ood: [0.0005...0.0008, 0.0012...0.0016]),
            gravity: ParameterRange("gravity", train: 0.002...0.003, ood: [0.0012...0.002, 0.003...0.0035]))
    }

    public let name: String
    public let ranges: Ranges?

    public init(name: String, ranges: Ranges?) {
        self.name = name
        self.ranges = ranges
    }

    public static let gymnasium = MountainCarFamily(name: "mountaincar", ranges: nil)
    public static let randomized = MountainCarFamily(name: "mountaincar-random", ranges: .standard)

    public var summary: String {
        guard let r = ranges else { return "Gymnasium MountainCar-v0: rock an underpowered car up a hill (200 steps)" }
        return "MountainCar-v0 with random physics: \(r.force); \(r.gravity)"
    }
    public var splits: [TaskSplit] { ranges == nil ? [.train, .test] : [.train, .test, .ood] }
    public var observationSpace: Space { MountainCar().observationSpace }
    public var actionSpace: Space { .discrete(3) }

    public func sample(_ split: TaskSplit, stream: RandomStream) -> MountainCarTask {
        guard let r = ranges else { return .gymnasium }
        return MountainCarTask(force: r.force.sample(split, stream: stream),
                                     gravity: r.gravity.sample(split, stream: stream))
    }

    public func makeEnvironment(_ task: MountainCarTask) -> MountainCar { MountainCar(parameters: task) }
}
