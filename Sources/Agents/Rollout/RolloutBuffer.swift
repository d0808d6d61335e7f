/// One rollout: N instances × T steps of (s, a, log π_old(a|s), V_old(s), r,
/// terminated, truncated), then the advantages Â and returns R̂ computed from
/// them. Laid out **env-major**: row `r = e·T + t` is step t of instance e,
/// so each instance's trajectory is contiguous in time (what a temporal loss
/// network such as EPG's reads: `rows(e*T ..< (e+1)*T)`).
///
/// Storage is allocated once and reused every iteration. Losses read it
/// through the buffer views (`observations`, `rewards`, …).
public final class RolloutBuffer {
    /// N.
    public let numEnvs: Int
    /// T.
    public let numSteps: Int
    public let observationSize: Int
    /// Floats per action (1 for a discrete index).
    public let actionSize: Int
    public let isDiscrete: Bool

    let obs: UnsafeMutablePointer<Float>
    let actionIndex: UnsafeMutablePointer<Int32>
    let actionValue: UnsafeMutablePointer<Float>
    let logProb: UnsafeMutablePointer<Float>
    let value: UnsafeMutablePointer<Float>
    let reward: UnsafeMutablePointer<Float>
    let envReward: UnsafeMutablePointer<Float>
    let term: UnsafeMutablePointer<Bool>
    let trunc: UnsafeMutablePointer<Bool>
    let advantage: UnsafeMutablePointer<Float>
    let ret: UnsafeMutablePointer<Float>
    let bootstrap: UnsafeMutablePointer<Float>

    init(numEnvs: Int, numSteps: Int, observationSize: Int, actionSize: Int, isDiscrete: Bool) {
        self.numEnvs = numEnvs
        self.numSteps = numSteps
        self.observationSize = observationSize
        self.actionSize = actionSize
        self.isDiscrete = isDiscrete
        let n = numEnvs * numSteps
        func floats(_ c: Int) -> UnsafeMutablePointer<Float> {
            let p = UnsafeMutablePointer<Float>.allocate(capacity: max(c, 1))
            p.initialize(repeating: 0, count: max(c, 1))
            return p
        }
        obs = floats(n * observationSize)
        actionIndex = .allocate(capacity: n)
        actionIndex.initialize(repeating: 0, count: n)
        actionValue = floats(isDiscrete ? 1 : n * actionSize)
        logProb = floats(n)
        value = floats(n)
        reward = floats(n)
        envReward = floats(n)
        term = .allocate(capacity: n)
        term.initialize(repeating: false, count: n)
        trunc = .allocate(capacity: n)
        trunc.initialize(repeating: false, count: n)
        advantage = floats(n)
        ret = floats(n)
        bootstrap = floats(numEnvs)
    }

    deinit {
        for p in [obs, actionValue, logProb, value, reward, envReward, advantage, ret, bootstrap] { p.deallocate() }
        actionIndex.deallocate()
        term.deallocate()
        trunc.deallocate()
    }

    /// N·T transitions.
    public var count: Int { numEnvs * numSteps }

    /// The row of step t of instance e.
    @inlinable public func row(env e: Int, step t: Int) -> Int { e * numSteps + t }

    /// sₜ as the policy saw it (normalised when `norm_obs`), `[N·T, observationSize]`.
    public var observations: UnsafeBufferPointer<Float> { .init(start: obs, count: count * observationSize) }
    /// Discrete actions aₜ (empty for continuous actions).
    public var actionIndices: UnsafeBufferPointer<Int32> { .init(start: actionIndex, count: isDiscrete ? count : 0) }
    /// Continuous actions aₜ as sampled (before clipping to the box), `[N·T, actionSize]` (empty for discrete).
    public var actionValues: UnsafeBufferPointer<Float> { .init(start: actionValue, count: isDiscrete ? 0 : count * actionSize) }
    /// log π_old(aₜ|sₜ).
    public var logProbs: UnsafeBufferPointer<Float> { .init(start: logProb, count: count) }
    /// V_old(sₜ).
    public var values: UnsafeBufferPointer<Float> { .init(start: value, count: count) }
    /// The rewards learned from: scaled when `norm_reward`, plus γ·V(s_final) where the time limit cut the episode.
    public var rewards: UnsafeBufferPointer<Float> { .init(start: reward, count: count) }
    /// The environment's own rewards.
    public var environmentRewards: UnsafeBufferPointer<Float> { .init(start: envReward, count: count) }
    /// The episode reached a terminal state on this step.
    public var terminated: UnsafeBufferPointer<Bool> { .init(start: term, count: count) }
    /// The time limit cut the episode on this step.
    public var truncated: UnsafeBufferPointer<Bool> { .init(start: trunc, count: count) }
    /// Âₜ (GAE), before any normalisation.
    public var advantages: UnsafeBufferPointer<Float> { .init(start: advantage, count: count) }
    /// R̂ₜ = Âₜ + V_old(sₜ), the value targets.
    public var returns: UnsafeBufferPointer<Float> { .init(start: ret, count: count) }
    /// V_old(s_T) of each instance's observation after the last step.
    public var bootstrapValues: UnsafeBufferPointer<Float> { .init(start: bootstrap, count: numEnvs) }

    /// Generalized Advantage Estimation (Schulman et al. 2016), per instance
    /// backwards in time, cutting at episode ends (dₜ = terminated ∨ truncated;
    /// truncation's bootstrap is already in rₜ):
    ///
    ///     δₜ = rₜ + γ·V(sₜ₊₁)·(1 − dₜ) − V(sₜ),   Âₜ = δₜ + γλ·(1 − dₜ)·Âₜ₊₁,   R̂ₜ = Âₜ + V(sₜ)
    public func computeAdvantages(gamma: Float, lambda: Float) {
        let tMax = numSteps
        for e in 0..<numEnvs {
            var last: Float = 0
            var t = tMax - 1
            while t >= 0 {
                let r = e * tMax + t
                let next = t == tMax - 1 ? bootstrap[e] : value[r + 1]
                let notDone: Float = term[r] || trunc[r] ? 0 : 1
                let delta = reward[r] + gamma * next * notDone - value[r]
                last = delta + gamma * lambda * notDone * last
                advantage[r] = last
                ret[r] = last + value[r]
                t -= 1
            }
        }
    }
}
