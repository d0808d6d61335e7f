import Agents
import Autodiff
@testable import EPG
import Environments
import Random
import XCTest

final class InnerLoopTests: XCTestCase {
    private func innerLoop(_ family: String, inner: InnerLoopSection, section: LossNetworkSection = Fixtures.smallSection(),
                           fitness: FitnessSection = FitnessSection()) throws -> LifetimeRunner {
        LifetimeRunner(family: try EnvironmentRegistry.standard.resolve(family), inner: inner, lossNetwork: section, fitness: fitness)
    }

    /// With α = 1 an EPG lifetime is a PPO agent's lifetime, bit for bit:
    /// the loss returns PPO's graph unchanged (no 0·L_φ term), the buffer and
    /// the L_φ minibatch stream touch none of the agent's streams, so every
    /// update sees the same floats in the same order.
    func testAlphaOneReproducesPPOBitwise() throws {
        for family in ["point-goal", "cartpole-random"] {
            let inner = Fixtures.smallInner(lifetime: 480)
            let loop = try innerLoop(family, inner: inner)
            let (_, task) = try Fixtures.task(family)
            let phi = loop.initialGenome(seed: 9)
            let (epg, diagnostics) = try loop.train(genome: phi, alpha: 1, task: task, seed: 21, path: ["life"])
            let ppo = try Agent(loop.spec(task: task, seed: 21, path: ["life"]))
            ppo.train(until: inner.lifetimeSteps)
            XCTAssertEqual(epg.policy.parameters.flatValues().map(\.bitPattern),
                           ppo.policy.parameters.flatValues().map(\.bitPattern), family)
            XCTAssertEqual(epg.curve, ppo.curve, family)
            XCTAssertEqual(diagnostics.evolvedSteps, 0)
            XCTAssertGreaterThan(ppo.curve.updates.count, 10)
            // And the evolved loss does matter when α < 1.
            let (mixed, d2) = try loop.train(genome: phi, alpha: 0.5, task: task, seed: 21, path: ["life"])
            XCTAssertNotEqual(mixed.policy.parameters.flatValues(), ppo.policy.parameters.flatValues(), family)
            XCTAssertEqual(d2.evolvedSteps, mixed.curve.updates.reduce(0) { $0 + $1.gradientSteps })
        }
    }

    /// The REINFORCE φ (L_φ = −mean(r·log π(a|s))) trains agents: on the easy
    /// two-armed bandit they learn to pull the good arm within a lifetime,
    /// while φ = 0 (a constant loss: no gradient) leaves them at chance.
    func testSurrogateLossMakesAgentsLearn() throws {
        var inner = InnerLoopSection()
        inner.lifetimeSteps = 3_200       // 32 episodes of 100 pulls
        inner.hiddenSizes = [16]
        inner.learningRate = 1e-2
        let section = Fixtures.smallSection()
        let loop = try innerLoop("bandit-2-easy", inner: inner, section: section)
        let surrogate = LossNetwork.reinforceGenome(layout: loop.layout, section: section)
        let zero = [Float](repeating: 0, count: surrogate.count)
        var learned: [Double] = [], control: [Double] = [], first: [Double] = []
        for seed in 0..<4 {
            let (_, task) = try Fixtures.task("bandit-2-easy", index: seed)
            let a = try loop.run(genome: surrogate, alpha: 0, task: task, seed: UInt64(seed), path: ["s"])
            let b = try loop.run(genome: zero, alpha: 0, task: task, seed: UInt64(seed), path: ["s"])
            XCTAssertEqual(a.skippedSteps, 0)
            first.append(a.curve.episodes.prefix(3).map(\.return).reduce(0, +) / 3)
            learned.append(a.curve.meanReturn(last: 5)!)
            control.append(b.curve.meanReturn(last: 5)!)
        }
        let mean = { (x: [Double]) in x.reduce(0, +) / Double(x.count) }
        XCTAssertGreaterThan(mean(learned), 75, "learned \(learned), first episodes \(first)")
        XCTAssertGreaterThan(mean(learned) - mean(first), 15, "learned \(learned), first episodes \(first)")
        XCTAssertLessThan(mean(control), 62, "control \(control)")
    }

    /// A φ whose loss overflows to ±∞ on every step: every step is skipped
    /// and counted, θ ends exactly where it started, Adam never moved.
    func testNonFiniteStepsAreSkippedAndCounted() throws {
        let inner = Fixtures.smallInner(lifetime: 240)
        let section = Fixtures.smallSection()
        let loop = try innerLoop("point-goal", inner: inner, section: section)
        var phi = LossNetwork.reinforceGenome(layout: loop.layout, section: section)
        for i in phi.indices where phi[i] != 0 { phi[i] *= 1e38 }   // ±1e38·x overflows for |x| > 3.4
        let (_, task) = try Fixtures.task("point-goal")
        let (agent, diagnostics) = try loop.train(genome: phi, alpha: 0, task: task, seed: 2, path: ["nf"])
        let fresh = try Agent(loop.spec(task: task, seed: 2, path: ["nf"]))
        XCTAssertGreaterThan(diagnostics.evolvedSteps, 10)
        XCTAssertEqual(diagnostics.skippedSteps, diagnostics.evolvedSteps)
        XCTAssertEqual(agent.policy.parameters.flatValues().map(\.bitPattern), fresh.policy.parameters.flatValues().map(\.bitPattern))
        XCTAssertEqual(agent.optimizer.state, fresh.optimizer.state)
        XCTAssertEqual(agent.optimizer.rule.learningRate, Float(inner.learningRate))
        XCTAssertTrue(agent.curve.episodes.allSatisfy { $0.return.isFinite })
        // A finite loss is never skipped.
        let ok = try loop.run(genome: LossNetwork.reinforceGenome(layout: loop.layout, section: section), alpha: 0,
                              task: task, seed: 2, path: ["nf"])
        XCTAssertEqual(ok.skippedSteps, 0)
    }

    func testFitnessModes() throws {
        let inner = Fixtures.smallInner(lifetime: 600)
        let (_, task) = try Fixtures.task("point-goal")
        var fitness = FitnessSection()
        fitness.episodes = 3
        var results: [FitnessSection.Mode: LifetimeOutcome] = [:]
        for mode in FitnessSection.Mode.allCases {
            fitness.mode = mode
            let loop = try innerLoop("point-goal", inner: inner, fitness: fitness)
            results[mode] = try loop.run(genome: loop.initialGenome(seed: 1), alpha: 0, task: task, seed: 4, path: ["f"])
        }
        let curve = results[.lastEpisodes]!.curve
        XCTAssertEqual(curve.episodes.count, 6)    // 600 steps of 100-step episodes
        XCTAssertEqual(results[.lastEpisodes]!.fitness, curve.meanReturn(last: 3)!, accuracy: 1e-12)
        XCTAssertEqual(results[.lifetimeMean]!.fitness, curve.meanReturn(last: 6)!, accuracy: 1e-12)
        XCTAssertTrue(results[.finalPolicy]!.fitness.isFinite)
        // The same lifetime under every mode (the score reads it, it does not change it).
        XCTAssertEqual(results[.finalPolicy]!.curve, curve)
    }
}
