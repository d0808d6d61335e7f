/// One action handed to `Environment.step`, without boxing or allocation:
/// an index for a discrete space, or a view of the caller's floats for a box.
///
///     var env = CartPole()
///     _ = env.step(.discrete(1), into: obs)
///     torque.withUnsafeBufferPointer { _ = pendulum.step(.continuous($0), into: obs) }
///
/// Handing a discrete action to a box environment (or the reverse), or an
/// index out of range, is a programming error; check user input against
/// `Environment.actionSpace` first (`Space.contains(discrete:)`).
public enum Action {
    case discrete(Int)
    case continuous(UnsafeBufferPointer<Float>)

    /// The discrete index; traps on a continuous action.
    @inlinable public var index: Int {
        guard case .discrete(let a) = self else {
            preconditionFailure("a discrete environment was given a continuous action")
        }
        return a
    }

    /// The continuous components; traps on a discrete action.
    @inlinable public var vector: UnsafeBufferPointer<Float> {
        guard case .continuous(let v) = self else {
            preconditionFailure("a continuous environment was given a discrete action")
        }
        return v
    }
}

/// What a step returns besides the observation (Gymnasium's
/// `reward, terminated, truncated`).
///
/// `terminated`: the MDP reached a terminal state (no future reward; do not
/// bootstrap). `truncated`: the episode was cut by the time limit
/// (`maxEpisodeSteps`); the state is not terminal (bootstrap from it). Both can
/// be true on the same step, as in Gymnasium.
public struct StepOutcome: Sendable, Equatable {
    /// The reward, computed in `Double` where Gymnasium computes in float64.
    public var reward: Double
    public var terminated: Bool
    public var truncated: Bool

    @inlinable public init(reward: Double, terminated: Bool, truncated: Bool) {
        self.reward = reward
        self.terminated = terminated
        self.truncated = truncated
    }

    /// The episode is over (`terminated || truncated`): reset before stepping again.
    @inlinable public var done: Bool { terminated || truncated }
}
