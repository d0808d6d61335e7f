import Report

/// The numbers of a comparison, computed once and written as JSON, Markdown and HTML.
public struct ComparisonSummary: Sendable {
    public struct Method: Sendable {
        public var name: String
        /// Mean over seeds of the last-E-episodes return, with its 95% bootstrap interval.
        public var finalReturn: Interval
        /// Mean over seeds of the normalised AUC, with its 95% bootstrap interval.
        public var auc: Interval
        /// Per seed: the step the threshold was reached (nil: not within T).
        public var stepsToThreshold: [Double?]
        /// Gradient steps skipped for a non-finite loss or gradient (evolved only).
        public var skippedSteps: Int
        public var finalReturns: [Double]
        /// The first grid step at which the mean curve over seeds reaches the
        /// threshold (nil: never within T) — how fast the *average* agent gets
        /// there, where `stepsToThreshold` asks it of each agent, whose noisy
        /// curve can cross early and fall back.
        public var meanCurveStepsToThreshold: Double?

        /// Seeds that reached the threshold.
        public var reached: Int { stepsToThreshold.compactMap { $0 }.count }
        /// Median steps to threshold over all seeds, counting "never" as above T (nil when most never reached it).
        public func medianSteps(budget: Int) -> Double? {
            let values = stepsToThreshold.map { $0 ?? .infinity }.sorted()
            guard !values.isEmpty else { return nil }
            let m = Descriptive.quantile(sorted: values, 0.5)
            return m.isFinite ? m : nil
        }
    }

    public var methods: [Method]
    public var threshold: Double
    public var thresholdSource: String
    /// Grid steps of the curves, and each method's mean curve with its band.
    public var grid: [Double]
    public var curves: [String: (mean: [Double], lower: [Double], upper: [Double])]
    /// Welch tests of evolved vs PPO (nil without a PPO baseline).
    public var welchFinal: WelchTest?
    public var welchAUC: WelchTest?
    /// cos(∇θL_φ, ∇θL_PPO) by lifetime fraction.
    public var alignment: (time: [Double], mean: [Double], lower: [Double], upper: [Double])
    /// Mean of every finite cosine sample.
    public var alignmentOverall: Double

    /// Per held-out task (seed), which method's agent reached the threshold
    /// first: the paired view of `stepsToThreshold` (nil without PPO).
    public var firstToThreshold: (evolved: Int, ppo: Int, ties: Int)?

    /// W, the episodes averaged for "steps to threshold".
    public var thresholdWindow: Int

    public init(_ result: ComparisonResult, threshold given: Double?, thresholdWindow: Int, curvePoints: Int) {
        self.thresholdWindow = thresholdWindow
        let grid = Curves.grid(budget: Double(result.budget), count: curvePoints)
        self.grid = grid
        let (value, source) = result.threshold(given: given)
        threshold = value
        thresholdSource = source
        var methods: [Method] = [], curves: [String: (mean: [Double], lower: [Double], upper: [Double])] = [:]
        for (k, name) in result.methods.enumerated() {
            let finals = result.finalReturns(name)
            let areas = result.areas(name, grid: grid)
            methods.append(Method(
                name: name,
                finalReturn: Bootstrap.interval(finals.filter(\.isFinite), seed: 0xF1 &+ UInt64(k)),
                auc: Bootstrap.interval(areas.filter(\.isFinite), seed: 0xA0 &+ UInt64(k)),
                stepsToThreshold: result.stepsToThreshold(name, threshold: value, window: thresholdWindow),
                skippedSteps: result.runs(of: name).reduce(0) { $0 + $1.outcome.skippedSteps },
                finalReturns: finals))
            let band = Curves.band(runs: result.curves(name, grid: grid), seed: 0xC0 &+ UInt64(k))
            curves[name] = band
            methods[k].meanCurveStepsToThreshold = zip(grid, band.mean).first { $0.1 >= value }?.0
        }
        self.methods = methods
        self.curves = curves
        if result.methods.contains("ppo") {
            welchFinal = WelchTest(result.finalReturns("evolved"), result.finalReturns("ppo"))
            welchAUC = WelchTest(result.areas("evolved", grid: grid), result.areas("ppo", grid: grid))
            if let e = methods.first(where: { $0.name == "evolved" }), let p = methods.first(where: { $0.name == "ppo" }) {
                firstToThreshold = Self.pairedOrder(e.stepsToThreshold, p.stepsToThreshold)
            }
        }
        alignment = result.alignment()
        let all = result.runs(of: "evolved").flatMap { $0.alignment.map(\.cosine) }.filter(\.isFinite)
        alignmentOverall = Descriptive.mean(all)
    }

    public func method(_ name: String) -> Method? { methods.first { $0.name == name } }

    /// Counts, seed by seed, which of a and b reached the threshold at the
    /// earlier step (one that never did is later than any that did; both
    /// never, or the same step, is a tie).
    static func pairedOrder(_ a: [Double?], _ b: [Double?]) -> (evolved: Int, ppo: Int, ties: Int) {
        var out = (evolved: 0, ppo: 0, ties: 0)
        for (x, y) in zip(a, b) {
            let sx = x ?? .infinity, sy = y ?? .infinity
            if sx < sy { out.evolved += 1 } else if sy < sx { out.ppo += 1 } else { out.ties += 1 }
        }
        return out
    }
}
