/// The actions of a whole batch, one row per instance, viewed in place.
public enum BatchActions {
    /// One index per instance.
    case discrete(UnsafeBufferPointer<Int>)
    /// `count × actionSpace.dimension` floats, row-major.
    case continuous(UnsafeBufferPointer<Float>)
}

/// Many instances of an environment stepped together (a PPO actor's N
/// environments, an ES population's episodes), writing into the caller's
/// struct-of-arrays buffers without allocating.
///
/// **Auto-reset, same step.** When instance i's episode ends on a step
/// (`terminated[i] || truncated[i]`), it is reset within that step: row i of
/// `observations` holds the *first observation of the next episode*, and the
/// episode's last observation is kept in row i of `finalObservations` (what a
/// PPO learner bootstraps from on truncation), its undiscounted return in
/// `finishedReturns[i]` and its length in `finishedLengths[i]`. This is
/// Gymnasium's `AutoresetMode.SAME_STEP` (the old `final_observation` info),
/// chosen because every step then yields a usable transition
/// (obs, action, reward, done) and no step is wasted on a reset.
///
/// A batch is used by one thread at a time (it may be handed between
/// threads, e.g. one batch per agent stepped on `concurrentPerform`).
public protocol BatchedEnvironment: AnyObject, Sendable {
    /// Number of instances N.
    var count: Int { get }
    var observationSpace: Space { get }
    var actionSpace: Space { get }

    /// Resets every instance (each from its own stream) and writes
    /// `count × observationSpace.dimension` floats.
    func reset(into observations: UnsafeMutableBufferPointer<Float>)

    /// Steps every instance once, auto-resetting those whose episode ends.
    func step(_ actions: BatchActions,
              observations: UnsafeMutableBufferPointer<Float>,
              rewards: UnsafeMutableBufferPointer<Float>,
              terminated: UnsafeMutableBufferPointer<Bool>,
              truncated: UnsafeMutableBufferPointer<Bool>)

    /// Row i: the last observation of the episode instance i ended on the
    /// latest step (meaningful only where that step reported done).
    var finalObservations: [Float] { get }
    /// Return (sum of rewards) of the episode instance i ended on the latest step.
    var finishedReturns: [Double] { get }
    /// Length of the episode instance i ended on the latest step.
    var finishedLengths: [Int] { get }
    /// Episodes ended since creation, over all instances.
    var episodesCompleted: Int { get }
}

/// Owned buffers for one batch step (tests, simple drivers).
public struct BatchStep: Sendable {
    public var observations: [Float]
    public var rewards: [Float]
    public var terminated: [Bool]
    public var truncated: [Bool]

    public init(count: Int, observationSize: Int) {
        observations = [Float](repeating: 0, count: count * observationSize)
        rewards = [Float](repeating: 0, count: count)
        terminated = [Bool](repeating: false, count: count)
        truncated = [Bool](repeating: false, count: count)
    }

    /// Whether instance i's episode ended on this step.
    public func done(_ i: Int) -> Bool { terminated[i] || truncated[i] }
}

extension BatchedEnvironment {
    /// Buffers sized for this batch.
    public func makeStepBuffers() -> BatchStep {
        BatchStep(count: count, observationSize: observationSpace.dimension)
    }

    public func reset(into buffers: inout BatchStep) {
        buffers.observations.withUnsafeMutableBufferPointer { reset(into: $0) }
    }

    /// Steps with one discrete action per instance.
    public func step(discrete actions: [Int], into b: inout BatchStep) {
        precondition(actions.count == count, "need \(count) actions, got \(actions.count)")
        actions.withUnsafeBufferPointer { a in step(.discrete(a), into: &b) }
    }

    /// Steps with `count × dimension` continuous action components.
    public func step(continuous actions: [Float], into b: inout BatchStep) {
        precondition(actions.count == count * actionSpace.dimension,
                     "need \(count * actionSpace.dimension) action components, got \(actions.count)")
        actions.withUnsafeBufferPointer { a in step(.continuous(a), into: &b) }
    }

    func step(_ actions: BatchActions, into b: inout BatchStep) {
        b.observations.withUnsafeMutableBufferPointer { o in
            b.rewards.withUnsafeMutableBufferPointer { r in
                b.terminated.withUnsafeMutableBufferPointer { te in
                    b.truncated.withUnsafeMutableBufferPointer { tr in
                        step(actions, observations: o, rewards: r, terminated: te, truncated: tr)
                    }
                }
            }
        }
    }
}
