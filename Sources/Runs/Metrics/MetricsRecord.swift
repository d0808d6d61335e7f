/// One generation's metrics as a run kind reports them: a typed value (its
/// fields are the run kind's own: σ, α, validation returns, exploits…) that
/// also reads as one `metrics.csv` row.
///
/// The driver reads `fitnessMean` and `fitnessMax` for the progress line and
/// sets `wallSeconds` (cumulative since the run began) before it writes the
/// row; everything else is the run kind's.
///
///     struct MyMetrics: MetricsRecord {
///         var generation: Int, fitnessMean: Double, fitnessMax: Double, wallSeconds = 0.0
///         var values: [Double] { [Double(generation), fitnessMean, fitnessMax, wallSeconds] }
///     }
public protocol MetricsRecord: Sendable, Equatable {
    /// The generation's mean fitness (NaN when it has none).
    var fitnessMean: Double { get }
    /// The generation's highest fitness (NaN when it has none).
    var fitnessMax: Double { get }
    /// Cumulative wall-clock seconds since the run began; the driver fills it
    /// in (a run leaves it 0, so rows compare equal across processes).
    var wallSeconds: Double { get set }
    /// The row in the run's `metricsColumns` order, its first value the generation.
    var values: [Double] { get }
}

extension MetricsRecord {
    /// The row with its wall-clock time zeroed: equal for a straight and a
    /// resumed run (tests compare these).
    public var valuesWithoutWall: [Double] {
        var copy = self
        copy.wallSeconds = 0
        return copy.values
    }
}
