import Environments
import Random

/// Where a live episode can be rebuilt from exactly: which episode of the
/// instance it is (its reset stream is derived from that) and the actions
/// taken in it so far. Environments are pure functions of (task, reset
/// stream, actions), so resetting from the same stream and replaying the
/// actions restores the state bit for bit, time-limit counter included.
public struct EpisodeRestartPoint: Sendable, Equatable, Codable {
    /// k: the instance's k-th episode (0-based).
    public var episode: Int
    /// The discrete actions taken so far in this episode.
    public var discreteActions: [Int32]
    /// The continuous actions taken so far, `D` per step (after clipping to the box).
    public var continuousActions: [Float]
}

/// What the agent needs from its N environment instances: batched stepping
/// with same-step auto-reset (as `BatchedEnvironment`) plus restart points.
/// Implemented by `EnvironmentPool<E>`, specialised per environment type.
protocol AgentEnvironments: AnyObject {
    var count: Int { get }
    var observationSize: Int { get }
    var actionSpace: Space { get }
    /// Starts episode 0 of every instance; writes `count × observationSize` floats.
    func reset(into observations: UnsafeMutablePointer<Float>)
    /// Steps every instance (`discrete` or `continuous` actions, the other nil).
    /// Ended episodes are booked in `finalObservations`, `finishedReturns`,
    /// `finishedLengths` (rows where `terminated || truncated`) and restarted.
    func step(discrete: UnsafePointer<Int>?, continuous: UnsafePointer<Float>?,
              observations: UnsafeMutablePointer<Float>, rewards: UnsafeMutablePointer<Float>,
              terminated: UnsafeMutablePointer<Bool>, truncated: UnsafeMutablePointer<Bool>)
    var finalObservations: UnsafeMutablePointer<Float> { get }
    var finishedReturns: UnsafeMutablePointer<Double> { get }
    var finishedLengths: UnsafeMutablePointer<Int> { get }
    /// Restart points of the current episodes.
    var restartPoints: [EpisodeRestartPoint] { get }
    /// Rebuilds every instance from restart points (writes their current observations).
    func restore(_ points: [EpisodeRestartPoint], into observations: UnsafeMutablePointer<Float>) throws
}

/// N instances of one environment type, each resetting episode k from the
/// stream `(seed, path + ["env", i, "episode", k])`: an episode depends on
/// nothing but its instance, its index and its actions.
final class EnvironmentPool<E: Environment>: AgentEnvironments {
    var environments: [E]
    let count: Int
    let observationSize: Int
    let actionSpace: Space
    let actionSize: Int
    let seed: UInt64
    let path: [StreamPathComponent]
    var episodes: [Int]
    /// Per instance, the actions of the current episode (capacity grows to the episode length).
    var discreteLog: [[Int32]]
    var continuousLog: [[Float]]
    var runningReturns: [Double]
    let finalObservations: UnsafeMutablePointer<Float>
    let finishedReturns: UnsafeMutablePointer<Double>
    let finishedLengths: UnsafeMutablePointer<Int>

    init(prototype: E, count: Int, seed: UInt64, path: [StreamPathComponent]) {
        precondition(count > 0, "EnvironmentPool needs at least one instance")
        environments = Array(repeating: prototype, count: count)
        self.count = count
        observationSize = prototype.observationSpace.dimension
        actionSpace = prototype.actionSpace
        actionSize = actionSpace.dimension
        self.seed = seed
        self.path = path
        episodes = [Int](repeating: 0, count: count)
        let reserve = min(max(prototype.maxEpisodeSteps, 1), 10_000)
        discreteLog = (0..<count).map { _ in
            var a = [Int32](); if prototype.actionSpace.isDiscrete { a.reserveCapacity(reserve) }; return a
        }
        continuousLog = (0..<count).map { _ in
            var a = [Float](); if !prototype.actionSpace.isDiscrete { a.reserveCapacity(reserve * prototype.actionSpace.dimension) }; return a
        }
        runningReturns = [Double](repeating: 0, count: count)
        finalObservations = .allocate(capacity: count * observationSize)
        finalObservations.initialize(repeating: 0, count: count * observationSize)
        finishedReturns = .allocate(capacity: count)
        finishedReturns.initialize(repeating: 0, count: count)
        finishedLengths = .allocate(capacity: count)
        finishedLengths.initialize(repeating: 0, count: count)
    }

    deinit {
        finalObservations.deallocate()
        finishedReturns.deallocate()
        finishedLengths.deallocate()
    }

    func stream(instance i: Int, episode k: Int) -> RandomStream {
        RandomStream(seed: seed, path: path + ["env", .init(i), "episode", .init(k)])
    }

    func reset(into observations: UnsafeMutablePointer<Float>) {
        for i in 0..<count {
            episodes[i] = 0
            startEpisode(i, observations + i * observationSize)
        }
    }

    private func startEpisode(_ i: Int, _ row: UnsafeMutablePointer<Float>) {
        let s = stream(instance: i, episode: episodes[i])
        environments[i].reset(stream: s, into: UnsafeMutableBufferPointer(start: row, count: observationSize))
        discreteLog[i].removeAll(keepingCapacity: true)
        continuousLog[i].removeAll(keepingCapacity: true)
        runningReturns[i] = 0
    }

    func step(discrete: UnsafePointer<Int>?, continuous: UnsafePointer<Float>?,
              observations: UnsafeMutablePointer<Float>, rewards: UnsafeMutablePointer<Float>,
              terminated: UnsafeMutablePointer<Bool>, truncated: UnsafeMutablePointer<Bool>) {
        let d = observationSize, k = actionSize
        for i in 0..<count {
            let row = observations + i * d
            let outcome: StepOutcome
            if let discrete {
                let a = discrete[i]
                discreteLog[i].append(Int32(truncatingIfNeeded: a))
                outcome = environments[i].step(.discrete(a), into: UnsafeMutableBufferPointer(start: row, count: d))
            } else {
                let a = UnsafeBufferPointer(start: continuous! + i * k, count: k)
                continuousLog[i].append(contentsOf: a)
                outcome = environments[i].step(.continuous(a), into: UnsafeMutableBufferPointer(start: row, count: d))
            }
            rewards[i] = Float(outcome.reward)
            terminated[i] = outcome.terminated
            truncated[i] = outcome.truncated
            runningReturns[i] += outcome.reward
            if outcome.done {
                (finalObservations + i * d).update(from: row, count: d)
                finishedReturns[i] = runningReturns[i]
                finishedLengths[i] = environments[i].elapsedSteps
                episodes[i] += 1
                startEpisode(i, row)
            }
        }
    }

    var restartPoints: [EpisodeRestartPoint] {
        (0..<count).map { EpisodeRestartPoint(episode: episodes[$0], discreteActions: discreteLog[$0],
                                              continuousActions: continuousLog[$0]) }
    }

    func restore(_ points: [EpisodeRestartPoint], into observations: UnsafeMutablePointer<Float>) throws {
        guard points.count == count else {
            throw AgentError.state("\(points.count) environment restart points for \(count) instances")
        }
        let d = observationSize, k = actionSize
        for (i, p) in points.enumerated() {
            guard p.episode >= 0 else { throw AgentError.state("negative episode index \(p.episode)") }
            let steps = actionSpace.isDiscrete ? p.discreteActions.count : p.continuousActions.count / max(k, 1)
            guard actionSpace.isDiscrete ? p.continuousActions.isEmpty : (p.discreteActions.isEmpty && p.continuousActions.count == steps * k)
            else { throw AgentError.state("instance \(i)'s logged actions do not fit \(actionSpace)") }
            episodes[i] = p.episode
            let row = observations + i * d
            startEpisode(i, row)
            for t in 0..<steps {
                let outcome: StepOutcome
                if actionSpace.isDiscrete {
                    let a = Int(p.discreteActions[t])
                    guard actionSpace.contains(discrete: a) else {
                        throw AgentError.state("instance \(i): logged action \(a) is outside \(actionSpace)")
                    }
                    discreteLog[i].append(p.discreteActions[t])
                    outcome = environments[i].step(.discrete(a), into: UnsafeMutableBufferPointer(start: row, count: d))
                } else {
                    outcome = p.continuousActions.withUnsafeBufferPointer { all in
                        let a = UnsafeBufferPointer(rebasing: all[(t * k)..<((t + 1) * k)])
                        continuousLog[i].append(contentsOf: a)
                        return environments[i].step(.continuous(a), into: UnsafeMutableBufferPointer(start: row, count: d))
                    }
                }
                runningReturns[i] += outcome.reward
                if outcome.done {
                    throw AgentError.state("instance \(i): replaying episode \(p.episode) ended it after \(t + 1) of \(steps) logged steps")
                }
            }
        }
    }
}

/// Builds a pool for whatever concrete environment `family` makes for `task`
/// (the existential is opened so stepping is specialised).
func makeEnvironmentPool(family: AnyTaskDistribution, task: AnyTask, count: Int,
                         seed: UInt64, path: [StreamPathComponent]) throws -> any AgentEnvironments {
    let prototype = try family.makeEnvironment(task)
    func make<E: Environment>(_ e: E) -> any AgentEnvironments {
        EnvironmentPool(prototype: e, count: count, seed: seed, path: path)
    }
    return make(prototype)
}
