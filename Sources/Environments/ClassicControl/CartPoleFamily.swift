import Random

/// CartPole as a task family: Gymnasium's CartPole-v1 alone (`cartpole`), or
/// with pole half-length, pole mass, cart mass and force magnitude drawn per
/// task (`cartpole-random`). Ranges after Packer et al. 2018, who randomise
/// force, length and mass around Gymnasium's values.
public struct CartPoleFamily: TaskDistribution {
    public struct Ranges: Sendable, Equatable {
        public var poleHalfLength, poleMass, cartMass, forceMagnitude: ParameterRange

        /// Training ranges contain Gymnasium's values; `ood` lies on both sides.
        public static let standard = Ranges(
            poleHalfLength: ParameterRange("pole half-length", train: 0.25...0.75, ood: [0.05...0.25, 0.75...1.0]),
            poleMass: ParameterRange("pole mass", train: 0.05...0.5, ood: [0.01...0.05, 0.5...1.0]),
            cartMass: ParameterRange("cart mass", train: 0.5...1.5, ood: [0.1...0.5, 1.5...2.5]),
            forceMagnitude: ParameterRange("force magnitude", train: 5...15, ood: [1...5, 15...20]))
    }

    public let name: String
    /// `nil`: the single Gymnasium task.
    public let ranges: Ranges?

    public init(name: String, ranges: Ranges?) {
        self.name = name
        self.ranges = ranges
    }

    public static let gymnasium = CartPoleFamily(name: "cartpole", ranges: nil)
    public static let randomized = CartPoleFamily(name: "cartpole-random", ranges: .standard)

    public var summary: String {
        guard let r = ranges else { return "Gymnasium CartPole-v1: balance a pole on a cart (500 steps)" }
        return "CartPole-v1 with random physics: \(r.poleHalfLength); \(r.poleMass); \(r.cartMass); \(r.forceMagnitude)"
    }
    public var splits: [TaskSplit] { ranges == nil ? [.train, .test] : [.train, .test, .ood] }
    public var observationSpace: Space { CartPole.observationSpace }
    public var actionSpace: Space { .discrete(2) }

    public func sample(_ split: TaskSplit, stream: RandomStream) -> CartPoleTask {
        guard let r = ranges else { return .gymnasium }
        var p = CartPoleTask.gymnasium
        p.poleHalfLength = r.poleHalfLength.sample(split, stream: stream)
        p.poleMass = r.poleMass.sample(split, stream: stream)
        p.cartMass = r.cartMass.sample(split, stream: stream)
        p.forceMagnitude = r.forceMagnitude.sample(split, stream: stream)
        return p
    }

    public func makeEnvironment(_ task: CartPoleTask) -> CartPole { CartPole(parameters: task) }
}
