/// A population algorithm that the generic `RunDriver` runs generation by
/// generation, checkpoints and resumes: ES policy search ("es"), EPG, PBT,
/// POET. The algorithm owns its state and its checkpoint sections; the
/// driver owns the loop, the budget, `metrics.csv` (its table travels in
/// every checkpoint), cumulative wall-clock time, the config section and the
/// last-K policy.
///
/// The contract a conforming type keeps: `runGeneration()` depends only on
/// the state restored by `init(configuration:restoring:threads:)` (never on
/// the clock, the thread count or a global generator), so a run killed at
/// any point and resumed from a checkpoint ends bit for bit where a run
/// that went straight through ends.
///
///     struct MyRun: PopulationRun {
///         static let kind = "my-algorithm"
///         ...
///     }
///     let driver = try RunDriver(starting: MyRun(configuration: c, threads: 2),
///                                configText: yaml, directory: run)
///     try driver.run()
public protocol PopulationRun {
    /// The run's whole configuration (decoded from YAML by the command line).
    associatedtype Configuration: PopulationRunConfiguration

    /// What its checkpoints are called ("es", "epg", "pbt", "poet"): `resume`
    /// and `inspect` pick the type by it, and a loader refuses other kinds.
    static var kind: String { get }

    /// A fresh run at generation 0.
    init(configuration: Configuration, threads: Int) throws

    /// The run exactly as it was when `checkpoint` was written (its own
    /// sections; the driver restores the rest). Throws `CheckpointError`
    /// naming the file when a section is missing or does not fit the configuration.
    init(configuration: Configuration, restoring checkpoint: Checkpoint, threads: Int) throws

    /// The configuration it runs.
    var configuration: Configuration { get }

    /// Generations completed: the next `runGeneration()` runs generation `generation`.
    var generation: Int { get }

    /// The columns of a metrics row. The first is "generation"; the driver
    /// reads "fitness_mean" and "fitness_max" for progress and fills
    /// "wall_seconds" (cumulative since the run began) when present.
    var metricsColumns: [String] { get }

    /// Runs one generation and returns its metrics row (`metricsColumns`
    /// order); `generation` advances by one.
    mutating func runGeneration() throws -> [Double]

    /// Writes the algorithm's own sections (e.g. "strategy") into `checkpoint`.
    func save(into checkpoint: inout Checkpoint)

    /// The highest fitness seen so far (fitness is maximised), nil before the first generation.
    var bestFitness: Double? { get }

    /// Hex digest of the state that must match bit for bit between a straight
    /// and a resumed run (for ES: generation, μ, σ and the optimizer's moments).
    var stateDigest: String { get }

    /// Lines `populus inspect` prints after the generic ones: (label, value).
    func inspection() -> [(label: String, value: String)]
}

/// The settings the driver reads from an algorithm's configuration.
public protocol PopulationRunConfiguration: Codable, Sendable {
    /// The run's directory name under `populations/`.
    var name: String { get }
    /// G: the budget in generations (`populus resume --generations N` raises it).
    var generations: Int { get set }
    /// Write a checkpoint every this many generations (and always at the end).
    var checkpointEvery: Int { get }
    /// K: how many checkpoints to keep (the newest).
    var keepCheckpoints: Int { get }
}
