/// A point estimate with a confidence interval.
public struct Interval: Sendable, Equatable, Codable {
    /// The statistic on the whole sample.
    public var estimate: Double
    /// Lower and upper ends of the interval.
    public var lower: Double
    public var upper: Double
    /// The nominal coverage (0.95 for a 95% interval).
    public var level: Double

    public init(estimate: Double, lower: Double, upper: Double, level: Double) {
        self.estimate = estimate
        self.lower = lower
        self.upper = upper
        self.level = level
    }

    /// True when `value` lies in [lower, upper].
    public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }
}

/// The nonparametric percentile bootstrap (Efron & Tibshirani 1993, ch. 13):
/// draw B resamples of n values with replacement, compute the statistic on
/// each, and take the (1 − level)/2 and (1 + level)/2 quantiles of those B
/// values as the interval. Deterministic: resamples come from `seed`.
///
///     let ci = Bootstrap.interval(finalReturns)               // 95% CI of the mean
///     print("\(ci.estimate) [\(ci.lower), \(ci.upper)]")
public enum Bootstrap {
    /// The interval of `statistic` (default: the mean). One value gives a
    /// zero-width interval; an empty sample gives NaNs.
    public static func interval(_ sample: [Double], level: Double = 0.95, resamples: Int = 10_000,
                                seed: UInt64 = 0x5EED,
                                statistic: ([Double]) -> Double = Descriptive.mean) -> Interval {
        precondition(level > 0 && level < 1, "Bootstrap.interval: level must be in (0, 1)")
        precondition(resamples > 0, "Bootstrap.interval: resamples must be positive")
        let estimate = statistic(sample)
        guard sample.count > 1 else { return Interval(estimate: estimate, lower: estimate, upper: estimate, level: level) }
        var rng = SplitMix64(seed: seed)
        var draws = [Double](repeating: 0, count: resamples)
        var buffer = sample
        for b in 0..<resamples {
            for i in 0..<sample.count { buffer[i] = sample[rng.index(below: sample.count)] }
            draws[b] = statistic(buffer)
        }
        draws.sort()
        let tail = (1 - level) / 2
        return Interval(estimate: estimate, lower: Descriptive.quantile(sorted: draws, tail),
                        upper: Descriptive.quantile(sorted: draws, 1 - tail), level: level)
    }
}
