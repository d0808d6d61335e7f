import Runs

/// One generation of a PBT run: the population's scores (recent mean
/// returns, NaN while a member has no finished episode) and the
/// hyperparameters each member trained with during it (before that
/// generation's exploit), with the summary `metrics.csv` leads with.
public struct PBTMetrics: MetricsRecord {
    /// The generation (0-based) these are the metrics of.
    public var generation: Int
    /// Member m's score at the ready check.
    public var scores: [Double]
    /// Member m's searched hyperparameters during the generation (the space's order).
    public var hyperparameters: [[Double]]
    /// Environment steps of all members so far.
    public var envSteps: Int
    /// Exploits this generation.
    public var exploits: Int
    public var wallSeconds = 0.0

    public init(generation: Int, scores: [Double], hyperparameters: [[Double]], envSteps: Int, exploits: Int) {
        self.generation = generation
        self.scores = scores
        self.hyperparameters = hyperparameters
        self.envSteps = envSteps
        self.exploits = exploits
    }

    var finite: [Double] { scores.filter { !$0.isNaN } }
    public var fitnessMean: Double { finite.isEmpty ? .nan : finite.reduce(0, +) / Double(finite.count) }
    public var fitnessMax: Double { finite.max() ?? .nan }
    /// The member ranked first (ties: lowest index).
    public var bestMember: Int { ExploitRule.ranking(scores).first ?? 0 }

    /// `PBTRun.metricsColumns` order.
    public var values: [Double] {
        var row: [Double] = [Double(generation), fitnessMean, fitnessMax, finite.min() ?? .nan, wallSeconds,
                             Double(envSteps), Double(exploits), Double(bestMember)]
        for m in scores.indices {
            row.append(scores[m])
            row += hyperparameters[m]
        }
        return row
    }
}
