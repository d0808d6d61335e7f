import Environments
import Foundation
import ES
import Policies
import Runs
import Random
import XCTest

/// Groups of four members in SIMD lanes are an optimisation only: bit for
/// bit the single passes and single episodes, for every kernel path.
final class GroupTests: XCTestCase {
    func testForwardGroupEqualsFourSingleForwardsBitForBit() {
        // Blocks of 32 (even/odd chains), sequential tails (33, 9, 13), narrow
        // layers (7, 3, 2) with and without input tails, odd widths, tiny nets.
        let shapes = [[4, 32, 32, 2], [13, 40, 7, 3], [3, 33, 64, 9, 2], [6, 2], [5, 13, 1], [17, 64, 5], [2, 8, 8]]
        for sizes in shapes {
            for activation in PolicyActivation.allCases {
                let net = PolicyNetwork(sizes: sizes, activation: activation)
                let rng = RandomStream(seed: 21, path: ["group", "forward"])
                let thetas = (0..<4).map { _ in Support.gaussian(net.parameterCount, sigma: 0.6, from: rng) }
                let inputs = (0..<4).map { _ in Support.gaussian(sizes[0], sigma: 2, from: rng) }
                var packed = [Float](repeating: .nan, count: net.groupParameterCount)
                thetas[0].withUnsafeBufferPointer { t0 in thetas[1].withUnsafeBufferPointer { t1 in
                    thetas[2].withUnsafeBufferPointer { t2 in thetas[3].withUnsafeBufferPointer { t3 in
                        packed.withUnsafeMutableBufferPointer {
                            net.packGroup([t0.baseAddress!, t1.baseAddress!, t2.baseAddress!, t3.baseAddress!], into: $0.baseAddress!)
                        }
                    } }
                } }
                XCTAssertFalse(packed.contains { $0.isNaN }, "packGroup fills every slot")
                var input = [Float](repeating: 0, count: 4 * sizes[0])
                for k in 0..<4 { for i in 0..<sizes[0] { input[4 * i + k] = inputs[k][i] } }
                let outputs = sizes.last!
                var scratch = [Float](repeating: 0, count: 2 * net.groupRowLength)
                var out = [Float](repeating: 0, count: (outputs + 1) / 2 * 8)
                net.forwardGroup(packed: packed, input: input, scratch: &scratch, output: &out)
                for k in 0..<4 {
                    let single = forward(net, thetas[k], inputs[k])
                    XCTAssertEqual((0..<outputs).map { out[4 * $0 + k].bitPattern }, single.map(\.bitPattern),
                                   "\(sizes) \(activation) member \(k)")
                }
            }
        }
    }

    private func forward(_ net: PolicyNetwork, _ theta: [Float], _ x: [Float]) -> [Float] {
        var packed = [Float](repeating: 0, count: net.parameterCount)
        theta.withUnsafeBufferPointer { t in packed.withUnsafeMutableBufferPointer { net.pack(t.baseAddress!, into: $0.baseAddress!) } }
        var scratch = [Float](repeating: 0, count: 2 * net.width)
        var out = [Float](repeating: 0, count: net.sizes.last!)
        net.forward(packed: packed, input: x, scratch: &scratch, output: &out)
        return out
    }

    /// A 4-16-2 tanh policy pushing right when θ + θ̇/2 > 0 (it balances the
    /// pole for hundreds of steps), or, with `push`, always pushing right.
    private func controller(_ net: PolicyNetwork, push: Bool) -> [Float] {
        let hidden = net.sizes[1]
        var theta = [Float](repeating: 0, count: net.parameterCount)
        let w2 = 4 * hidden + hidden, b2 = w2 + 2 * hidden
        if push {
            theta[b2 + 1] = 1
        } else {
            theta[2 * hidden] = 1       // W₁[θ, 0]
            theta[3 * hidden] = 0.5     // W₁[θ̇, 0]
            theta[w2] = -1              // W₂[0, left]
            theta[w2 + 1] = 1           // W₂[0, right]
        }
        return theta
    }

    func testGroupedEpisodesEqualSingleEpisodes() throws {
        // CartPole takes the all-SIMD path (policies and physics in lanes);
        // the others the generic one (policies in lanes, environments one by one).
        for (env, actions) in [("CartPole-v1", ActionSelection.deterministic), ("CartPole-v1", .sample),
                               ("cartpole-random", .deterministic), ("Pendulum-v1", .deterministic),
                               ("bandit-2-easy", .sample)] {
            let family = try EnvironmentRegistry.standard.resolve(env)
            let net = PolicyNetwork(sizes: [family.observationSpace.dimension, 16,
                                            EpisodeRunner.outputWidth(for: family.actionSpace)], activation: .tanh)
            for maxSteps in [Int?.none, 37] {
                let runner = EpisodeRunner(family: family, network: net, split: .train, maxSteps: maxSteps, actions: actions)
                let mean = net.initialGenome(seed: 2, outputGain: 1)
                var eps = [Float](repeating: 0, count: mean.count)
                RandomStream(seed: 9, path: ["eps"]).fill(gaussian: &eps, mean: 0, sigma: 1)
                // Perturbations of μ₀, and on the cart-poles a balancing
                // controller and a constant push: episodes of very different lengths.
                var genomes = [Float(0.05), -0.05, 0.8, -0.8].map { s in zip(mean, eps).map { $0 + s * $1 } }
                if family.observationSpace.dimension == 4 {
                    genomes[2] = controller(net, push: false)
                    genomes[3] = controller(net, push: true)
                }
                let seeds: [UInt64] = [5, 5, 91, 91]
                for count in 1...4 {
                    let grouped = runner.group(Array(genomes[0..<count]), seeds: Array(seeds[0..<count]))
                    for k in 0..<count {
                        XCTAssertEqual(grouped[k], runner.episode(genomes[k], seed: seeds[k]),
                                       "\(env) \(actions) max \(String(describing: maxSteps)) member \(k) of \(count)")
                    }
                }
                let lengths = runner.group(genomes, seeds: seeds).map(\.steps)
                if env == "CartPole-v1" && actions == .deterministic && maxSteps == nil {
                    XCTAssertGreaterThan(lengths[2], 200, "the controller balances: \(lengths)")
                    XCTAssertLessThan(lengths[3], 50, "a constant push topples the pole: \(lengths)")
                }
            }
        }
    }
}
