import Random

/// N value-type environments stepped in turn with same-step auto-reset (see
/// `BatchedEnvironment`). Works for every environment; `CartPoleBatch` is the
/// struct-of-arrays specialisation for CartPole.
///
/// Instance i resets from its own stream `(seed, path + ["instance", i])`, so
/// its episodes do not depend on the other instances.
public final class VectorEnvironment<E: Environment>: BatchedEnvironment, @unchecked Sendable {
    /// The instances (inspect them; step through the batch).
    public private(set) var environments: [E]
    let streams: [RandomStream]
    public let count: Int
    public let observationSpace: Space
    public let actionSpace: Space
    let obsSize: Int
    let actionSize: Int
    public private(set) var finalObservations: [Float]
    public private(set) var finishedReturns: [Double]
    public private(set) var finishedLengths: [Int]
    /// Return accumulated so far by each instance's current episode.
    public private(set) var runningReturns: [Double]
    public private(set) var episodesCompleted = 0

    public init(_ environments: [E], seed: UInt64, path: [StreamPathComponent] = []) {
        precondition(!environments.isEmpty, "a vector environment needs at least one instance")
        self.environments = environments
        count = environments.count
        observationSpace = environments[0].observationSpace
        actionSpace = environments[0].actionSpace
        obsSize = observationSpace.dimension
        actionSize = actionSpace.dimension
        streams = (0..<environments.count).map { RandomStream(seed: seed, path: path + ["instance", .init($0)]) }
        finalObservations = [Float](repeating: 0, count: count * obsSize)
        finishedReturns = [Double](repeating: 0, count: count)
        finishedLengths = [Int](repeating: 0, count: count)
        runningReturns = [Double](repeating: 0, count: count)
    }

    public func reset(into observations: UnsafeMutableBufferPointer<Float>) {
        precondition(observations.count >= count * obsSize, "observation buffer too small")
        let d = obsSize
        environments.withUnsafeMutableBufferPointer { envs in
            for i in 0..<count {
                envs[i].reset(stream: streams[i], into: .init(rebasing: observations[(i * d)..<((i + 1) * d)]))
                runningReturns[i] = 0
            }
        }
    }

    public func step(_ actions: BatchActions,
                     observations: UnsafeMutableBufferPointer<Float>,
                     rewards: UnsafeMutableBufferPointer<Float>,
                     terminated: UnsafeMutableBufferPointer<Bool>,
                     truncated: UnsafeMutableBufferPointer<Bool>) {
        let d = obsSize, k = actionSize
        if case .discrete(let a) = actions { precondition(a.count >= count, "need \(count) actions") }
        if case .continuous(let a) = actions { precondition(a.count >= count * k, "need \(count * k) action components") }
        precondition(observations.count >= count * d && rewards.count >= count
                     && terminated.count >= count && truncated.count >= count, "step buffers too small")
        environments.withUnsafeMutableBufferPointer { envs in
            for i in 0..<count {
                let action: Action
                switch actions {
                case .discrete(let a): action = .discrete(a[i])
                case .continuous(let a): action = .continuous(.init(rebasing: a[(i * k)..<((i + 1) * k)]))
                }
                let row = UnsafeMutableBufferPointer(rebasing: observations[(i * d)..<((i + 1) * d)])
                let outcome = envs[i].step(action, into: row)
                rewards[i] = Float(outcome.reward)
                terminated[i] = outcome.terminated
                truncated[i] = outcome.truncated
                runningReturns[i] += outcome.reward
                if outcome.done {
                    for j in 0..<d { finalObservations[i * d + j] = row[j] }
                    finishedReturns[i] = runningReturns[i]
                    finishedLengths[i] = envs[i].elapsedSteps
                    runningReturns[i] = 0
                    episodesCompleted += 1
                    envs[i].reset(stream: streams[i], into: row)
                }
            }
        }
    }
}
