import Evolution
import Runs

/// One generation of an `es` run: the ES core's report, the return of μ
/// itself (played on as many episodes as a member) and the environment
/// steps the generation took.
public struct ESMetrics: MetricsRecord {
    public var report: GenerationReport
    /// The mean return of μ's own episodes.
    public var meanPolicyReturn: Double
    /// Environment steps of every episode played this generation (members and μ).
    public var envSteps: Int
    public var wallSeconds = 0.0

    public init(report: GenerationReport, meanPolicyReturn: Double, envSteps: Int) {
        self.report = report
        self.meanPolicyReturn = meanPolicyReturn
        self.envSteps = envSteps
    }

    public var fitnessMean: Double { Double(report.fitnessMean) }
    public var fitnessMax: Double { Double(report.fitnessMax) }

    /// `ESRun.metricsColumns` order: the report's Float statistics written as
    /// the Float's shortest decimal (σ 0.1, not 0.10000000149011612), for
    /// people reading the CSV.
    public var values: [Double] {
        var row = report.metricsRow(wallSeconds: 0).map { Double("\(Float($0))") ?? $0 }
        if let wall = GenerationReport.metricsColumns.firstIndex(of: "wall_seconds") { row[wall] = wallSeconds }
        return row + [meanPolicyReturn, Double(envSteps)]
    }
}
