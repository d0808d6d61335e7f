import Agents
import Autodiff
import Environments
import Random

/// Returns of a trained policy played without learning: actions sampled
/// from π_θ(·|s) as during training (continuous ones clipped to the box for
/// the environment), episode e reset from `(seed, path + [e])`.
public enum PolicyEvaluation {
    public static func returns(of policy: ActorCritic, family: AnyTaskDistribution, task: AnyTask, episodes: Int,
                               seed: UInt64, path: [StreamPathComponent]) -> [Double] {
        guard var env = try? family.makeEnvironment(task) else { return [.nan] }
        let d = env.observationSpace.dimension
        let tape = Tape()
        let actionStream = RandomStream(seed: seed, path: path + ["actions"])
        var obs = [Float](repeating: 0, count: d)
        var sampled = [Float](repeating: 0, count: policy.actionOutputs)
        var index = [Int](repeating: 0, count: 1)
        var out: [Double] = []
        for e in 0..<episodes {
            obs.withUnsafeMutableBufferPointer { env.reset(stream: RandomStream(seed: seed, path: path + [.init(e)]), into: $0) }
            var total = 0.0
            while true {
                tape.reset()
                let x = tape.constant(obs, rows: 1, cols: d)
                let step: StepOutcome
                switch policy(x, on: tape, value: false).distribution {
                case .categorical(let c):
                    index.withUnsafeMutableBufferPointer { c.sample(into: $0, rng: actionStream) }
                    step = obs.withUnsafeMutableBufferPointer { env.step(.discrete(index[0]), into: $0) }
                case .gaussian(let g):
                    sampled.withUnsafeMutableBufferPointer { g.sample(into: $0, rng: actionStream) }
                    if case .box(let low, let high) = env.actionSpace {
                        for j in sampled.indices { sampled[j] = min(max(sampled[j], low[j]), high[j]) }
                    }
                    step = sampled.withUnsafeBufferPointer { a in
                        obs.withUnsafeMutableBufferPointer { env.step(.continuous(a), into: $0) }
                    }
                }
                total += step.reward
                if step.terminated || step.truncated { break }
            }
            out.append(total)
        }
        return out
    }
}
