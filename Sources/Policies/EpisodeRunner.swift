import Environments
import Foundation
import Random

/// Plays episodes of policy genomes on tasks drawn from a family: the
/// fitness function of ES policy search.
///
/// Everything random in an episode comes from one stream,
/// `(seed, ["episode"])` on GSL's taus2 generator (a stream per episode, so
/// cheap starts matter; see `RandomStream.Generator`): first the task (`family.sample(split, stream:)`),
/// then the initial state (`reset(stream:)`), then — for sampled actions —
/// one uniform per step. Both members of an antithetic pair get the same
/// seed (common random numbers), so they face the same task and start state;
/// `pair` plays them in lockstep (see `PolicyNetwork.forwardPair`) with
/// results bit for bit those of two `episode` calls.
public struct EpisodeRunner: Sendable {
    public let family: AnyTaskDistribution
    public let network: PolicyNetwork
    public let split: TaskSplit
    /// Steps after which an episode is cut (nil: the environment's limit).
    public let maxSteps: Int?
    public let actions: ActionSelection

    /// What an episode produced.
    public typealias Outcome = EpisodeOutcome

    public init(family: AnyTaskDistribution, network: PolicyNetwork, split: TaskSplit, maxSteps: Int?,
                actions: ActionSelection) {
        precondition(network.sizes.first == family.observationSpace.dimension,
                     "the policy's input width must be the observation's dimension")
        self.family = family
        self.network = network
        self.split = split
        self.maxSteps = maxSteps
        self.actions = actions
    }

    /// The policy's output width for `space`: one logit per discrete action, one output per box component.
    public static func outputWidth(for space: Space) -> Int { space.discreteCount ?? space.dimension }

    /// One episode of `genome` from `seed`.
    public func episode(_ genome: [Float], seed: UInt64) -> Outcome {
        let stream = Self.stream(seed)
        let env = environment(stream)
        return genome.withUnsafeBufferPointer { theta in single(env, theta.baseAddress!, stream) }
    }

    /// The episode loop on the opened concrete environment type.
    func single<E: Environment>(_ env: E, _ theta: UnsafePointer<Float>, _ stream: RandomStream) -> Outcome {
        var lane = EpisodeLane(env, theta: theta, stream: stream, runner: self)
        defer { lane.release() }
        while !lane.finished {
            lane.forward(network)
            lane.step(self)
        }
        return lane.outcome
    }

    /// Two episodes from the same `seed` (the mirrored members θ₊, θ₋ of a
    /// pair), stepped together while both last: the same outcomes as
    /// `episode(plus, seed:)` and `episode(minus, seed:)`, faster.
    public func pair(_ plus: [Float], _ minus: [Float], seed: UInt64) -> (plus: Outcome, minus: Outcome) {
        let streamA = Self.stream(seed)
        let streamB = streamA.copy()
        let envA = environment(streamA), envB = environment(streamB)
        return plus.withUnsafeBufferPointer { a in
            minus.withUnsafeBufferPointer { b in
                lockstep(envA, envB, a.baseAddress!, b.baseAddress!, streamA, streamB)
            }
        }
    }

    /// The pair loop on the opened concrete environment type.
    func lockstep<E: Environment>(_ envA: E, _ envB: any Environment, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
                                  _ streamA: RandomStream, _ streamB: RandomStream) -> (plus: Outcome, minus: Outcome) {
        var laneA = EpisodeLane(envA, theta: a, stream: streamA, runner: self)
        var laneB = EpisodeLane(envB as! E, theta: b, stream: streamB, runner: self)
        defer {
            laneA.release()
            laneB.release()
        }
        while !laneA.finished && !laneB.finished {
            network.forwardPair(laneA.lane, laneB.lane)
            laneA.step(self)
            laneB.step(self)
        }
        while !laneA.finished {
            laneA.forward(network)
            laneA.step(self)
        }
        while !laneB.finished {
            laneB.forward(network)
            laneB.step(self)
        }
        return (laneA.outcome, laneB.outcome)
    }

    /// Steps after which an episode on `env` ends: `maxSteps` or the environment's own limit.
    func stepLimit<E: Environment>(_ env: E) -> Int {
        min(maxSteps ?? Int.max, env.maxEpisodeSteps > 0 ? env.maxEpisodeSteps : Int.max)
    }

    /// Turns a policy's `outputs` into an action (`box`'s kind: argmax or a
    /// sample from `stream` for discrete actions, squashed into `action` for
    /// continuous ones) and steps `env` with it.
    func act<E: Environment>(_ env: inout E, outputs: UnsafePointer<Float>, box: ActionBox, stream: RandomStream,
                             action: UnsafeMutablePointer<Float>, into observation: UnsafeMutableBufferPointer<Float>)
        -> StepOutcome {
        if let n = box.discreteCount {
            let a = actions == .sample ? Self.sample(outputs, n, stream: stream) : Self.argmax(outputs, n)
            return env.step(.discrete(a), into: observation)
        }
        box.squash(outputs, into: action)
        return env.step(.continuous(UnsafeBufferPointer(start: action, count: box.low.count)), into: observation)
    }

    /// The episode stream of `seed`.
    static func stream(_ seed: UInt64) -> RandomStream {
        RandomStream(seed: seed, path: ["episode"], generator: .taus2)
    }

    /// The task drawn first from `stream`, and its environment.
    func environment(_ stream: RandomStream) -> any Environment {
        // The family's splits were checked when the configuration was validated.
        guard let task = try? family.sample(split, stream: stream), let env = try? family.makeEnvironment(task) else {
            preconditionFailure("family '\(family.name)' refused split '\(split)' after validation")
        }
        return env
    }

    /// Index of the largest logit (the first on ties; NaN never wins).
    @inlinable
    static func argmax(_ x: UnsafePointer<Float>, _ n: Int) -> Int {
        var best = 0
        for i in 1..<n where x[i] > x[best] { best = i }
        return best
    }

    /// a ~ softmax(x) by inversion with one uniform from `stream`.
    static func sample(_ x: UnsafePointer<Float>, _ n: Int, stream: RandomStream) -> Int {
        var top = x[0]
        for i in 1..<n where x[i] > top { top = x[i] }
        var z = 0.0
        for i in 0..<n { z += exp(Double(x[i] - top)) }
        let u = stream.uniform() * z
        var c = 0.0
        for i in 0..<n {
            c += exp(Double(x[i] - top))
            if u < c { return i }
        }
        return n - 1
    }
}

/// One episode in progress: its environment, buffers (one allocation) and tally.
struct EpisodeLane<E: Environment> {
    var env: E
    let stream: RandomStream
    let buffer: UnsafeMutablePointer<Float>
    let observation: UnsafeMutableBufferPointer<Float>
    let lane: PolicyNetwork.Lane
    let action: UnsafeMutablePointer<Float>
    let limit: Int
    let box: ActionBox
    var total = 0.0
    var steps = 0
    var done = false

    /// Packs θ, resets the environment from `stream` (after the task draw).
    init(_ environment: E, theta: UnsafePointer<Float>, stream: RandomStream, runner: EpisodeRunner) {
        env = environment
        self.stream = stream
        let net = runner.network
        let obsCount = env.observationSpace.dimension
        let outputs = net.sizes.last!
        // Observation, outputs, two scratch rows, continuous action, packed θ.
        let total = obsCount + outputs + 2 * net.width + outputs + net.parameterCount
        buffer = .allocate(capacity: total)
        buffer.initialize(repeating: 0, count: total)
        observation = UnsafeMutableBufferPointer(start: buffer, count: obsCount)
        let out = buffer + obsCount, scratch = out + outputs
        action = scratch + 2 * net.width
        let packed = action + outputs
        net.pack(theta, into: packed)
        lane = PolicyNetwork.Lane(theta: packed, input: buffer, scratch: scratch, output: out)
        limit = runner.stepLimit(env)
        box = ActionBox(env.actionSpace)
        env.reset(stream: stream, into: observation)
        done = limit <= 0
    }

    var finished: Bool { done }
    var outcome: EpisodeRunner.Outcome { EpisodeRunner.Outcome(totalReward: total, steps: steps) }

    func forward(_ network: PolicyNetwork) {
        network.forward(packed: lane.theta, input: lane.input, scratch: lane.scratch, output: lane.output)
    }

    /// Turns the outputs into an action and steps the environment.
    mutating func step(_ runner: EpisodeRunner) {
        let outcome = runner.act(&env, outputs: lane.output, box: box, stream: stream, action: action, into: observation)
        total += outcome.reward
        steps += 1
        done = outcome.done || steps >= limit
    }

    func release() { buffer.deallocate() }
}

/// A continuous action space's bounds, to turn outputs into actions.
struct ActionBox {
    let discreteCount: Int?
    let low: [Float]
    let high: [Float]

    init(_ space: Space) {
        switch space {
        case .discrete(let n):
            discreteCount = n
            low = []
            high = []
        case .box(let l, let h):
            discreteCount = nil
            low = l
            high = h
        }
    }

    /// a_j = low_j + (tanh y_j + 1)/2 · (high_j − low_j) on bounded components, y_j otherwise.
    func squash(_ y: UnsafePointer<Float>, into a: UnsafeMutablePointer<Float>) {
        for j in 0..<low.count {
            if low[j].isFinite && high[j].isFinite {
                a[j] = low[j] + (PolicyMath.tanh(y[j]) + 1) * 0.5 * (high[j] - low[j])
            } else {
                a[j] = y[j]
            }
        }
    }
}
