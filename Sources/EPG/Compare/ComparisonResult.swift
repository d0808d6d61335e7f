import Agents
import Environments
import Report

/// The statistics `populus compare` reports, per method over seeds:
///
/// - final return: the mean return of the last E episodes of each lifetime
///   (E = `fitness.episodes`), with a 95% percentile-bootstrap interval of the mean over seeds;
/// - AUC: the normalised area under each lifetime's learning curve (its
///   average height over T, in return units; a method that learns early
///   scores higher), same interval;
/// - steps to threshold: the agent step at which the mean return of a
///   lifetime's last W episodes first reaches the threshold (W = `threshold_window`);
/// - Welch's t-test of evolved vs PPO on final return and on AUC;
/// - the alignment of the evolved loss's gradient with PPO's, binned over the lifetime.
public struct ComparisonResult: Sendable {
    public let runs: [MethodRun]
    public let methods: [String]
    public let split: TaskSplit
    public let seeds: Int
    /// T.
    public let budget: Int
    /// E.
    public let lastEpisodes: Int

    public init(runs: [MethodRun], methods: [String], split: TaskSplit, seeds: Int, budget: Int, lastEpisodes: Int) {
        let order = { (m: String) in methods.firstIndex(of: m) ?? methods.count }
        self.runs = runs.sorted { (order($0.method), $0.seed) < (order($1.method), $1.seed) }
        self.methods = methods
        self.split = split
        self.seeds = seeds
        self.budget = budget
        self.lastEpisodes = lastEpisodes
    }

    /// The lifetimes of one method, by seed.
    public func runs(of method: String) -> [MethodRun] { runs.filter { $0.method == method }.sorted { $0.seed < $1.seed } }

    /// Final return per seed.
    public func finalReturns(_ method: String) -> [Double] {
        runs(of: method).map { $0.outcome.curve.meanReturn(last: lastEpisodes) ?? .nan }
    }

    /// Each seed's curve on `grid`.
    public func curves(_ method: String, grid: [Double]) -> [[Double]] {
        runs(of: method).map { run in
            Curves.resample(events: run.outcome.curve.episodes.map { (Double($0.step), $0.return) }, grid: grid)
        }
    }

    /// AUC per seed.
    public func areas(_ method: String, grid: [Double]) -> [Double] {
        curves(method, grid: grid).map { Curves.normalizedArea(x: grid, y: $0) }
    }

    /// Steps to `threshold` per seed, the last `window` episodes averaged (nil: never within T).
    public func stepsToThreshold(_ method: String, threshold: Double, window: Int) -> [Double?] {
        runs(of: method).map { $0.outcome.curve.stepReaching(threshold, window: window).map(Double.init) }
    }

    /// The threshold: `given`, else PPO's mean final return (else the evolved loss's).
    public func threshold(given: Double?) -> (value: Double, source: String) {
        if let given { return (given, "set in compare.threshold") }
        if methods.contains("ppo") {
            return (Descriptive.mean(finalReturns("ppo")), "PPO's mean final return")
        }
        return (Descriptive.mean(finalReturns("evolved")), "the evolved loss's mean final return")
    }

    /// cos(∇θL_φ, ∇θL_PPO) averaged in `bins` equal slices of the lifetime, over every evolved lifetime.
    public func alignment(bins: Int = 10) -> (time: [Double], mean: [Double], lower: [Double], upper: [Double]) {
        let evolved = runs(of: "evolved")
        var perSeed: [[Double]] = []
        for run in evolved {
            var sums = [Double](repeating: 0, count: bins), counts = [Int](repeating: 0, count: bins)
            for s in run.alignment where s.cosine.isFinite {
                let b = min(bins - 1, max(0, Int(s.time * Double(bins))))
                sums[b] += s.cosine
                counts[b] += 1
            }
            perSeed.append((0..<bins).map { counts[$0] > 0 ? sums[$0] / Double(counts[$0]) : .nan })
        }
        let band = Curves.band(runs: perSeed)
        let time = (0..<bins).map { (Double($0) + 0.5) / Double(bins) }
        return (time, band.mean, band.lower, band.upper)
    }
}
