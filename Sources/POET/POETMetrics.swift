import Runs

/// One POET iteration: the active pairs' scores and the loop's counts.
public struct POETMetrics: MetricsRecord {
    /// The iteration (0-based) these are the metrics of.
    public var iteration: Int
    /// The active pairs' self-evaluation scores (finite ones).
    public var scores: [Double]
    public var active: Int
    public var archived: Int
    /// Environments created after the first.
    public var created: Int
    public var annecs: Int
    public var solvedActive: Int
    public var admitted: Int
    public var transfers: Int
    public var transfersTotal: Int
    public var envSteps: Int
    public var envStepsTotal: Int
    public var wallSeconds = 0.0

    public init(iteration: Int, scores: [Double], active: Int, archived: Int, created: Int, annecs: Int,
                solvedActive: Int, admitted: Int, transfers: Int, transfersTotal: Int, envSteps: Int,
                envStepsTotal: Int) {
        self.iteration = iteration
        self.scores = scores
        self.active = active
        self.archived = archived
        self.created = created
        self.annecs = annecs
        self.solvedActive = solvedActive
        self.admitted = admitted
        self.transfers = transfers
        self.transfersTotal = transfersTotal
        self.envSteps = envSteps
        self.envStepsTotal = envStepsTotal
    }

    public static let columns = [
        "generation", "fitness_mean", "fitness_max", "fitness_min", "active", "archived", "created", "annecs",
        "solved_active", "admitted", "transfers", "transfers_total", "env_steps", "env_steps_total", "wall_seconds",
    ]

    public var fitnessMean: Double { scores.isEmpty ? .nan : scores.reduce(0, +) / Double(scores.count) }
    public var fitnessMax: Double { scores.max() ?? .nan }

    public var values: [Double] {
        [Double(iteration), fitnessMean, fitnessMax, scores.min() ?? .nan, Double(active), Double(archived),
         Double(created), Double(annecs), Double(solvedActive), Double(admitted), Double(transfers),
         Double(transfersTotal), Double(envSteps), Double(envStepsTotal), wallSeconds]
    }
}
