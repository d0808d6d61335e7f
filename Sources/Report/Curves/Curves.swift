/// Learning curves: per-run events (an episode's return at the step it
/// ended) put on a common step grid, bands across runs, the area under a
/// curve and the first step a curve reaches a threshold.
public enum Curves {
    /// One run's curve on `grid` (ascending steps): the value at gᵢ is the
    /// mean of the events with step in (gᵢ₋₁, gᵢ] (g₋₁ = −∞), or the previous
    /// grid value when none ended there (NaN before the first event).
    ///
    ///     Curves.resample(events: [(100, 1), (150, 3), (400, 5)], grid: [200, 300, 400])   // [2, 2, 5]
    public static func resample(events: [(step: Double, value: Double)], grid: [Double]) -> [Double] {
        let sorted = events.sorted { $0.step < $1.step }
        var out = [Double](repeating: .nan, count: grid.count)
        var k = 0, previous = Double.nan
        for (i, g) in grid.enumerated() {
            var sum = 0.0, n = 0
            while k < sorted.count && sorted[k].step <= g {
                sum += sorted[k].value
                n += 1
                k += 1
            }
            if n > 0 { previous = sum / Double(n) }
            out[i] = previous
        }
        return out
    }

    /// `count` grid points evenly spaced from budget/count to `budget`.
    public static func grid(budget: Double, count: Int) -> [Double] {
        precondition(count > 0, "Curves.grid needs at least one point")
        return (1...count).map { budget * Double($0) / Double(count) }
    }

    /// Mean across runs at each grid point with a bootstrap interval
    /// (over the runs that have a value there).
    public static func band(runs: [[Double]], level: Double = 0.95, resamples: Int = 2_000,
                            seed: UInt64 = 0xBA4D) -> (mean: [Double], lower: [Double], upper: [Double]) {
        let points = runs.map(\.count).max() ?? 0
        var mean = [Double](repeating: .nan, count: points), lower = mean, upper = mean
        for i in 0..<points {
            let values = runs.compactMap { i < $0.count && $0[i].isFinite ? $0[i] : nil }
            guard !values.isEmpty else { continue }
            let ci = Bootstrap.interval(values, level: level, resamples: resamples, seed: seed &+ UInt64(i))
            (mean[i], lower[i], upper[i]) = (ci.estimate, ci.lower, ci.upper)
        }
        return (mean, lower, upper)
    }

    /// The normalised area under a curve, (1/(x_last − x_first)) ∫ y dx by
    /// trapezoids over its finite points: the curve's average height, in the
    /// units of y (a learner that is good early scores higher). One point: y itself.
    public static func normalizedArea(x: [Double], y: [Double]) -> Double {
        let pts = zip(x, y).filter { $0.0.isFinite && $0.1.isFinite }
        guard let first = pts.first, let last = pts.last else { return .nan }
        guard last.0 > first.0 else { return first.1 }
        var area = 0.0
        for i in 1..<pts.count { area += (pts[i].0 - pts[i - 1].0) * (pts[i].1 + pts[i - 1].1) / 2 }
        return area / (last.0 - first.0)
    }

    /// The first x at which y ≥ threshold (nil if never).
    public static func firstReaching(_ threshold: Double, x: [Double], y: [Double]) -> Double? {
        for (a, b) in zip(x, y) where b.isFinite && b >= threshold { return a }
        return nil
    }
}
