import Agents
import Autodiff
@testable import EPG
import Environments
import Random
import XCTest

final class LossNetworkTests: XCTestCase {
    /// Builds L_φ on the tape from the current policy and a fixed minibatch.
    private func lossOnBuffer(_ tape: Tape, network: LossNetwork, policy: ActorCritic, buffer: ExperienceBuffer,
                              memory: MemoryUnits?, minibatch: [Int32], contextGradient: Bool = true) -> Tensor {
        var scratch = [Int32](repeating: 0, count: buffer.count)
        let data = buffer.dataTensor(on: tape)
        let outputs = policy(buffer.observationTensor(on: tape), on: tape, value: false)
        let actions = scratch.withUnsafeMutableBufferPointer { buffer.actions(on: tape, indices: $0) }
        let columns = PolicyColumns.make(outputs.distribution, actions: actions, rewards: buffer.rewardTensor(on: tape),
                                         returns: buffer.returnTensor(on: tape))
        let mem = memory.map { tape.bind($0.vector) }
        return minibatch.withUnsafeBufferPointer { mb in
            if contextGradient {
                return network.loss(data: data, policy: columns, memory: mem, minibatch: mb)
            }
            // The same loss with the context's view of the policy columns frozen.
            return network.loss(data: data, policy: columns, memory: mem, minibatch: mb, contextPolicy: columns.stopGradient())
        }
    }

    private func check(family: String, memory: Int) throws {
        let inner = Fixtures.smallInner()
        let section = Fixtures.smallSection(memory: memory)
        let agent = try Fixtures.agent(family, inner: inner)
        let layout = RowLayout(observationSize: agent.observationSize, actionSpace: agent.actionSpace, memoryUnits: memory)
        var s = section
        s.initScale = 1.5   // larger φ: a loss with real curvature in θ
        let network = LossNetwork(layout: layout, section: s, rng: RandomStream(seed: 5, path: ["phi"]))
        if let m = network.initialMemory {   // a nonzero m₀, so memory's gradient path is exercised
            network.parameters.withUnsafeMutableValues { v in for j in 0..<m.count { v[m.offset + j] = 0.3 * Float(j + 1) } }
        }
        let buffer = ExperienceBuffer(layout: layout, capacity: section.bufferSize, lifetimeSteps: inner.lifetimeSteps)
        buffer.append(agent.rollout)
        buffer.append(agent.rollout)   // 48 rows: the ring wraps once
        XCTAssertEqual(buffer.count, 48)
        let memoryUnits = network.initialMemory.map { MemoryUnits(initial: network.parameters.values(of: $0), learningRate: 1e-3) }
        let minibatch: [Int32] = [3, 17, 40, 9, 47, 0, 22, 31]
        var sets = [agent.policy.parameters]
        if let memoryUnits { sets.append(memoryUnits.parameters) }
        let report = GradientCheck.run(inputs: [], parameters: sets, step: 5e-3, absoluteTolerance: 2e-3,
                                       relativeTolerance: 2e-2) { tape, _ in
            self.lossOnBuffer(tape, network: network, policy: agent.policy, buffer: buffer, memory: memoryUnits,
                              minibatch: minibatch)
        }
        XCTAssertTrue(report.passed, "\(family): \(report)")
        XCTAssertGreaterThan(report.checked, agent.policy.parameters.count - 1)

        // Gradients flow through the context as well as through each row:
        // freezing the context's view of π changes ∂L_φ/∂θ.
        func gradient(context: Bool) -> [Float] {
            let tape = Tape()
            let l = lossOnBuffer(tape, network: network, policy: agent.policy, buffer: buffer, memory: memoryUnits,
                                 minibatch: minibatch, contextGradient: context)
            tape.backward(l)
            return agent.policy.parameters.flatGradients()
        }
        let full = gradient(context: true), headOnly = gradient(context: false)
        let diff = zip(full, headOnly).map { abs($0 - $1) }.max() ?? 0
        XCTAssertGreaterThan(diff, 1e-6, "the context path carries no gradient")
        XCTAssertGreaterThan(headOnly.map(abs).max() ?? 0, 1e-6, "the head path carries no gradient")
        // Not a vacuous check: the gradient is large next to the check's worst error.
        XCTAssertGreaterThan(full.map(abs).max() ?? 0, 100 * report.maxAbsoluteError, "\(family): ∂L_φ/∂θ is tiny")
    }

    func testGradientMatchesFiniteDifferencesContinuous() throws { try check(family: "point-goal", memory: 0) }
    func testGradientMatchesFiniteDifferencesDiscrete() throws { try check(family: "cartpole-random", memory: 0) }
    func testGradientMatchesFiniteDifferencesWithMemory() throws { try check(family: "point-goal", memory: 3) }

    /// The REINFORCE φ computes −mean(x·log π(a|s)) over the minibatch
    /// exactly, x the reward or the standardised reward-to-go Ĝ.
    func testReinforceGenomeIsTheSurrogate() throws {
        let inner = Fixtures.smallInner()
        let section = Fixtures.smallSection()
        for family in ["point-goal", "bandit-2-easy"] {
            let agent = try Fixtures.agent(family, inner: inner)
            let layout = RowLayout(observationSize: agent.observationSize, actionSpace: agent.actionSpace, memoryUnits: 0)
            let buffer = ExperienceBuffer(layout: layout, capacity: section.bufferSize, lifetimeSteps: inner.lifetimeSteps,
                                          gamma: 0.9)
            buffer.append(agent.rollout)
            // Independently: log π(a|s) from the policy, r from the rollout, Ĝ by hand.
            let t2 = Tape()
            let n = agent.rollout.count, d = agent.observationSize
            let x = t2.constant(Array(agent.rollout.observations), rows: n, cols: d)
            let dist = agent.policy(x, on: t2, value: false).distribution
            let logp: Tensor
            if case .box = agent.actionSpace {
                logp = dist.logProb(.values(t2.constant(Array(agent.rollout.actionValues), rows: n, cols: 2)))
            } else {
                logp = dist.logProb(.indices(agent.rollout.actionIndices))
            }
            let r = agent.rollout.environmentRewards.map(Double.init)
            var g = [Double](repeating: 0, count: n), next = 0.0
            for t in stride(from: n - 1, through: 0, by: -1) {
                let done = agent.rollout.terminated[t] || agent.rollout.truncated[t]
                next = r[t] + (done ? 0 : 0.9 * next)
                g[t] = next
            }
            let mean = g.reduce(0, +) / Double(n)
            let std = (g.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n)).squareRoot()
            let standardized = g.map { ($0 - mean) / (std + 1e-8) }
            let minibatch: [Int32] = [0, 5, 6, 11, 23]
            for (signal, weights) in [(SurrogateSignal.reward, r), (.returnToGo, standardized)] {
                let network = LossNetwork(layout: layout, section: section, rng: RandomStream(seed: 1))
                try network.load(LossNetwork.reinforceGenome(layout: layout, section: section, signal: signal))
                let tape = Tape()
                let loss = lossOnBuffer(tape, network: network, policy: agent.policy, buffer: buffer, memory: nil,
                                        minibatch: minibatch)
                var expected = 0.0
                for i in minibatch { expected -= weights[Int(i)] * Double(logp[Int(i), 0]) }
                expected /= Double(minibatch.count)
                XCTAssertEqual(Double(loss.scalar), expected, accuracy: 1e-5 * max(1, abs(expected)), "\(family) \(signal)")
            }
        }
    }

    func testShapesAndMinimumRows() throws {
        let section = LossNetworkSection()
        XCTAssertEqual(section.minimumRows, 21)   // (1 − 1)·2 + 4 = 4 steps in, then (4 − 1)·5 + 6
        let layout = RowLayout(observationSize: 4, actionSpace: .box(dimension: 2, low: -1, high: 1), memoryUnits: 0)
        XCTAssertEqual(layout.dataWidth, 4 + 2 + 4)        // s, a, r, d, t/T, Ĝ
        XCTAssertEqual(layout.policyWidth, 2 + 2 + 3)      // μ, log σ, log π, r·log π, Ĝ·log π
        let discrete = RowLayout(observationSize: 4, actionSpace: .discrete(2), memoryUnits: 5, returnFeatures: false)
        XCTAssertEqual(discrete.width, (4 + 2 + 3) + (2 + 2) + 5)
        // φ₀ is a pure function of the seed.
        XCTAssertEqual(LossNetwork.initialGenome(layout: layout, section: section, seed: 4),
                       LossNetwork.initialGenome(layout: layout, section: section, seed: 4))
        XCTAssertNotEqual(LossNetwork.initialGenome(layout: layout, section: section, seed: 4),
                          LossNetwork.initialGenome(layout: layout, section: section, seed: 5))
    }
}
