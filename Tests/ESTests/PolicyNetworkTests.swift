import Environments
import Foundation
import ES
import Policies
import Runs
import Random
import XCTest

/// The inference forward pass against an independent Double oracle, the
/// genome layout against the gradient engine's initialisation, and episodes.
final class PolicyNetworkTests: XCTestCase {
    /// y = W₃ᵀ f(W₂ᵀ f(W₁ᵀ x + b₁) + b₂) + b₃ in Double with libm's tanh.
    private func oracle(_ net: PolicyNetwork, _ theta: [Float], _ x: [Float]) -> [Double] {
        var h = x.map(Double.init)
        var offset = 0
        for l in 0..<(net.sizes.count - 1) {
            let n = net.sizes[l], m = net.sizes[l + 1]
            var y = (0..<m).map { Double(theta[offset + n * m + $0]) }
            for i in 0..<n { for j in 0..<m { y[j] += h[i] * Double(theta[offset + i * m + j]) } }
            offset += n * m + m
            let last = l == net.sizes.count - 2
            h = last ? y : y.map { net.activation == .tanh ? Foundation.tanh($0) : net.activation == .relu ? max(0, $0) : $0 }
        }
        return h
    }

    func testForwardMatchesDoubleOracle() {
        // Every path of the kernels: SIMD blocks of 32 and 8, single-output
        // tails (33, 9), narrow transposed layers (7, 3, 2) with input tails.
        let shapes = [[13, 40, 7, 3], [3, 33, 64, 9, 2], [4, 32, 32, 2]]
        for (activation, sizes) in PolicyActivation.allCases.flatMap({ a in shapes.map { (a, $0) } }) {
            let net = PolicyNetwork(sizes: sizes, activation: activation)
            let inputs = sizes[0], outputs = sizes.last!
            let rng = RandomStream(seed: 11, path: ["test", "forward"])
            var theta = [Float](repeating: 0, count: net.parameterCount)
            rng.fill(gaussian: &theta, mean: 0, sigma: 0.7)
            var x = [Float](repeating: 0, count: inputs)
            var out = [Float](repeating: 0, count: outputs)
            var scratch = [Float](repeating: 0, count: 2 * net.width)
            var packed = [Float](repeating: 0, count: net.parameterCount)
            theta.withUnsafeBufferPointer { t in packed.withUnsafeMutableBufferPointer { net.pack(t.baseAddress!, into: $0.baseAddress!) } }
            for _ in 0..<20 {
                rng.fill(gaussian: &x, mean: 0, sigma: 2)
                packed.withUnsafeBufferPointer { t in x.withUnsafeBufferPointer { xi in
                    scratch.withUnsafeMutableBufferPointer { s in out.withUnsafeMutableBufferPointer { o in
                        net.forward(packed: t.baseAddress!, input: xi.baseAddress!, scratch: s.baseAddress!, output: o.baseAddress!)
                    } }
                } }
                var unpacked = [Float](repeating: 0, count: outputs)
                theta.withUnsafeBufferPointer { t in x.withUnsafeBufferPointer { xi in
                    scratch.withUnsafeMutableBufferPointer { s in unpacked.withUnsafeMutableBufferPointer { o in
                        net.forward(t.baseAddress!, input: xi.baseAddress!, scratch: s.baseAddress!, output: o.baseAddress!)
                    } }
                } }
                let want = oracle(net, theta, x)
                for j in 0..<outputs {
                    XCTAssertEqual(Double(out[j]), want[j], accuracy: 5e-5 * max(1, abs(want[j])), "\(activation) \(sizes) output \(j)")
                    XCTAssertEqual(Double(unpacked[j]), want[j], accuracy: 5e-5 * max(1, abs(want[j])), "unpacked \(sizes) output \(j)")
                }
            }
        }
    }

    func testInitialGenomeHasTheEngineLayout() {
        let net = PolicyNetwork(sizes: [4, 32, 32, 2], activation: .tanh)
        let theta = net.initialGenome(seed: 5, outputGain: 1)
        XCTAssertEqual(theta.count, 1282)
        XCTAssertEqual(theta, net.initialGenome(seed: 5, outputGain: 1), "μ₀ depends on the seed alone")
        XCTAssertNotEqual(theta, net.initialGenome(seed: 6, outputGain: 1))
        // Biases (after each [in, out] weight block) are zero; the weight
        // blocks are orthogonal: W·Wᵀ = 2·I for the wide 4×32 block (gain √2).
        var offset = 0
        for (n, m) in [(4, 32), (32, 32), (32, 2)] {
            XCTAssertTrue(theta[(offset + n * m)..<(offset + n * m + m)].allSatisfy { $0 == 0 })
            XCTAssertTrue(theta[offset..<(offset + n * m)].contains { $0 != 0 })
            offset += n * m + m
        }
        for a in 0..<4 {
            for b in 0..<4 {
                var dot = 0.0
                for j in 0..<32 { dot += Double(theta[a * 32 + j]) * Double(theta[b * 32 + j]) }
                XCTAssertEqual(dot, a == b ? 2 : 0, accuracy: 1e-5)
            }
        }
    }

    func testEpisodesAreDeterministicAndRespectLimits() throws {
        let family = try EnvironmentRegistry.standard.resolve("CartPole-v1")
        let net = PolicyNetwork(sizes: [4, 8, 2], activation: .tanh)
        let theta = net.initialGenome(seed: 1, outputGain: 1)
        let runner = EpisodeRunner(family: family, network: net, split: .train, maxSteps: 30, actions: .deterministic)
        let a = runner.episode(theta, seed: 42), b = runner.episode(theta, seed: 42)
        XCTAssertEqual(a, b)
        XCTAssertLessThanOrEqual(a.steps, 30)
        XCTAssertEqual(a.totalReward, Double(a.steps), "CartPole pays 1 a step")
        // A constant "push right" policy (bias on logit 1) falls over well before 500 steps.
        var right = [Float](repeating: 0, count: net.parameterCount)
        right[right.count - 1] = 1
        let uncapped = EpisodeRunner(family: family, network: net, split: .train, maxSteps: nil, actions: .deterministic)
        let fall = uncapped.episode(right, seed: 7)
        XCTAssertLessThan(fall.steps, 100)
        XCTAssertGreaterThan(fall.steps, 5)
        let sampled = EpisodeRunner(family: family, network: net, split: .train, maxSteps: nil, actions: .sample)
        XCTAssertEqual(sampled.episode(theta, seed: 3), sampled.episode(theta, seed: 3))
    }

    func testContinuousActionsAreSquashedIntoTheBox() throws {
        let family = try EnvironmentRegistry.standard.resolve("Pendulum-v1")
        let net = PolicyNetwork(sizes: [3, 8, 1], activation: .tanh)
        var huge = [Float](repeating: 0, count: net.parameterCount)
        huge[huge.count - 1] = 1e6 // output bias: tanh saturates at the box's top, 2 N·m
        let runner = EpisodeRunner(family: family, network: net, split: .train, maxSteps: 10, actions: .deterministic)
        let outcome = runner.episode(huge, seed: 1)
        XCTAssertEqual(outcome.steps, 10)
        XCTAssertTrue(outcome.totalReward.isFinite && outcome.totalReward <= 0, "\(outcome)")
    }
}
