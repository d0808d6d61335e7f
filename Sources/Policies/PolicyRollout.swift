import Environments
import Random

/// Plays one episode of a policy genome θ on a given environment: the
/// fitness of every ES member, self-evaluation, transfer and minimal-criterion
/// test. The policy is PolicySearch's `PolicyNetwork` read straight from θ;
/// outputs become actions as in `populus evolve` for ES (argmax for a discrete
/// space, a_j = low_j + (tanh y_j + 1)/2 · (high_j − low_j) in a bounded box,
/// y_j in an unbounded one).
///
/// Everything random in an episode comes from the stream `(seed, ["episode"])`
/// given to `reset`, so an episode is a pure function of (environment, θ, seed).
public struct PolicyRollout: Sendable {
    public let network: PolicyNetwork
    public let actionSpace: Space
    /// Steps after which an episode is cut (nil: the environment's limit).
    public let maxSteps: Int?

    /// What an episode produced.
    public typealias Outcome = EpisodeOutcome

    public init(network: PolicyNetwork, actionSpace: Space, maxSteps: Int?) {
        self.network = network
        self.actionSpace = actionSpace
        self.maxSteps = maxSteps
    }

    /// The network `observation → hidden… → outputs` for a family's spaces.
    public static func network(observationSpace: Space, actionSpace: Space, hiddenSizes: [Int],
                               activation: PolicyActivation) -> PolicyNetwork {
        PolicyNetwork(sizes: [observationSpace.dimension] + hiddenSizes + [actionSpace.discreteCount ?? actionSpace.dimension],
                      activation: activation)
    }

    /// One episode of `genome` on (a copy of) `environment` from `seed`.
    public func play(_ environment: any Environment, genome: [Float], seed: UInt64) -> Outcome {
        func open<E: Environment>(_ env: E) -> Outcome {
            genome.withUnsafeBufferPointer { theta in
                run(env, theta: theta.baseAddress!, seed: seed, observer: nil)
            }
        }
        return open(environment)
    }

    /// One episode, calling `observer` with the environment after reset
    /// (outcome nil) and after every step (for drawing trajectories).
    public func trace<E: Environment>(_ environment: E, genome: [Float], seed: UInt64,
                                      observer: @escaping (E, StepOutcome?) -> Void) -> Outcome {
        genome.withUnsafeBufferPointer { theta in
            run(environment, theta: theta.baseAddress!, seed: seed, observer: observer)
        }
    }

    func run<E: Environment>(_ environment: E, theta: UnsafePointer<Float>, seed: UInt64,
                             observer: ((E, StepOutcome?) -> Void)?) -> Outcome {
        precondition(network.sizes.first == environment.observationSpace.dimension,
                     "the policy's input width must be the observation's dimension")
        var env = environment
        let stream = RandomStream(seed: seed, path: ["episode"])
        let obsCount = env.observationSpace.dimension, outCount = network.sizes.last!
        let limit = min(maxSteps ?? Int.max, env.maxEpisodeSteps > 0 ? env.maxEpisodeSteps : Int.max)
        // One block: observation, outputs, two scratch rows, action, θ packed for the forward pass.
        let total = obsCount + outCount + 2 * network.width + outCount + network.parameterCount
        let buffer = UnsafeMutablePointer<Float>.allocate(capacity: total)
        defer { buffer.deallocate() }
        buffer.initialize(repeating: 0, count: total)
        let obs = UnsafeMutableBufferPointer(start: buffer, count: obsCount)
        let out = buffer + obsCount, scratch = out + outCount, action = scratch + 2 * network.width
        let packed = action + outCount
        network.pack(theta, into: packed)
        var low: [Float] = [], high: [Float] = []
        if case .box(let l, let h) = actionSpace { (low, high) = (l, h) }
        let discrete = actionSpace.discreteCount

        env.reset(stream: stream, into: obs)
        observer?(env, nil)
        var sum = 0.0, steps = 0
        while steps < limit {
            network.forward(packed: packed, input: buffer, scratch: scratch, output: out)
            let outcome: StepOutcome
            if let n = discrete {
                var best = 0
                for i in 1..<n where out[i] > out[best] { best = i }
                outcome = env.step(.discrete(best), into: obs)
            } else {
                for j in 0..<outCount {
                    if low[j].isFinite && high[j].isFinite {
                        action[j] = low[j] + (PolicyMath.tanh(out[j]) + 1) * 0.5 * (high[j] - low[j])
                    } else {
                        action[j] = out[j]
                    }
                }
                outcome = env.step(.continuous(UnsafeBufferPointer(start: action, count: outCount)), into: obs)
            }
            sum += outcome.reward
            steps += 1
            observer?(env, outcome)
            if outcome.done { break }
        }
        return Outcome(totalReward: sum, steps: steps)
    }
}
