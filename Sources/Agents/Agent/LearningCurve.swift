/// An agent's learning so far: every finished episode with the step it
/// ended at, and the statistics of every update. Deterministic (no wall-clock
/// figures), so two runs can be compared with `==`.
public struct LearningCurve: Sendable, Equatable, Codable {
    /// Episodes in the order they ended (instances in index order within a step).
    public var episodes: [EpisodeRecord] = []
    /// One entry per update (rollout).
    public var updates: [UpdateStats] = []

    public init() {}

    /// Mean undiscounted return of the last `window` episodes (fewer if fewer ended); nil before any.
    public func meanReturn(last window: Int) -> Double? {
        guard !episodes.isEmpty, window > 0 else { return nil }
        let tail = episodes.suffix(window)
        return tail.reduce(0) { $0 + $1.return } / Double(tail.count)
    }

    /// The agent step at which the mean return of the last `window` episodes
    /// first reached `threshold` (a full window is required); nil if never.
    public func stepReaching(_ threshold: Double, window: Int) -> Int? {
        guard window > 0, episodes.count >= window else { return nil }
        var sum = episodes[0..<window].reduce(0) { $0 + $1.return }
        if sum / Double(window) >= threshold { return episodes[window - 1].step }
        for i in window..<episodes.count {
            sum += episodes[i].return - episodes[i - window].return
            if sum / Double(window) >= threshold { return episodes[i].step }
        }
        return nil
    }
}

/// One finished episode.
public struct EpisodeRecord: Sendable, Equatable, Codable {
    /// The agent's environment-step count when it ended (all instances' steps counted).
    public var step: Int
    /// Undiscounted sum of the environment's rewards.
    public var `return`: Double
    /// Steps in the episode.
    public var length: Int

    public init(step: Int, return r: Double, length: Int) {
        self.step = step
        self.return = r
        self.length = length
    }
}

/// What one update did (means over its gradient steps), named as CleanRL logs them.
public struct UpdateStats: Sendable, Equatable, Codable {
    /// Updates completed, this one included.
    public var iteration: Int
    /// Environment steps taken when the update ran.
    public var step: Int
    /// α used (after annealing).
    public var learningRate: Double
    /// The loss's policy term (`policy_loss`).
    public var policyLoss: Double
    /// The loss's value term (`value_loss`).
    public var valueLoss: Double
    /// Mean H[π_θ(·|s)] (`entropy`).
    public var entropy: Double
    /// E[(r − 1) − log r], an estimate of KL(π_old ‖ π_θ) (`approx_kl`, Schulman's k3).
    public var approxKL: Double
    /// Fraction of samples with |r − 1| > ε (`clipfrac`).
    public var clipFraction: Double
    /// 1 − Var[R̂ − V_old] / Var[R̂] over the rollout (`explained_variance`).
    public var explainedVariance: Double
    /// ‖∇θ‖₂ before clipping, averaged over the gradient steps.
    public var gradientNorm: Double
    /// Gradient steps taken.
    public var gradientSteps: Int
    /// True when the target-KL rule stopped the update early.
    public var stoppedEarly: Bool

    /// Bitwise equality: NaN diagnostics (a loss without that term) compare equal to NaN.
    public static func == (a: UpdateStats, b: UpdateStats) -> Bool {
        a.iteration == b.iteration && a.step == b.step && a.gradientSteps == b.gradientSteps
            && a.stoppedEarly == b.stoppedEarly
            && a.doubles.map(\.bitPattern) == b.doubles.map(\.bitPattern)
    }

    /// The floating-point fields, in declaration order.
    var doubles: [Double] {
        [learningRate, policyLoss, valueLoss, entropy, approxKL, clipFraction, explainedVariance, gradientNorm]
    }
}
