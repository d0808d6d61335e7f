import Environments
import Random
@testable import Walker

/// One episode's record: rewards and outcomes per step, hull positions and
/// angles after reset and after every step, and every observation.
struct WalkerEpisode {
    var rewards: [Double] = []
    var outcomes: [StepOutcome] = []
    var hull: [(x: Double, angle: Double)] = []
    var observations: [[Float]] = []
    var actions: [[Float]] = []
    var total: Double { rewards.reduce(0, +) }
    var last: StepOutcome { outcomes[outcomes.count - 1] }
}

/// Runs `policy` (observation, step → action) for at most `steps` steps.
func runWalker(_ env: inout BipedalWalker, force: Double? = nil, seed: UInt64 = 0, steps: Int = 2000,
               policy: (_ observation: [Float], _ t: Int) -> [Float]) -> WalkerEpisode {
    var episode = WalkerEpisode()
    var obs = [Float](repeating: 0, count: 24)
    obs.withUnsafeMutableBufferPointer { o in
        if let force { env.reset(initialForceX: force, into: o) } else { env.reset(stream: RandomStream(seed: seed), into: o) }
    }
    episode.hull.append((env.hullX, env.hullAngle))
    episode.observations.append(obs)
    for t in 0..<steps {
        let a = policy(obs, t)
        let (next, outcome) = env.step(a)
        obs = next
        episode.actions.append(a)
        episode.rewards.append(outcome.reward)
        episode.outcomes.append(outcome)
        episode.hull.append((env.hullX, env.hullAngle))
        episode.observations.append(obs)
        if outcome.done { break }
    }
    return episode
}

/// Uniform random torques from `stream`.
func randomPolicy(_ stream: RandomStream) -> ([Float], Int) -> [Float] {
    { _, _ in (0..<4).map { _ in Float(stream.uniform(-1, 1)) } }
}
