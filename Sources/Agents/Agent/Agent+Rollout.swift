import Autodiff
import Environments

extension Agent {
    /// Acts for T steps in all N instances, filling `rollout` (env-major) and
    /// booking finished episodes in the curve; then V_old(s_T) for GAE.
    ///
    /// Per step: sample aₜ ~ π_θ(·|sₜ) (continuous actions are clipped to the
    /// box for the environment, stored unclipped for log π), step, scale the
    /// reward (`norm_reward`), and where the time limit — not a terminal
    /// state — ended an episode add γ·V(s_final) to rₜ (Pardo et al. 2018's
    /// partial-episode bootstrapping, as Stable-Baselines3 does).
    func collectRollout() {
        let h = hyperparameters
        let n = h.numEnvs, tMax = h.numSteps, d = observationSize
        let buffer = rollout, s = scratch
        let discrete = policy.isDiscrete
        let a = buffer.actionSize
        let gamma = Float(h.gamma)
        for t in 0..<tMax {
            for e in 0..<n {
                (buffer.obs + buffer.row(env: e, step: t) * d).update(from: s.current + e * d, count: d)
            }
            tape.reset()
            let x = tape.constant(UnsafeBufferPointer(start: s.current, count: n * d), rows: n, cols: d)
            let out = policy(x, on: tape)
            let logp: Tensor
            switch out.distribution {
            case .categorical(let c):
                c.sample(into: UnsafeMutableBufferPointer(start: s.indices, count: n), rng: actionStream)
                for e in 0..<n { s.minibatchIndices[e] = Int32(truncatingIfNeeded: s.indices[e]) }
                logp = c.logProb(UnsafeBufferPointer(start: s.minibatchIndices, count: n))
                for e in 0..<n { buffer.actionIndex[buffer.row(env: e, step: t)] = s.minibatchIndices[e] }
            case .gaussian(let g):
                g.sample(into: UnsafeMutableBufferPointer(start: s.sampled, count: n * a), rng: actionStream)
                logp = g.logProb(tape.constant(UnsafeBufferPointer(start: s.sampled, count: n * a), rows: n, cols: a))
                for e in 0..<n {
                    (buffer.actionValue + buffer.row(env: e, step: t) * a).update(from: s.sampled + e * a, count: a)
                }
                clipActions(count: n)
            }
            logp.withUnsafeValues { lp in
                out.value!.withUnsafeValues { v in
                    for e in 0..<n {
                        let r = buffer.row(env: e, step: t)
                        buffer.logProb[r] = lp[e]
                        buffer.value[r] = v[e]
                    }
                }
            }
            environments.step(discrete: discrete ? UnsafePointer(s.indices) : nil,
                              continuous: discrete ? nil : UnsafePointer(s.clipped),
                              observations: s.raw, rewards: s.rewards,
                              terminated: s.terminated, truncated: s.truncated)
            steps += n
            for e in 0..<n where s.terminated[e] || s.truncated[e] {
                curve.episodes.append(EpisodeRecord(step: steps, return: environments.finishedReturns[e],
                                                    length: environments.finishedLengths[e]))
            }
            for e in 0..<n { buffer.envReward[buffer.row(env: e, step: t)] = s.rewards[e] }
            acceptObservations(updateStatistics: true)
            scaleRewards(gamma: h.gamma)
            bootstrapTruncated(gamma: gamma)
            for e in 0..<n {
                let r = buffer.row(env: e, step: t)
                buffer.reward[r] = s.rewards[e]
                buffer.term[r] = s.terminated[e]
                buffer.trunc[r] = s.truncated[e]
            }
        }
        tape.reset()
        let last = tape.constant(UnsafeBufferPointer(start: s.current, count: n * d), rows: n, cols: d)
        policy.value(last).withUnsafeValues { v in
            for e in 0..<n { buffer.bootstrap[e] = v[e] }
        }
    }

    /// Clips sampled continuous actions to the action box (for the environment only).
    private func clipActions(count n: Int) {
        guard case .box(let low, let high) = actionSpace else { return }
        let a = low.count, s = scratch
        for e in 0..<n {
            for j in 0..<a {
                let v = s.sampled[e * a + j]
                s.clipped[e * a + j] = min(max(v, low[j]), high[j])
            }
        }
    }

    /// With `norm_reward`, replaces the step's rewards by r / √(Var[G] + ε) clipped to ±clip_obs,
    /// G being each instance's running discounted return (reset at episode ends).
    private func scaleRewards(gamma: Double) {
        let n = numEnvs, s = scratch
        guard returnStatistics != nil else { return }
        for e in 0..<n {
            discountedReturns[e] = discountedReturns[e] * gamma + Double(s.rewards[e])
            s.returnBuffer[e] = discountedReturns[e]
        }
        returnStatistics!.update(UnsafeBufferPointer(start: s.returnBuffer, count: n))
        let scale = returnStatistics!.scale, clip = hyperparameters.clipObs
        for e in 0..<n {
            s.rewards[e] = Float(min(max(Double(s.rewards[e]) / scale, -clip), clip))
            if s.terminated[e] || s.truncated[e] { discountedReturns[e] = 0 }
        }
    }

    /// rₜ += γ·V(s_final) for instances whose episode the time limit cut
    /// (s_final normalised with the current statistics).
    private func bootstrapTruncated(gamma: Float) {
        let n = numEnvs, d = observationSize, s = scratch
        var m = 0
        for e in 0..<n where s.truncated[e] && !s.terminated[e] {
            (s.finals + m * d).update(from: environments.finalObservations + e * d, count: d)
            s.finalRows[m] = e
            m += 1
        }
        guard m > 0 else { return }
        observationStatistics?.normalize(s.finals, rows: m, clip: hyperparameters.clipObs)
        let x = tape.constant(UnsafeBufferPointer(start: s.finals, count: m * d), rows: m, cols: d)
        policy.value(x).withUnsafeValues { v in
            for k in 0..<m { s.rewards[s.finalRows[k]] += gamma * v[k] }
        }
    }
}
