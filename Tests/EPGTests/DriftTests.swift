import Agents
import Autodiff
import Environments
import Foundation
import Random
import XCTest
@testable import EPG

/// Learned drifts (LPO, TA-LPO) and DPO: every φ is a valid drift, φ = 0 is
/// its base learner bit for bit, DPO is its closed form, and an objective
/// evolved on one environment trains agents on another.
final class DriftTests: XCTestCase {
    static let shapes = [DriftShape(timeAware: false, hidden: 8), DriftShape(timeAware: true, hidden: 5)]
    static let bases: [BuiltInDrift] = [.clip, .dpo, .none]

    static func network(_ shape: DriftShape, seed: UInt64, scale: Double) throws -> DriftNetwork {
        let net = DriftNetwork(shape: shape)
        let rng = RandomStream(seed: seed)
        try net.load((0..<shape.genomeLength).map { _ in Float(rng.gaussian() * scale) })
        return net
    }

    /// The central-difference slope |D(1 + h) − D(1 − h)| / 2h of D at r = 1.
    static func slope(_ d: (Float) -> Float, h: Float) -> Float { abs(d(1 + h) - d(1 - h)) / (2 * h) }

    /// ∂D/∂r = 0 at r = 1 as central differences see it: the slope estimate
    /// shrinks with h (tenfold smaller h, at least about tenfold smaller slope)
    /// instead of converging to a non-zero derivative.
    static func flatAtOne(_ d: (Float) -> Float) -> Bool {
        slope(d, h: 1e-4) <= 0.15 * slope(d, h: 1e-3) + 1e-3
    }

    /// Mirror learning's conditions on a grid, for random φ of two scales:
    /// D ≥ 0; D(1, Â) = 0; ∂D/∂r = 0 at r = 1 by central differences.
    func testEveryPhiGivesAValidDrift() throws {
        let ratios: [Float] = stride(from: 0.3, through: 3.0, by: 0.05).map { Float($0) }
        let advantages: [Float] = [-3, -1, -0.2, 0, 0.2, 1, 3]
        for shape in Self.shapes {
            for base in Self.bases {
                for (seed, scale) in [(1, 0.3), (2, 3.0)] {
                    let net = try Self.network(shape, seed: UInt64(seed), scale: scale)
                    for progress: Float in [0, 0.5, 1] {
                        let r = ratios.flatMap { r in advantages.map { _ in r } }
                        let a = ratios.flatMap { _ in advantages }
                        let d = net.drift(ratios: r, advantages: a, progress: progress, base: base)
                        XCTAssertTrue(d.allSatisfy { $0 >= 0 && $0.isFinite }, "\(shape) \(base) D ≥ 0")
                        let one = net.drift(ratios: advantages.map { _ in 1 }, advantages: advantages, progress: progress,
                                            base: base)
                        XCTAssertEqual(one, advantages.map { _ in 0 }, "\(shape) \(base): D(1, Â) = 0")
                        for a in advantages {
                            let d = { (r: Float) in net.drift(ratios: [r], advantages: [a], progress: progress, base: base)[0] }
                            XCTAssertTrue(Self.flatAtOne(d), "\(shape) \(base) Â = \(a): slopes \(Self.slope(d, h: 1e-3)), \(Self.slope(d, h: 1e-4))")
                        }
                    }
                }
            }
        }
    }

    /// The check above has teeth: a drift with a kink at r = 1, ReLU((r − 1)·Â),
    /// or a smooth one with a slope there, (r − 1)², fails it.
    func testTheSlopeCheckCatchesADriftThatIsNotFlatAtOne() {
        XCTAssertFalse(Self.flatAtOne { r in max(0, (r - 1) * 1.5) })
        XCTAssertFalse(Self.flatAtOne { r in (r - 0.9) * (r - 0.9) })
        XCTAssertTrue(Self.flatAtOne { r in 40 * (r - 1) * (r - 1) })
    }

    /// DPO's drift on the tape equals its closed form (Lu et al. 2022, α = 2, β = 0.6).
    func testDPOIsItsClosedForm() {
        let net = DriftNetwork(shape: DriftShape(timeAware: false, hidden: 4))
        for r: Float in [0.4, 0.8, 0.99, 1, 1.01, 1.3, 2.5] {
            for a: Float in [-2, -0.5, 0, 0.5, 2] {
                let u = a >= 0 ? Double(r - 1) * Double(a) : Foundation.log(Double(r)) * Double(a)
                let c = a >= 0 ? 2.0 : 0.6
                let want = max(0, u - c * Foundation.tanh(u / c))
                let got = net.drift(ratios: [r], advantages: [a], base: .dpo)[0]
                XCTAssertEqual(Double(got), want, accuracy: 1e-5 + 1e-4 * want, "r \(r), Â \(a)")
            }
        }
    }

    /// φ = 0 over PPO's clip trains an agent bit for bit as PPO does; over
    /// DPO's drift, as the built-in DPO learner does.
    func testZeroPhiIsItsBaseLearnerBitForBit() throws {
        let family = try EnvironmentRegistry.standard.resolve("cartpole-random")
        let task = try family.task(seed: 5, split: .train, index: 0)
        var h = ShippedPPO.settings(for: "cartpole").hyperparameters
        h.numEnvs = 4
        for (learner, base) in [(LearnerKind.ppo, BuiltInDrift.clip), (.dpo, .dpo)] {
            let spec = AgentSpec(task: task, hyperparameters: h, learner: learner, lifetimeSteps: 3_072, seed: 9,
                                 path: ["zero-phi"])
            let reference = try Agent(spec)
            reference.train(until: 3_072)
            let learned = try Agent(spec)
            var loss = LearnedObjectiveLoss(network: DriftNetwork(shape: DriftShape(timeAware: true, hidden: 6)),
                                            base: base, lifetimeSteps: 3_072)
            learned.train(until: 3_072, loss: &loss)
            XCTAssertEqual(learned.curve, reference.curve, "\(learner): the same episodes and update statistics")
            XCTAssertEqual(learned.state.bytes, reference.state.bytes, "\(learner): the same θ, Adam, streams")
            // A non-zero φ does change the learning.
            let other = try Agent(spec)
            var perturbed = LearnedObjectiveLoss(network: try Self.network(DriftShape(timeAware: true, hidden: 6), seed: 3,
                                                                            scale: 0.3),
                                                 base: base, lifetimeSteps: 3_072)
            other.train(until: 3_072, loss: &perturbed)
            XCTAssertNotEqual(other.curve.updates, reference.curve.updates, "\(learner)")
        }
    }

    /// A drift evolved on cartpole-random trains agents on a continuous-action
    /// environment and on a bandit with their own shipped PPO; EPG's loss,
    /// which reads observations, refuses to.
    func testAnObjectiveEvolvedOnOneEnvironmentTrainsOnAnother() throws {
        var sections = LPOSections()
        sections.objective.hidden = 4
        let genome = try Self.network(sections.objective.shape, seed: 4, scale: 0.2).parameters.flatValues()
        for target in ["pendulum", "bandit-10", "point-goal"] {
            var lifetimes = try sections.transferLifetimes(from: "cartpole-random", to: target)
            XCTAssertEqual(lifetimes.hyperparameters, ShippedPPO.settings(for: lifetimes.family.name).hyperparameters)
            lifetimes = DriftLifetimes(family: lifetimes.family, shape: lifetimes.shape, base: lifetimes.base,
                                       hyperparameters: lifetimes.hyperparameters, lifetimeSteps: 2_048,
                                       fitness: lifetimes.fitness)
            let task = try lifetimes.family.task(seed: 1, split: .train, index: 0)
            let outcome = try lifetimes.run(genome: genome, task: task, seed: 2, path: ["transfer"])
            XCTAssertTrue(outcome.fitness.isFinite, target)
            XCTAssertGreaterThanOrEqual(outcome.steps, 2_048, target)
        }
        XCTAssertThrowsError(try EPGSections().transferLifetimes(from: "point-goal", to: "cartpole")) {
            XCTAssertTrue("\($0)".contains("algorithm: lpo"), "\($0)")
        }
    }
}
