import Checkpoint
import Config

/// A population algorithm that the generic `RunDriver` runs generation by
/// generation, checkpoints and resumes: ES policy search ("es"), EPG, PBT,
/// POET. The algorithm owns its state, its checkpoint sections and its math;
/// the driver owns the loop, the budget, `metrics.csv` (its table travels in
/// every checkpoint), cumulative wall-clock time, the config section and the
/// last-K policy. Members are evaluated through the run's `EvaluationBackend`.
///
/// The contract a conforming type keeps: `runGeneration()` depends only on
/// the state restored by `init(configuration:restoring:backend:)` (never on
/// the clock, the backend's threads or ranks, or a global generator), so a
/// run killed at any point and resumed from a checkpoint ends bit for bit
/// where a run that went straight through ends.
///
///     struct MyRun: PopulationRun {
///         static let kind = "my-algorithm"
///         ...
///     }
///     let run = try RunDirectory.create(name: "demo", under: populations, config: yaml)
///     let driver = try RunDriver(starting: MyRun(configuration: c, backend: LocalBackend(threads: 2)),
///                                configText: yaml, directory: run)
///     try driver.run()
///
/// `docs/adding-a-run-kind.md` walks through a whole one.
public protocol PopulationRun {
    /// The run's whole configuration (decoded from YAML by the command line).
    associatedtype Configuration: PopulationRunConfiguration
    /// One generation's metrics row.
    associatedtype Metrics: MetricsRecord

    /// What its checkpoints are called ("es", "epg", "pbt", "poet"): `resume`
    /// and `inspect` pick the type by it, and a loader refuses other kinds.
    static var kind: String { get }

    /// A fresh run at generation 0, evaluating through `backend`.
    init(configuration: Configuration, backend: any EvaluationBackend) throws

    /// The run exactly as it was when `checkpoint` was written (its own
    /// sections; the driver restores the rest). Throws `CheckpointError`
    /// naming the file when a section is missing or does not fit the configuration.
    init(configuration: Configuration, restoring checkpoint: Checkpoint, backend: any EvaluationBackend) throws

    /// The configuration it runs.
    var configuration: Configuration { get }

    /// Generations completed: the next `runGeneration()` runs generation `generation`.
    var generation: Int { get }

    /// The columns of a metrics row, in `Metrics.values` order; the first is "generation".
    var metricsColumns: [String] { get }

    /// Runs one generation and returns its metrics; `generation` advances by one.
    mutating func runGeneration() throws -> Metrics

    /// Writes the algorithm's own sections (e.g. "strategy") into `checkpoint`.
    func save(into checkpoint: inout Checkpoint)

    /// The highest fitness seen so far (fitness is maximised), nil before the first generation.
    var bestFitness: Double? { get }

    /// Hex digest of the state that must match bit for bit between a straight
    /// and a resumed run (for ES: generation, μ, σ and the optimizer's moments).
    var stateDigest: String { get }

    /// Lines `populus inspect` prints after the generic ones: (label, value).
    func inspection() -> [(label: String, value: String)]

    /// Called once the run has its directory, before the first generation of
    /// this process: a run that writes side files next to `metrics.csv`
    /// (PBT's `lineage.jsonl`, POET's `events.jsonl`) rewrites them here from
    /// its own state — so a resumed run drops lines a killed process wrote
    /// after its checkpoint — and appends to them as it goes. Default: nothing.
    mutating func attach(to directory: RunDirectory) throws
}

extension PopulationRun {
    public mutating func attach(to directory: RunDirectory) throws {}

    /// A fresh run evaluating on `threads` local threads.
    public init(configuration: Configuration, threads: Int) throws {
        try self.init(configuration: configuration, backend: LocalBackend(threads: threads))
    }

    /// A restored run evaluating on `threads` local threads.
    public init(configuration: Configuration, restoring checkpoint: Checkpoint, threads: Int) throws {
        try self.init(configuration: configuration, restoring: checkpoint, backend: LocalBackend(threads: threads))
    }
}

/// The settings the driver reads from an algorithm's configuration.
public protocol PopulationRunConfiguration: RunConfiguration {
    /// G: the budget in generations (`populus resume --generations N` raises it).
    var generations: Int { get set }
    /// Write a checkpoint every this many generations (and always at the end).
    var checkpointEvery: Int { get }
    /// K: how many checkpoints to keep (the newest).
    var keepCheckpoints: Int { get }
}
