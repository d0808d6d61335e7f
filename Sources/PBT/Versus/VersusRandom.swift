import Foundation

/// PBT against random search at equal compute (Jaderberg et al. 2017, §4):
/// for each seed, the config's PBT run and the same population with
/// `exploit: none` — the same P hyperparameter draws from the prior, the same
/// initial weights and streams, trained side by side for the same steps but
/// never copying. Both are scored the same way at the same ready checks
/// (the best member's recent mean return), and "steps to threshold" is the
/// population's total environment steps (P × each member's) at the first
/// ready check where that best score reaches the threshold.
///
///     let result = try VersusRandom.run(config, seeds: [0, 1, 2], threshold: -250, threads: 2)
///     result.outcomes.map(\.pbtSteps)        // [Int?] per seed
public enum VersusRandom {
    /// One method's curve on one seed.
    public struct Curve: Sendable, Equatable {
        public var method: String
        public var seed: UInt64
        /// Population environment steps at each ready check.
        public var steps: [Int]
        /// The best member's score at each ready check.
        public var best: [Double]
        /// The members' mean score at each ready check.
        public var mean: [Double]

        /// Total steps at the first ready check with best ≥ threshold, nil if never.
        public func steps(reaching threshold: Double) -> Int? {
            zip(steps, best).first { !$0.1.isNaN && $0.1 >= threshold }?.0
        }
    }

    /// Both methods on one seed.
    public struct Outcome: Sendable, Equatable {
        public var seed: UInt64
        public var pbt: Curve
        public var random: Curve
        public var pbtSteps: Int?
        public var randomSteps: Int?
        /// The hyperparameters of PBT's and random search's best members at the end.
        public var pbtBest: String
        public var randomBest: String
        public var seconds: Double

        /// True when PBT reached the threshold and random search did not, or did later.
        public var pbtWins: Bool {
            guard let p = pbtSteps else { return false }
            return randomSteps.map { p < $0 } ?? true
        }
    }

    public struct Result: Sendable, Equatable {
        public var threshold: Double
        public var outcomes: [Outcome]
        /// Seeds on which PBT reached the threshold in fewer total steps.
        public var pbtWins: Int { outcomes.filter(\.pbtWins).count }
    }

    /// Runs PBT and random search for every seed (in memory: no run
    /// directories or checkpoints). `progress` hears one line per finished run.
    public static func run(_ configuration: PBTConfiguration, seeds: [UInt64], threshold: Double, threads: Int,
                           progress: (String) -> Void = { _ in }) throws -> Result {
        var outcomes: [Outcome] = []
        for seed in seeds {
            let start = ContinuousClock.now
            var c = configuration
            c.seed = seed
            let (pbt, pbtBest) = try curve(c, method: "pbt", threads: threads)
            progress("seed \(seed): pbt best \(formatValue(pbt.best.last ?? .nan)), threshold reached at \(pbt.steps(reaching: threshold).map(String.init) ?? "never")")
            c.pbt.exploit = .none
            let (random, randomBest) = try curve(c, method: "random", threads: threads)
            progress("seed \(seed): random best \(formatValue(random.best.last ?? .nan)), threshold reached at \(random.steps(reaching: threshold).map(String.init) ?? "never")")
            outcomes.append(Outcome(seed: seed, pbt: pbt, random: random, pbtSteps: pbt.steps(reaching: threshold),
                                    randomSteps: random.steps(reaching: threshold), pbtBest: pbtBest,
                                    randomBest: randomBest, seconds: seconds(since: start)))
        }
        return Result(threshold: threshold, outcomes: outcomes)
    }

    static func curve(_ c: PBTConfiguration, method: String, threads: Int) throws -> (Curve, String) {
        var run = try PBTRun(configuration: c, threads: threads)
        var curve = Curve(method: method, seed: c.seed, steps: [], best: [], mean: [])
        while run.generation < c.generations {
            let metrics = try run.runGeneration()
            curve.steps.append(metrics.envSteps)
            curve.best.append(metrics.fitnessMax)
            curve.mean.append(metrics.fitnessMean)
        }
        let b = run.members[run.bestMember]
        return (curve, "member \(b.index): \(run.space.describe(b.point))")
    }

    /// Usual goals: Pendulum −250 (the claim), CartPole 475 (v1's reward threshold).
    public static func defaultThreshold(_ env: String) -> Double? {
        let e = env.lowercased()
        if e.hasPrefix("pendulum") { return -250 }
        if e.hasPrefix("cartpole") { return 475 }
        return nil
    }
}
