import Random

/// A Markov decision process one agent interacts with, step by step, with
/// Gymnasium's semantics (`reset` → observation; `step(action)` → observation,
/// reward, terminated, truncated; the time limit of Gymnasium's `TimeLimit`
/// wrapper is built in as `maxEpisodeSteps`).
///
/// Environments are value types: copy one per thread (or per agent) and step
/// the copies concurrently. The hot path never allocates: observations are
/// written into the caller's buffer (`observationSpace.dimension` floats) and
/// actions are passed as `Action` (an index or a view of floats).
///
///     var env = CartPole()
///     var obs = [Float](repeating: 0, count: env.observationSpace.dimension)
///     obs.withUnsafeMutableBufferPointer { o in
///         env.reset(stream: RandomStream(seed: 1, path: ["reset"]), into: o)
///         while !env.step(.discrete(1), into: o).done {}
///     }
///
/// Randomness only enters through the stream given to `reset` (initial states,
/// and for stochastic environments a per-episode seed drawn from it), so an
/// episode is a pure function of (task, stream, actions).
public protocol Environment: Sendable {
    /// Where observations live (a `float32` box). Reading a space never
    /// allocates (environments store or share it).
    var observationSpace: Space { get }
    /// Where actions live.
    var actionSpace: Space { get }
    /// No episode is longer. For time-limited environments `truncated`
    /// becomes true on the step that makes `elapsedSteps == maxEpisodeSteps`
    /// (Gymnasium's `TimeLimit`); environments whose horizon is part of the
    /// task and observed (bandits) terminate there instead.
    var maxEpisodeSteps: Int { get }
    /// Steps taken since the last reset.
    var elapsedSteps: Int { get }

    /// Names of the components of the internal physical state (Gymnasium's
    /// `env.unwrapped.state`), in order; empty when it cannot be set.
    var stateNames: [String] { get }
    /// The internal physical state, in `stateNames` order.
    var physicalState: [Double] { get }
    /// Replaces the internal physical state (after `reset`, like assigning
    /// Gymnasium's `env.unwrapped.state`). Throws `EnvironmentError.invalidState`
    /// when the length is not `stateNames.count` or a value is not finite.
    mutating func setPhysicalState(_ state: [Double]) throws

    /// Starts an episode: draws the initial state from `stream`, zeroes the
    /// step counter and writes the first observation.
    mutating func reset(stream: RandomStream, into observation: UnsafeMutableBufferPointer<Float>)
    /// Advances one step and writes the next observation.
    mutating func step(_ action: Action, into observation: UnsafeMutableBufferPointer<Float>) -> StepOutcome
    /// Writes the observation of the current state (e.g. after `setPhysicalState`).
    func observe(into observation: UnsafeMutableBufferPointer<Float>)
}

extension Environment {
    public var stateNames: [String] { [] }
    public var physicalState: [Double] { [] }
    public mutating func setPhysicalState(_ state: [Double]) throws {
        throw EnvironmentError.stateNotSettable(environment: "\(Self.self)")
    }

    /// Checks a proposed physical state against `stateNames` (count and finiteness).
    public func validatePhysicalState(_ state: [Double]) throws {
        guard !stateNames.isEmpty else {
            throw EnvironmentError.stateNotSettable(environment: "\(Self.self)")
        }
        guard state.count == stateNames.count, state.allSatisfy(\.isFinite) else {
            throw EnvironmentError.invalidState(environment: "\(Self.self)", expected: stateNames, got: state)
        }
    }
}

// MARK: Array conveniences (tests, CLI; they allocate)

extension Environment {
    /// Resets and returns the first observation as an array.
    public mutating func reset(stream: RandomStream) -> [Float] {
        var obs = [Float](repeating: 0, count: observationSpace.dimension)
        obs.withUnsafeMutableBufferPointer { reset(stream: stream, into: $0) }
        return obs
    }

    /// The current observation as an array.
    public func observation() -> [Float] {
        var obs = [Float](repeating: 0, count: observationSpace.dimension)
        obs.withUnsafeMutableBufferPointer { observe(into: $0) }
        return obs
    }

    /// Steps with a discrete action and returns the observation with the outcome.
    public mutating func step(_ action: Int) -> (observation: [Float], outcome: StepOutcome) {
        var obs = [Float](repeating: 0, count: observationSpace.dimension)
        let outcome = obs.withUnsafeMutableBufferPointer { step(.discrete(action), into: $0) }
        return (obs, outcome)
    }

    /// Steps with a continuous action and returns the observation with the outcome.
    public mutating func step(_ action: [Float]) -> (observation: [Float], outcome: StepOutcome) {
        var obs = [Float](repeating: 0, count: observationSpace.dimension)
        let outcome = action.withUnsafeBufferPointer { a in
            obs.withUnsafeMutableBufferPointer { step(.continuous(a), into: $0) }
        }
        return (obs, outcome)
    }
}
