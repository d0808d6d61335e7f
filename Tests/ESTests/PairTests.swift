import Config
import Environments
import Evolution
import Foundation
import ES
import Policies
import Runs
import Random
import XCTest

/// Lockstep pairs are an optimisation only: bit for bit the results of
/// single passes, single episodes, and the ES core's own `evaluate`.
final class PairTests: XCTestCase {
    func testForwardPairEqualsTwoSingleForwardsBitForBit() {
        for sizes in [[4, 32, 32, 2], [13, 40, 7, 3], [3, 33, 64, 9, 2], [6, 2]] {
            for activation in PolicyActivation.allCases {
                let net = PolicyNetwork(sizes: sizes, activation: activation)
                let rng = RandomStream(seed: 3, path: ["pair", "forward"])
                var packedA = Support.gaussian(net.parameterCount, sigma: 0.5, from: rng)
                var packedB = Support.gaussian(net.parameterCount, sigma: 0.5, from: rng)
                let xa = Support.gaussian(sizes[0], sigma: 2, from: rng), xb = Support.gaussian(sizes[0], sigma: 2, from: rng)
                var sa = Support.gaussian(2 * net.width, sigma: 0, from: rng)
                var sb = Support.gaussian(2 * net.width, sigma: 0, from: rng)
                var pa = [Float](repeating: 0, count: sizes.last!), pb = pa, single = pa
                packedA.withUnsafeMutableBufferPointer { ta in packedB.withUnsafeMutableBufferPointer { tb in
                    sa.withUnsafeMutableBufferPointer { sa in sb.withUnsafeMutableBufferPointer { sb in
                        pa.withUnsafeMutableBufferPointer { oa in pb.withUnsafeMutableBufferPointer { ob in
                            xa.withUnsafeBufferPointer { xa in xb.withUnsafeBufferPointer { xb in
                                net.forwardPair(
                                    .init(theta: ta.baseAddress!, input: xa.baseAddress!, scratch: sa.baseAddress!, output: oa.baseAddress!),
                                    .init(theta: tb.baseAddress!, input: xb.baseAddress!, scratch: sb.baseAddress!, output: ob.baseAddress!))
                                single.withUnsafeMutableBufferPointer { o in
                                    net.forward(packed: tb.baseAddress!, input: xb.baseAddress!, scratch: sa.baseAddress!, output: o.baseAddress!)
                                }
                                XCTAssertEqual(ob.map(\.bitPattern), single.map(\.bitPattern), "\(sizes) \(activation) lane B")
                                single.withUnsafeMutableBufferPointer { o in
                                    net.forward(packed: ta.baseAddress!, input: xa.baseAddress!, scratch: sb.baseAddress!, output: o.baseAddress!)
                                }
                                XCTAssertEqual(oa.map(\.bitPattern), single.map(\.bitPattern), "\(sizes) \(activation) lane A")
                            } }
                        } }
                    } }
                } }
            }
        }
    }

    func testSIMDTanhEqualsScalarTanhBitForBit() {
        var values: [Float] = [0, -0.0, 1e-30, -1e-30, 0.5, -0.5, 3, -3, 7.9, 7.95, -8, 20, -1e30, .infinity, -.infinity, .nan]
        let rng = RandomStream(seed: 4, path: ["tanh"])
        for _ in 0..<4096 { values.append(Float(rng.gaussian(mean: 0, sigma: 4))) }
        while values.count % 8 != 0 { values.append(1) }
        for start in stride(from: 0, to: values.count, by: 8) {
            let v = SIMD8<Float>(values[start..<start + 8])
            let t = PolicyMath.tanh(v)
            for k in 0..<8 {
                XCTAssertEqual(t[k].bitPattern, PolicyMath.tanh(v[k]).bitPattern, "tanh(\(v[k]))")
                if v[k].isFinite { XCTAssertEqual(Double(t[k]), Foundation.tanh(Double(v[k])), accuracy: 5e-7) }
            }
        }
        XCTAssertTrue(PolicyMath.tanh(Float.nan).isNaN)
        XCTAssertEqual(PolicyMath.tanh(Float.infinity), 1, accuracy: 1e-6)
    }

    func testPairedEpisodesEqualSingleEpisodes() throws {
        for (env, actions) in [("CartPole-v1", ActionSelection.deterministic), ("cartpole-random", .sample),
                               ("Pendulum-v1", .deterministic), ("bandit-2-easy", .deterministic)] {
            let family = try EnvironmentRegistry.standard.resolve(env)
            let net = PolicyNetwork(sizes: [family.observationSpace.dimension, 16,
                                            EpisodeRunner.outputWidth(for: family.actionSpace)], activation: .tanh)
            let runner = EpisodeRunner(family: family, network: net, split: .train, maxSteps: 300, actions: actions)
            let mean = net.initialGenome(seed: 2, outputGain: 1)
            var eps = [Float](repeating: 0, count: mean.count)
            RandomStream(seed: 9, path: ["eps"]).fill(gaussian: &eps, mean: 0, sigma: 1)
            for scale in [Float(0.05), 0.5] {
                let plus = zip(mean, eps).map { $0 + scale * $1 }, minus = zip(mean, eps).map { $0 - scale * $1 }
                for seed in [UInt64(1), 77] {
                    let (a, b) = runner.pair(plus, minus, seed: seed)
                    XCTAssertEqual(a, runner.episode(plus, seed: seed), "\(env) +")
                    XCTAssertEqual(b, runner.episode(minus, seed: seed), "\(env) −")
                }
            }
        }
    }

    func testPopulationEvaluationEqualsTheCoresEvaluate() throws {
        for antithetic in [true, false] {
            var config = try Support.tiny()
            config.es.antithetic = antithetic
            config.evaluation.episodes = 3
            var run = try ESRun(configuration: config, threads: 2)
            for _ in 0..<2 { _ = try run.runGeneration() }
            let runner = run.runner
            let reference = run.strategy.evaluate(episodes: 3) { genome, context in
                Float(runner.episode(genome, seed: context.seed).totalReward)
            }
            let ours = try run.evaluatePopulation()
            XCTAssertEqual(ours.fitness.map(\.bitPattern), reference.map(\.bitPattern), "antithetic \(antithetic)")
            XCTAssertGreaterThan(ours.envSteps, 16 * 3)
        }
    }

    /// μ's episodes, played as units of the population's parallel loop,
    /// score what `runner.episode(μ, seed:)` scores on their seeds, and the
    /// row is the same for one thread and three.
    func testMeanPolicyReturnIsMusOwnEpisodes() throws {
        var config = try Support.tiny()
        config.evaluation.episodes = 2
        var rows: [[Double]] = []
        for threads in [1, 3] {
            var run = try ESRun(configuration: config, threads: threads)
            _ = try run.runGeneration()
            let mean = run.strategy.mean, generation = run.generation, runner = run.runner
            let expected = (0..<2).map { e in
                runner.episode(mean, seed: streamKey(seed: config.seed, path: ["es-mean-eval", .init(generation), .init(e)]))
            }
            let metrics = try run.runGeneration()
            XCTAssertEqual(metrics.meanPolicyReturn, expected.map(\.totalReward).reduce(0, +) / 2, "threads \(threads)")
            rows.append(metrics.values.map { $0.isNaN ? -1 : $0 })
        }
        XCTAssertEqual(rows[0], rows[1], "one thread and three")
    }
}
