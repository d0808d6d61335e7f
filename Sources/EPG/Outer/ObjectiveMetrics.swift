import Evolution
import Runs

/// One generation of an evolved-objective run (`epg`, `lpo`): the ES report over the candidates' fitness,
/// α, the validation return (NaN between validations), the best so far,
/// lifetimes run, environment steps and gradient steps skipped because the
/// loss or its gradient was not finite.
public struct ObjectiveMetrics: MetricsRecord {
    public var report: GenerationReport
    /// α: the weight of PPO's loss in (1 − α)·L_φ + α·L_PPO this generation (EPG; 0 for LPO).
    public var alpha: Double
    /// μ's validation return (NaN when this generation did not validate).
    public var testReturn = Double.nan
    /// The best validation return so far (NaN before the first).
    public var bestTestReturn = Double.nan
    /// Lifetimes run (candidates' and validation's).
    public var lifetimes: Int
    public var envSteps: Int
    public var skippedSteps: Int
    public var wallSeconds = 0.0

    public init(report: GenerationReport, alpha: Double, lifetimes: Int, envSteps: Int, skippedSteps: Int) {
        self.report = report
        self.alpha = alpha
        self.lifetimes = lifetimes
        self.envSteps = envSteps
        self.skippedSteps = skippedSteps
    }

    /// The ES report's columns, then EPG's.
    public static let columns = GenerationReport.metricsColumns
        + ["alpha", "test_return", "best_test_return", "lifetimes", "env_steps", "skipped_steps"]

    public var fitnessMean: Double { Double(report.fitnessMean) }
    public var fitnessMax: Double { Double(report.fitnessMax) }

    public var values: [Double] {
        report.metricsRow(wallSeconds: wallSeconds)
            + [alpha, testReturn, bestTestReturn, Double(lifetimes), Double(envSteps), Double(skippedSteps)]
    }
}
