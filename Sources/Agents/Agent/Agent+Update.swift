import Foundation
import Autodiff

extension Agent {
    /// Trains with the built-in learner (`learner`) until at least `target`
    /// environment steps are taken; `onUpdate` sees each update's statistics.
    public func train(until target: Int, onUpdate: (UpdateStats) -> Void = { _ in }) {
        var loss = BuiltInLoss(learner)
        train(until: target, loss: &loss, onUpdate: onUpdate)
    }

    /// Trains with `loss` until at least `target` environment steps are taken
    /// (whole iterations: the agent stops at the first boundary ≥ `target`).
    public func train<L: PolicyLoss>(until target: Int, loss: inout L,
                                     onUpdate: (UpdateStats) -> Void = { _ in }) {
        while steps < target { onUpdate(iterate(loss: &loss)) }
    }

    /// One iteration: anneal α, collect a rollout, compute GAE, run the
    /// loss's schedule of gradient steps. Returns (and records) its statistics.
    @discardableResult
    public func iterate<L: PolicyLoss>(loss: inout L) -> UpdateStats {
        let h = hyperparameters
        // CleanRL's annealing: α·(1 − progress), progress measured before the rollout.
        let fraction = h.annealLR ? max(0, 1 - Double(steps) / Double(lifetimeSteps)) : 1
        let learningRate = fraction * h.learningRate
        optimizer.rule.learningRate = Float(learningRate)
        optimizer.rule.epsilon = Float(h.adamEpsilon)
        collectRollout()
        rollout.computeAdvantages(gamma: Float(h.gamma), lambda: Float(h.gaeLambda))
        loss.prepare(rollout, hyperparameters: h)
        let schedule = loss.schedule(h)
        precondition(schedule.minibatches <= rollout.count,
                     "UpdateSchedule: \(schedule.minibatches) minibatches for \(rollout.count) rows")
        var sums = StepSums()
        let total = rollout.count
        // Identity first: the permutation then depends only on this update's draws.
        for i in 0..<total { scratch.permutation[i] = Int32(i) }
        epochs: for epoch in 0..<schedule.epochs {
            if schedule.shuffle { minibatchStream.shuffle(&scratch.permutation) }
            let stop = scratch.permutation.withUnsafeBufferPointer { perm -> Bool in
                for mb in 0..<schedule.minibatches {
                    let start = mb * total / schedule.minibatches
                    let end = (mb + 1) * total / schedule.minibatches
                    let rows = UnsafeBufferPointer(rebasing: perm[start..<end])
                    if !gradientStep(rows: rows, epoch: epoch, minibatch: mb, loss: &loss, sums: &sums) { return true }
                }
                return false
            }
            if stop {
                sums.stoppedEarly = true
                break epochs
            }
        }
        iterations += 1
        let stats = sums.stats(iteration: iterations, step: steps,
                               learningRate: learningRate,
                               explainedVariance: explainedVariance())
        curve.updates.append(stats)
        return stats
    }

    /// One minibatch: forward, loss, diagnostics, then (unless the target-KL
    /// rule fires, which returns false) backward, clipping and Adam.
    private func gradientStep<L: PolicyLoss>(rows: UnsafeBufferPointer<Int32>, epoch: Int, minibatch: Int,
                                             loss: inout L, sums: inout StepSums) -> Bool {
        let h = hyperparameters
        let b = rows.count, d = observationSize, buffer = rollout
        tape.reset()
        let obs = tape.constant(rows: b, cols: d) { out in
            for k in 0..<b {
                let src = buffer.obs + Int(rows[k]) * d
                for j in 0..<d { out[k * d + j] = src[j] }
            }
        }
        let outputs = policy(obs, on: tape)
        let actions: ActionBatch
        if policy.isDiscrete {
            for k in 0..<b { scratch.minibatchIndices[k] = buffer.actionIndex[Int(rows[k])] }
            actions = .indices(UnsafeBufferPointer(start: scratch.minibatchIndices, count: b))
        } else {
            let a = buffer.actionSize
            actions = .values(tape.constant(rows: b, cols: a) { out in
                for k in 0..<b {
                    let src = buffer.actionValue + Int(rows[k]) * a
                    for j in 0..<a { out[k * a + j] = src[j] }
                }
            })
        }
        func column(_ source: UnsafeMutablePointer<Float>) -> Tensor {
            tape.constant(rows: b, cols: 1) { out in for k in 0..<b { out[k] = source[Int(rows[k])] } }
        }
        let advantages = tape.constant(rows: b, cols: 1) { out in
            for k in 0..<b { out[k] = buffer.advantage[Int(rows[k])] }
            if h.normAdv && b > 1 { normalize(out) }
        }
        let inputs = LossInputs(
            tape: tape, outputs: outputs, logProb: outputs.distribution.logProb(actions),
            entropy: outputs.distribution.entropy(), oldLogProb: column(buffer.logProb),
            advantages: advantages, returns: column(buffer.ret), oldValues: column(buffer.value),
            observations: obs, actions: actions, rows: rows, rollout: buffer, hyperparameters: h,
            epoch: epoch, minibatch: minibatch)
        let result = loss.loss(inputs)
        // Diagnostics from the pre-step policy, as CleanRL and SB3 log them.
        var kl = 0.0, clipped = 0
        let eps = h.clipCoef
        inputs.logProb.withUnsafeValues { lp in
            inputs.oldLogProb.withUnsafeValues { old in
                for k in 0..<b {
                    let logRatio = Double(lp[k]) - Double(old[k])
                    let ratio = exp(logRatio)
                    kl += (ratio - 1) - logRatio
                    if abs(ratio - 1) > eps { clipped += 1 }
                }
            }
        }
        let approxKL = kl / Double(b)
        if let target = h.targetKL, approxKL > 1.5 * target { return false }
        var entropy = 0.0
        inputs.entropy.withUnsafeValues { e in for k in 0..<b { entropy += Double(e[k]) } }
        tape.backward(result.total)
        let norm: Float
        if let maxNorm = h.maxGradNorm {
            norm = policy.parameters.clipGradients(maxNorm: Float(maxNorm))
        } else {
            norm = policy.parameters.gradientNorm()
        }
        optimizer.step()
        sums.add(policyLoss: result.policyLoss, valueLoss: result.valueLoss, entropy: entropy / Double(b),
                 approxKL: approxKL, clipFraction: Double(clipped) / Double(b), gradientNorm: Double(norm))
        return true
    }

    /// 1 − Var[R̂ − V_old] / Var[R̂] over the rollout (NaN when Var[R̂] = 0).
    func explainedVariance() -> Double {
        let n = rollout.count
        var mr = 0.0, md = 0.0
        for i in 0..<n {
            mr += Double(rollout.ret[i])
            md += Double(rollout.ret[i] - rollout.value[i])
        }
        mr /= Double(n)
        md /= Double(n)
        var vr = 0.0, vd = 0.0
        for i in 0..<n {
            let r = Double(rollout.ret[i]) - mr
            let dd = Double(rollout.ret[i] - rollout.value[i]) - md
            vr += r * r
            vd += dd * dd
        }
        return vr == 0 ? .nan : 1 - vd / vr
    }
}

/// Â ← (Â − mean) / (std + 10⁻⁸) with the unbiased std, in place (CleanRL, SB3).
private func normalize(_ x: UnsafeMutableBufferPointer<Float>) {
    let n = x.count
    var mean = 0.0
    for v in x { mean += Double(v) }
    mean /= Double(n)
    var ss = 0.0
    for v in x { ss += (Double(v) - mean) * (Double(v) - mean) }
    let std = (ss / Double(n - 1)).squareRoot()
    let m = Float(mean), inv = Float(1 / (std + 1e-8))
    for i in 0..<n { x[i] = (x[i] - m) * inv }
}

/// Running sums of the per-minibatch diagnostics of one update.
struct StepSums {
    var count = 0
    var policyLoss = 0.0, valueLoss = 0.0, entropy = 0.0, approxKL = 0.0, clipFraction = 0.0, gradientNorm = 0.0
    var stoppedEarly = false

    mutating func add(policyLoss p: Float, valueLoss v: Float, entropy e: Double, approxKL k: Double,
                      clipFraction c: Double, gradientNorm g: Double) {
        count += 1
        policyLoss += Double(p)
        valueLoss += Double(v)
        entropy += e
        approxKL += k
        clipFraction += c
        gradientNorm += g
    }

    func stats(iteration: Int, step: Int, learningRate: Double, explainedVariance: Double) -> UpdateStats {
        let n = Double(count)
        func mean(_ s: Double) -> Double { count == 0 ? .nan : s / n }
        return UpdateStats(iteration: iteration, step: step, learningRate: learningRate,
                           policyLoss: mean(policyLoss), valueLoss: mean(valueLoss), entropy: mean(entropy),
                           approxKL: mean(approxKL), clipFraction: mean(clipFraction),
                           explainedVariance: explainedVariance, gradientNorm: mean(gradientNorm),
                           gradientSteps: count, stoppedEarly: stoppedEarly)
    }
}
