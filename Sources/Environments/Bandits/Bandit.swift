import Random

/// A K-armed Bernoulli bandit task: arm k pays 1 with probability p_k, else 0.
public struct BanditTask: TaskValue, Hashable {
    public var probabilities: [Double]
    public init(probabilities: [Double]) { self.probabilities = probabilities }
    public var description: String {
        "Bandit(p = [" + probabilities.map(format3).joined(separator: ", ") + "])"
    }
}

func format3(_ x: Double) -> String {
    let r = (x * 1000).rounded() / 1000
    return "\(r)"
}

/// A Bernoulli bandit played for a fixed number of pulls, as one episode of
/// RL² (Duan et al. 2016) / learning to reinforcement learn (Wang et al. 2016).
///
/// Observation (K + 2 floats): the one-hot of the previous action (all zero
/// at the start), the previous reward, and the elapsed fraction t/T. The
/// arms' probabilities are *not* observed: the agent must infer them from
/// rewards within the episode. The episode *terminates* (not truncates) after
/// T pulls: the horizon is part of the task and visible in the observation,
/// so there is nothing to bootstrap from.
public struct Bandit: Environment {
    public let task: BanditTask
    /// T, pulls per episode.
    public let maxEpisodeSteps: Int
    public private(set) var elapsedSteps = 0
    var lastAction = -1
    var lastReward = 0.0
    var random = EpisodeRandom(seed: 0)

    public init(task: BanditTask, pulls: Int) {
        precondition(!task.probabilities.isEmpty && pulls > 0, "a bandit needs arms and pulls")
        self.task = task
        maxEpisodeSteps = pulls
        observationSpace = .box(dimension: task.probabilities.count + 2, low: 0, high: 1)
    }

    public var arms: Int { task.probabilities.count }
    public let observationSpace: Space
    public var actionSpace: Space { .discrete(arms) }

    public mutating func reset(stream: RandomStream, into observation: UnsafeMutableBufferPointer<Float>) {
        random = EpisodeRandom(seed: stream.next64())
        elapsedSteps = 0
        lastAction = -1
        lastReward = 0
        observe(into: observation)
    }

    public func observe(into o: UnsafeMutableBufferPointer<Float>) {
        let k = arms
        for i in 0..<k { o[i] = i == lastAction ? 1 : 0 }
        o[k] = Float(lastReward)
        o[k + 1] = Float(elapsedSteps) / Float(maxEpisodeSteps)
    }

    public mutating func step(_ action: Action, into observation: UnsafeMutableBufferPointer<Float>) -> StepOutcome {
        let a = action.index
        precondition(a >= 0 && a < arms, "this bandit takes actions 0..<\(arms), got \(a)")
        let reward: Double = random.uniform() < task.probabilities[a] ? 1 : 0
        lastAction = a
        lastReward = reward
        elapsedSteps += 1
        observe(into: observation)
        return StepOutcome(reward: reward, terminated: elapsedSteps >= maxEpisodeSteps, truncated: false)
    }
}
