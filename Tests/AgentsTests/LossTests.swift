import Autodiff
import Environments
import Random
import XCTest
@testable import Agents

/// PPO's and vanilla PG's losses against independent scalar computations,
/// their gradients against finite differences, and plugging in a loss of
/// one's own (as EPG does).
final class LossTests: XCTestCase {
    /// Random minibatch data: new and old log-probs, advantages, returns, values.
    struct Batch {
        var logp: [Float], old: [Float], adv: [Float], ret: [Float], value: [Float], oldValue: [Float], entropy: [Float]
        init(_ n: Int, seed: UInt64) {
            let r = RandomStream(seed: seed, path: ["loss-batch"])
            func draw(_ s: Double, _ m: Double = 0) -> [Float] { (0..<n).map { _ in Float(r.gaussian(mean: m, sigma: s)) } }
            old = draw(0.5, -0.7)
            logp = zip(old, draw(0.3)).map { $0 + $1 }   // ratios spread on both sides of the clip range
            adv = draw(1)
            ret = draw(2, 1)
            value = zip(ret, draw(0.5)).map { $0 + $1 }
            oldValue = zip(value, draw(0.4)).map { $0 + $1 }
            entropy = draw(0.1, 0.6)
        }
    }

    /// CleanRL's formulas, written out in Double.
    func reference(_ b: Batch, _ h: PPOHyperparameters) -> (total: Double, pg: Double, v: Double) {
        let n = Double(b.logp.count), eps = h.clipCoef
        var pg = 0.0, v = 0.0, ent = 0.0
        for i in b.logp.indices {
            let ratio = exp(Double(b.logp[i]) - Double(b.old[i]))
            let a = Double(b.adv[i])
            pg += max(-a * ratio, -a * min(max(ratio, 1 - eps), 1 + eps))
            let unclipped = pow(Double(b.value[i]) - Double(b.ret[i]), 2)
            if h.clipVloss {
                let vc = Double(b.oldValue[i]) + min(max(Double(b.value[i] - b.oldValue[i]), -eps), eps)
                v += max(unclipped, pow(vc - Double(b.ret[i]), 2))
            } else {
                v += unclipped
            }
            ent += Double(b.entropy[i])
        }
        pg /= n; v = 0.5 * v / n; ent /= n
        return (pg - h.entCoef * ent + h.vfCoef * v, pg, v)
    }

    func inputs(_ b: Batch, _ vars: [Tensor], tape: Tape, h: PPOHyperparameters, rollout: RolloutBuffer) -> LossInputs {
        let n = b.logp.count
        let mean = vars[0] * 0  // a dummy head for the distribution
        return LossInputs(tape: tape,
                          outputs: PolicyOutputs(distribution: .gaussian(DiagonalGaussian(mean: mean, logStd: tape.zeros(rows: 1, cols: 1))),
                                                 value: vars[1]),
                          logProb: vars[0], entropy: vars[2],
                          oldLogProb: tape.constant(b.old, rows: n, cols: 1),
                          advantages: tape.constant(b.adv, rows: n, cols: 1),
                          returns: tape.constant(b.ret, rows: n, cols: 1),
                          oldValues: tape.constant(b.oldValue, rows: n, cols: 1),
                          observations: tape.zeros(rows: n, cols: 1), actions: .values(tape.zeros(rows: n, cols: 1)),
                          rows: UnsafeBufferPointer(start: nil, count: 0), rollout: rollout, hyperparameters: h,
                          epoch: 0, minibatch: 0)
    }

    func testPPOLossMatchesReferenceAndFiniteDifferences() throws {
        let rollout = RolloutBuffer(numEnvs: 1, numSteps: 1, observationSize: 1, actionSize: 1, isDiscrete: false)
        for (k, clipV) in [false, true].enumerated() {
            var h = PPOHyperparameters()
            h.clipVloss = clipV
            h.entCoef = 0.02
            h.vfCoef = 0.7
            let b = Batch(32, seed: UInt64(k))
            let tape = Tape()
            var ppo = PPOLoss()
            let vars = [tape.variable(b.logp, rows: 32, cols: 1), tape.variable(b.value, rows: 32, cols: 1),
                        tape.variable(b.entropy, rows: 32, cols: 1)]
            let out = ppo.loss(inputs(b, vars, tape: tape, h: h, rollout: rollout))
            let ref = reference(b, h)
            XCTAssertEqual(Double(out.total.scalar), ref.total, accuracy: 1e-5)
            XCTAssertEqual(Double(out.policyLoss), ref.pg, accuracy: 1e-5)
            XCTAssertEqual(Double(out.valueLoss), ref.v, accuracy: 1e-5)
            let report = GradientCheck.run(inputs: [.init(b.logp, rows: 32, cols: 1), .init(b.value, rows: 32, cols: 1),
                                                    .init(b.entropy, rows: 32, cols: 1)], step: 1e-3) { t, v in
                var l = PPOLoss()
                return l.loss(self.inputs(b, v, tape: t, h: h, rollout: rollout)).total
            }
            XCTAssertTrue(report.passed, "\(report)")
        }
    }

    func testVanillaPGLossMatchesReference() throws {
        let rollout = RolloutBuffer(numEnvs: 1, numSteps: 1, observationSize: 1, actionSize: 1, isDiscrete: false)
        var h = PPOHyperparameters()
        h.entCoef = 0.05
        let b = Batch(16, seed: 9)
        let tape = Tape()
        let vars = [tape.variable(b.logp, rows: 16, cols: 1), tape.variable(b.value, rows: 16, cols: 1),
                    tape.variable(b.entropy, rows: 16, cols: 1)]
        var vpg = VanillaPGLoss()
        let out = vpg.loss(inputs(b, vars, tape: tape, h: h, rollout: rollout))
        var pg = 0.0, v = 0.0, ent = 0.0
        for i in 0..<16 {
            pg -= Double(b.logp[i]) * Double(b.adv[i])
            v += pow(Double(b.value[i] - b.ret[i]), 2)
            ent += Double(b.entropy[i])
        }
        XCTAssertEqual(Double(out.total.scalar), pg / 16 - 0.05 * ent / 16 + 0.5 * 0.5 * v / 16, accuracy: 1e-5)
        XCTAssertEqual(vpg.schedule(h), UpdateSchedule(epochs: 1, minibatches: 1, shuffle: false))
    }

    /// An EPG-style loss: a network with its own, non-trainable parameters φ
    /// reads θ-dependent policy outputs next to rollout constants.
    final class NetworkLoss: PolicyLoss {
        let phi = ParameterSet(trainable: false)
        let net: MLP
        var calls = 0
        var prepared = 0
        var rowsSeen = Set<Int32>()
        var firstRatioGap: Float = .nan
        init() {
            net = MLP(sizes: [3, 8, 1], in: phi, rng: RandomStream(seed: 4, path: ["phi"]))
        }
        func prepare(_ rollout: RolloutBuffer, hyperparameters: PPOHyperparameters) { prepared += 1 }
        func loss(_ x: LossInputs) -> LossOutput {
            if calls == 0 {
                // Acting and learning see the same policy before the first step.
                let lp = x.logProb.values, old = x.oldLogProb.values
                firstRatioGap = zip(lp, old).map { abs($0 - $1) }.max()!
            }
            calls += 1
            for r in x.rows { rowsSeen.insert(r) }
            precondition(x.logProb.rows == x.rows.count && x.observations.rows == x.rows.count)
            let features = concat([x.logProb, x.advantages, x.returns], axis: 1)
            // −E[f_φ(·)·log π]: a learned weighting of the policy gradient, plus a value term.
            let weight = net(features).stopGradient()
            let total = -(x.logProb * (x.advantages + weight)).mean() + ((x.value - x.returns).squared().mean() * 0.5)
            return LossOutput(total: total)
        }
    }

    func testPluggedInLossTrainsThePolicyOnly() throws {
        var h = Fixture.small
        h.updateEpochs = 3
        h.numMinibatches = 4
        let agent = try Agent(try Fixture.cartPole(seed: 5, lifetime: 640, h))
        var loss = NetworkLoss()
        let phiBefore = loss.phi.flatValues()
        let thetaBefore = agent.policy.parameters.flatValues()
        agent.train(until: 640, loss: &loss)
        XCTAssertEqual(agent.iterations, 10)
        XCTAssertEqual(loss.prepared, 10)
        XCTAssertEqual(loss.calls, 10 * 3 * 4)
        XCTAssertEqual(loss.rowsSeen, Set((0..<64).map(Int32.init)))
        XCTAssertLessThan(loss.firstRatioGap, 1e-5)
        XCTAssertEqual(loss.phi.flatValues(), phiBefore, "φ must not be trained by the inner loop")
        XCTAssertNotEqual(agent.policy.parameters.flatValues(), thetaBefore)
        XCTAssertTrue(agent.curve.updates.allSatisfy { $0.policyLoss.isNaN && $0.approxKL.isFinite })
        // The same loss through the concurrent lifetime API gives the same curve.
        let curves = try ConcurrentTraining.run([try Fixture.cartPole(seed: 5, lifetime: 640, h)], threads: 2) { _ in NetworkLoss() }
        XCTAssertEqual(curves[0], agent.curve)
    }

    func testTargetKLStopsTheUpdateEarly() throws {
        var h = Fixture.small
        h.updateEpochs = 50
        h.learningRate = 0.05
        h.targetKL = 0.001
        let agent = try Agent(try Fixture.cartPole(seed: 3, lifetime: 256, h))
        agent.train(until: 256)
        XCTAssertTrue(agent.curve.updates.contains { $0.stoppedEarly && $0.gradientSteps < 100 })
        // Every step taken had approx_kl ≤ 1.5 × target_kl, so their mean does too.
        XCTAssertTrue(agent.curve.updates.allSatisfy { $0.gradientSteps == 0 || $0.approxKL <= 1.5 * 0.001 })
    }
}
