import Checkpoint
import Config

/// A run restored from its saved checkpoint: the typed run (with the
/// configuration stored in the checkpoint), its metrics so far, and where it
/// came from. What `inspect`, `report`, `compare` and `poet show` read.
///
///     let saved = try SavedRun<ESRun>.load("populations/es-cartpole")
///     print(saved.run.generation, saved.run.stateDigest, saved.metrics.rows.count)
public struct SavedRun<Run: PopulationRun> {
    public let run: Run
    public let metrics: MetricsTable
    public let saved: SavedCheckpoint

    /// Restores `saved` (which must be a `Run.kind` checkpoint) on `backend`.
    public init(_ saved: SavedCheckpoint, backend: any EvaluationBackend = LocalBackend(threads: 1)) throws {
        try saved.require(kind: Run.kind, for: "this command")
        let configuration = try Self.configuration(of: saved.checkpoint)
        run = try Run(configuration: configuration, restoring: saved.checkpoint, backend: backend)
        metrics = try saved.metrics()
        self.saved = saved
    }

    /// The run at `path` (a run directory's newest intact checkpoint, or a checkpoint file).
    public static func load(_ path: String, backend: any EvaluationBackend = LocalBackend(threads: 1)) throws -> SavedRun {
        try SavedRun(try SavedCheckpoint.locate(path, policy: .newestIntact), backend: backend)
    }

    public var configuration: Run.Configuration { run.configuration }
    public var directory: RunDirectory { saved.directory }

    /// The configuration stored in `checkpoint` (the resolved YAML the run used).
    public static func configuration(of checkpoint: Checkpoint) throws -> Run.Configuration {
        let source = "\(checkpoint.source ?? "checkpoint") (config section)"
        return try ConfigDocument(yaml: try checkpoint.text(Checkpoint.config), file: source)
            .decode(Run.Configuration.self)
    }
}
