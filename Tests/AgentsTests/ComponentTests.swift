import Autodiff
import Environments
import Random
import XCTest
@testable import Agents

/// GAE, the running statistics, the environment pool's restart points and
/// the policy file, each against an independent computation.
final class ComponentTests: XCTestCase {
    func testGAEMatchesTimeMajorReference() {
        let n = 3, t = 7
        let buffer = RolloutBuffer(numEnvs: n, numSteps: t, observationSize: 1, actionSize: 1, isDiscrete: true)
        let r = RandomStream(seed: 11, path: ["gae"])
        // Time-major arrays as CleanRL holds them: [t][e].
        var rewards = [[Double]](), values = [[Double]](), dones = [[Bool]]()
        for _ in 0..<t {
            rewards.append((0..<n).map { _ in r.gaussian() })
            values.append((0..<n).map { _ in r.gaussian() })
            dones.append((0..<n).map { _ in r.bernoulli(0.25) })
        }
        let last = (0..<n).map { _ in r.gaussian() }
        for s in 0..<t {
            for e in 0..<n {
                let row = buffer.row(env: e, step: s)
                buffer.reward[row] = Float(rewards[s][e])
                buffer.value[row] = Float(values[s][e])
                buffer.term[row] = dones[s][e] && e != 1
                buffer.trunc[row] = dones[s][e] && e == 1
            }
        }
        for e in 0..<n { buffer.bootstrap[e] = Float(last[e]) }
        let gamma = 0.97, lambda = 0.9
        buffer.computeAdvantages(gamma: Float(gamma), lambda: Float(lambda))
        // CleanRL's loop: nextnonterminal from the done flag of the step itself (same-step reset).
        for e in 0..<n {
            var lastGAE = 0.0
            for s in stride(from: t - 1, through: 0, by: -1) {
                let next = s == t - 1 ? last[e] : values[s + 1][e]
                let nonTerminal = dones[s][e] ? 0.0 : 1.0
                let delta = rewards[s][e] + gamma * next * nonTerminal - values[s][e]
                lastGAE = delta + gamma * lambda * nonTerminal * lastGAE
                let row = buffer.row(env: e, step: s)
                XCTAssertEqual(Double(buffer.advantages[row]), lastGAE, accuracy: 1e-4)
                XCTAssertEqual(Double(buffer.returns[row]), lastGAE + values[s][e], accuracy: 1e-4)
            }
        }
    }

    func testRunningMeanStdMergesBatchesExactly() {
        let r = RandomStream(seed: 3, path: ["rms"])
        let d = 3
        var all: [[Double]] = []
        var stats = RunningMeanStd(dimension: d)
        for size in [1, 5, 17, 2] {
            var batch = [Float]()
            for _ in 0..<size {
                let row = (0..<d).map { j in Float(r.gaussian(mean: Double(j) * 3, sigma: Double(j + 1))) }
                batch += row
                all.append(row.map(Double.init))
            }
            batch.withUnsafeBufferPointer { stats.update($0.baseAddress!, rows: size) }
        }
        // The pseudo-count 1e-4 starts at mean 0, variance 1: include it in the reference.
        let n = Double(all.count), c = 1e-4
        for j in 0..<d {
            let sum = all.reduce(0) { $0 + $1[j] }
            let mean = sum / (n + c)
            let m2 = all.reduce(0) { $0 + ($1[j] - mean) * ($1[j] - mean) } + c * (1 + mean * mean)
            XCTAssertEqual(stats.mean[j], mean, accuracy: 1e-9)
            XCTAssertEqual(stats.variance[j], m2 / (n + c), accuracy: 1e-9)
        }
        var x: [Float] = [stats.mean.map(Float.init)[0] + 1e6, Float(stats.mean[1]), -1e6]
        x.withUnsafeMutableBufferPointer { stats.normalize($0.baseAddress!, rows: 1, clip: 5) }
        XCTAssertEqual(x[0], 5)
        XCTAssertEqual(x[1], 0, accuracy: 1e-6)
        XCTAssertEqual(x[2], -5)
    }

    /// Steps `pool` `count` times with random actions from `r`; returns every reward.
    private func drive(_ pool: any AgentEnvironments, _ obs: inout [Float], _ r: RandomStream, _ count: Int) -> [Float] {
        let n = pool.count, space = pool.actionSpace
        var rewards = [Float](repeating: 0, count: n), te = [Bool](repeating: false, count: n), tr = te
        var history: [Float] = []
        obs.withUnsafeMutableBufferPointer { o in
            for _ in 0..<count {
                if case .discrete(let k) = space {
                    let a = (0..<n).map { _ in r.integer(below: k) }
                    a.withUnsafeBufferPointer { pool.step(discrete: $0.baseAddress, continuous: nil, observations: o.baseAddress!,
                                                          rewards: &rewards, terminated: &te, truncated: &tr) }
                } else {
                    let a = (0..<(n * space.dimension)).map { _ in Float(r.uniform(-2, 2)) }
                    a.withUnsafeBufferPointer { pool.step(discrete: nil, continuous: $0.baseAddress, observations: o.baseAddress!,
                                                          rewards: &rewards, terminated: &te, truncated: &tr) }
                }
                history += rewards
            }
        }
        return history
    }

    func testRestartPointsRebuildEnvironmentsExactly() throws {
        for name in ["Pendulum-v1", "CartPole-v1", "bandit-2-easy"] {
            let family = try EnvironmentRegistry.standard.resolve(name)
            let task = try family.task(seed: 1, split: .train, index: 0)
            let pool = try makeEnvironmentPool(family: family, task: task, count: 3, seed: 9, path: ["pool"])
            var obs = [Float](repeating: 0, count: pool.count * pool.observationSize)
            obs.withUnsafeMutableBufferPointer { pool.reset(into: $0.baseAddress!) }
            _ = drive(pool, &obs, RandomStream(seed: 5, path: ["actions"]), 237)
            let points = pool.restartPoints
            XCTAssertTrue(points.contains { $0.episode > 0 }, name)
            XCTAssertTrue(points.contains { !$0.discreteActions.isEmpty || !$0.continuousActions.isEmpty }, name)

            let copy = try makeEnvironmentPool(family: family, task: task, count: 3, seed: 9, path: ["pool"])
            var restored = [Float](repeating: 0, count: obs.count)
            try restored.withUnsafeMutableBufferPointer { try copy.restore(points, into: $0.baseAddress!) }
            XCTAssertEqual(restored, obs, name)
            XCTAssertEqual(copy.restartPoints, points, name)
            // Both continue identically (episode ends and resets included).
            let a = drive(pool, &obs, RandomStream(seed: 6, path: ["more"]), 300)
            let b = drive(copy, &restored, RandomStream(seed: 6, path: ["more"]), 300)
            XCTAssertEqual(a, b, name)
            XCTAssertEqual(obs, restored, name)
        }
    }

    func testPolicyFileRoundTrip() throws {
        let agent = try Agent(try Fixture.pendulum())
        agent.train(until: 256)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("populus-policy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("policy.ckpt")
        try PolicyFile.write(agent, to: url)
        let loaded = try PolicyFile.load(url)
        XCTAssertEqual(loaded.policy.parameters.flatValues(), agent.policy.parameters.flatValues())
        XCTAssertEqual(loaded.observationStatistics, agent.observationStatistics)
        XCTAssertEqual(loaded.steps, agent.steps)
        XCTAssertEqual(loaded.spec, agent.state.spec)
        // The greedy action is the policy mean for the normalised observation, clipped to [-2, 2].
        let raw: [Float] = [0.3, -0.9, 1.5]
        var x = raw
        x.withUnsafeMutableBufferPointer { agent.observationStatistics!.normalize($0.baseAddress!, rows: 1, clip: 10) }
        let tape = Tape()
        let mean = agent.policy(tape.constant(x, rows: 1, cols: 3), on: tape).distribution.head.values[0]
        XCTAssertEqual(loaded.greedyAction(raw), [min(max(mean, -2), 2)])
        // A flipped bit is caught by the checksum.
        var bytes = try Data(contentsOf: url)
        bytes[bytes.count / 2] ^= 0x10
        try bytes.write(to: url)
        XCTAssertThrowsError(try PolicyFile.load(url))
    }

    func testNetworkLayouts() throws {
        var h = PPOHyperparameters()
        h.hiddenSizes = [5, 6]
        let rng = RandomStream(seed: 1, path: ["init"])
        let separate = ActorCritic(observationSize: 3, actionSpace: .box(dimension: 2, low: -1, high: 1),
                                   hyperparameters: h, rng: rng)
        XCTAssertEqual(separate.parameters.entries.map(\.name),
                       ["actor.0.weight", "actor.0.bias", "actor.1.weight", "actor.1.bias", "actor.2.weight", "actor.2.bias",
                        "critic.0.weight", "critic.0.bias", "critic.1.weight", "critic.1.bias", "critic.2.weight",
                        "critic.2.bias", "actor.log_std"])
        XCTAssertEqual(separate.parameters.count, (3 * 5 + 5 + 5 * 6 + 6) * 2 + 6 * 2 + 2 + 6 * 1 + 1 + 2)
        h.sharedTorso = true
        h.initLogStd = -0.5
        let shared = ActorCritic(observationSize: 3, actionSpace: .box(dimension: 2, low: -1, high: 1),
                                 hyperparameters: h, rng: rng)
        XCTAssertEqual(shared.parameters.entries.map(\.name),
                       ["torso.0.weight", "torso.0.bias", "torso.1.weight", "torso.1.bias",
                        "policy_head.weight", "policy_head.bias", "value_head.weight", "value_head.bias", "actor.log_std"])
        XCTAssertEqual(shared.parameters.values(of: shared.logStd!), [-0.5, -0.5])
        // CleanRL's initialisation: the policy head's columns have norm 0.01 (orthogonal, gain 0.01).
        let w = shared.parameters.values(of: shared.policyHead!.weight)
        for c in 0..<2 {
            let norm = (0..<6).map { w[$0 * 2 + c] * w[$0 * 2 + c] }.reduce(0, +).squareRoot()
            XCTAssertEqual(norm, 0.01, accuracy: 1e-5)
        }
        let tape = Tape()
        let out = shared(tape.constant([0.1, 0.2, 0.3, 0.4, 0.5, 0.6], rows: 2, cols: 3), on: tape)
        XCTAssertEqual(out.value!.rows, 2)
        XCTAssertEqual(out.distribution.entropy().rows, 2)
    }

    func testSharedTorsoAgentPausesAndRoundTrips() throws {
        var h = Fixture.small
        h.sharedTorso = true
        let spec = try Fixture.cartPole(seed: 4, lifetime: 1_024, h)
        let straight = try Agent(spec)
        straight.train(until: 1_024)
        let paused = try Agent(spec)
        paused.train(until: 320)
        let resumed = try Agent(restoring: try AgentState(bytes: paused.state.bytes))
        resumed.train(until: 1_024)
        assertSameAgent(straight, resumed)
    }

    func testSteadyStateTrainingDoesNotGrowTheTape() throws {
        let agent = try Agent(try Fixture.cartPole(lifetime: 100_000))
        agent.train(until: 640)
        let growths = agent.tape.storageGrowthCount
        agent.train(until: 3_200)
        XCTAssertEqual(agent.tape.storageGrowthCount, growths)
    }
}
