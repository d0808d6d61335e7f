import Random

/// Pendulum as a task family: Gymnasium's Pendulum-v1 alone (`pendulum`), or
/// with mass, length and gravity drawn per task (`pendulum-random`).
public struct PendulumFamily: TaskDistribution {
    public struct Ranges: Sendable, Equatable {
        public var mass, length, gravity: ParameterRange

        public static let standard = Ranges(
            mass: ParameterRange("mass", train: 0.5...1.5, ood: [0.2...0.5, 1.5...2.0]),
            length: ParameterRange("length", train: 0.5...1.5, ood: [0.2...0.5, 1.5...2.0]),
            gravity: ParameterRange("gravity", train: 8...12, ood: [4...8, 12...16]))
    }

    public let name: String
    public let ranges: Ranges?

    public init(name: String, ranges: Ranges?) {
        self.name = name
        self.ranges = ranges
    }

    public static let gymnasium = PendulumFamily(name: "pendulum", ranges: nil)
    public static let randomized = PendulumFamily(name: "pendulum-random", ranges: .standard)

    public var summary: String {
        guard let r = ranges else { return "Gymnasium Pendulum-v1: swing up and hold a pendulum (200 steps)" }
        return "Pendulum-v1 with random physics: \(r.mass); \(r.length); \(r.gravity)"
    }
    public var splits: [TaskSplit] { ranges == nil ? [.train, .test] : [.train, .test, .ood] }
    public var observationSpace: Space { Pendulum().observationSpace }
    public var actionSpace: Space { Pendulum().actionSpace }

    public func sample(_ split: TaskSplit, stream: RandomStream) -> PendulumTask {
        guard let r = ranges else { return .gymnasium }
        return PendulumTask(mass: r.mass.sample(split, stream: stream),
                                  length: r.length.sample(split, stream: stream),
                                  gravity: r.gravity.sample(split, stream: stream))
    }

    public func makeEnvironment(_ task: PendulumTask) -> Pendulum { Pendulum(parameters: task) }
}
